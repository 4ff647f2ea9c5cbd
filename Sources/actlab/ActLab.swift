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
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ConfigurationError {
            exit(withError: CommandLineError(error.message(naming: CommandLineOptions.flag)))
        } catch let error as ComparisonError {
            exit(withError: CommandLineError(error.message(naming: CommandLineOptions.flag)))
        } catch {
            exit(withError: error)
        }
    }
}

/// A one-line error for the terminal.
struct CommandLineError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
