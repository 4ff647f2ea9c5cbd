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
}
