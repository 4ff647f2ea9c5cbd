import ArgumentParser
import ActivationLab
import Foundation

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

    /// ArgumentParser's `main`, except for how errors are told: every error is one line,
    /// `actlab <cmd>: <what>: <why>. <hint>` (`ErrorLine`), library errors name flags rather than option keys,
    /// an unknown subcommand is told with the nearest command's name, and usage errors exit with 1, like every
    /// other bad input (docs/exit-codes.md).
    static func main() {
        HeapReuse.install()  // before the first large allocation (see HeapReuse)
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do { command = try parseAsRoot(arguments) } catch {
            if exitCode(for: error) == .success { exit(withError: error) }  // --help, help <cmd>
            if let unknown = unknownCommand(in: arguments) { fail(unknown, command: nil) }
            fail(error, command: arguments.first.flatMap { commandNames.contains($0) ? $0 : nil }, parsing: true)
        }
        do { try command.run() } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(error, command: type(of: command)._commandName)
        }
    }

    /// Prints `error` as one line and exits with its status: 1 for bad input of any kind (ArgumentParser's
    /// usage errors included), the status an `ExitCode` or `CommandLineError` carries otherwise.
    static func fail(_ error: any Error, command: String?, parsing: Bool = false) -> Never {
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }  // the command has said why
        let message: String
        switch error {
        case let error as ConfigurationError: message = error.message(naming: CommandLineOptions.flag)
        case let error as ComparisonError: message = error.message(naming: CommandLineOptions.flag)
        default: message = self.message(for: error)
        }
        var status = (error as? CommandLineError)?.status ?? exitCode(for: error).rawValue
        if status == ExitCode.validationFailure.rawValue || status == 0 { status = 1 }  // 64: ArgumentParser's usage errors
        if !message.isEmpty {
            FileHandle.standardError.write(Data((ErrorLine.text(message, command: command, parsing: parsing) + "\n").utf8))
        }
        Foundation.exit(status)
    }
}

extension ActLab {
    /// The subcommand names, and `help`.
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// When parsing failed and the first argument is a word that names no command: an error naming the
    /// nearest command (`'comapre': no such command. Did you mean 'compare'?`), else nil.
    static func unknownCommand(in arguments: [String]) -> CommandLineError? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first) else { return nil }
        let hint = EditDistance.nearest(to: first, among: commandNames).map { "Did you mean '\($0)'?" }
        return CommandLineError("'\(first)': no such command. "
                                + (hint ?? "Commands: \(commandNames.joined(separator: ", "))"))
    }
}

/// A one-line error for the terminal, `<what>: <why>. <hint>` (the top level adds `actlab <cmd>: `), and the
/// status to exit with (docs/exit-codes.md).
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    let status: Int32
    init(_ description: String, status: Int32 = 1) {
        self.description = description
        self.status = status
    }
}
