import ArgumentParser
import ActivationLab

@main
struct ActLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actlab",
        abstract: "Find out whether a different activation or output layer trains your network faster, better or more stably.",
        subcommands: [
            TrainCommand.self,
            AnalyzeCurvatureCommand.self,
            ActivationsCommand.self,
            DatasetsCommand.self,
            BenchCommand.self,
            ReportCommand.self,
        ]
    )
}
