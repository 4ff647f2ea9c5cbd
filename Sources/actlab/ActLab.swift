import ArgumentParser
import ActivationLab

@main
struct ActLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actlab",
        abstract: "Find out whether a different activation or output layer trains your network faster, better or more stably.",
        subcommands: [
            TrainCommand.self,
            CompareCommand.self,
            ReportCommand.self,
            ReproduceCommand.self,
            ExplicitCommand.self,
            AnalyzeCurvatureCommand.self,
            ActivationsCommand.self,
            HeadsCommand.self,
            DatasetsCommand.self,
            MergeCommand.self,
            BenchCommand.self,
        ]
    )

    /// ArgumentParser's `main`, except that library errors naming option keys are told with the flags' names.
    /// An unknown subcommand is told with the nearest command's name.
    static func main() {
        do {
            var command: any ParsableCommand
            do { command = try parseAsRoot() } catch {
                if let unknown = unknownCommand(in: Array(CommandLine.arguments.dropFirst())) { exit(withError: unknown) }
                // A usage mistake is one line, without the usage block; help and --version print in full.
                if exitCode(for: error) != .success { exit(withError: CommandLineError(message(for: error))) }
                throw error
            }
            // Once the command runs its arguments parsed fine: what it throws is one line, without a usage
            // block (ArgumentParser would print the root command's).
            do { try command.run() } catch let error as ValidationError { exit(withError: CommandLineError(error.message)) }
        } catch let error as ConfigurationError {
            exit(withError: CommandLineError(error.message(naming: CommandLineOptions.flag)))
        } catch let error as ComparisonError {
            exit(withError: CommandLineError(error.message(naming: CommandLineOptions.flag)))
        } catch {
            exit(withError: error)
        }
    }
}

extension ActLab {
    /// The subcommand names, and `help`.
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// When parsing failed and the first argument is a word that names no command: a one-line error
    /// with the nearest command (`unknown command 'comapre'; did you mean 'compare'?`), else nil.
    static func unknownCommand(in arguments: [String]) -> CommandLineError? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let hint = EditDistance.nearest(to: first, among: commandNames).map { "; did you mean '\($0)'?" }
        return CommandLineError("unknown command '\(first)'"
                                + (hint ?? "; commands: \(commandNames.joined(separator: ", "))"))
    }
}

/// A one-line error for the terminal.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
