import ArgumentParser
import ActivationLab

/// The comparison a `compare` invocation describes: from its flags, or from a JSON config file
/// (`ComparisonFile`, with the same defaults as the flags).
enum CompareDefinition {
    static func resolve(command: CompareCommand) throws -> Comparison {
        do {
            if let path = command.config { return try ComparisonFile.read(path) }
            let base = try command.options.configuration(defaultEpochs: ComparisonDefaults.epochs) {
                $0.schedule = ComparisonDefaults.schedule
            }
            let variants = command.variants.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var settings = try ProtocolSettings(tune: command.tune, budget: command.tuneBudget, tuneEpochs: command.tuneEpochs,
                                                epochs: base.epochs, target: command.targetAccuracy,
                                                marginPoints: command.margin, speedMarginPercent: command.speedMargin)
            settings.objective = command.tuneFor
            settings.search = command.tuneSearch
            return try Comparison(name: command.name, base: base, baseline: command.baseline, variants: variants,
                                  seeds: (1...UInt64(command.seeds)).map { $0 }, targetAccuracy: settings.targetAccuracy ?? 1,
                                  protocolSettings: settings)
        } catch let error as ComparisonError {
            throw ValidationError(error.message(naming: CommandLineOptions.flag))
        } catch let error as ConfigurationError {
            throw ValidationError(error.message(naming: CommandLineOptions.flag))
        } catch let error as ComparisonFileError {
            throw ValidationError(error.description)
        }
    }
}
