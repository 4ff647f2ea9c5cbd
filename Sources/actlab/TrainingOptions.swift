import ArgumentParser
import ActivationLab
import Foundation

/// The options that define a training run, shared by `train` and `compare` (where they set the base
/// configuration every variant starts from). They come from the library's option table
/// (`TrainingOption.all`): ArgumentParser hands them over unparsed, `CommandLineOptions` reads them, and
/// `--help` lists them from the same table (`TrainingOptions.help`).
struct TrainingOptions: ParsableArguments {
    // `.unconditional`, so `--threads -1` is read as a value (and refused) rather than as an unknown flag.
    @Option(parsing: .unconditional, help: "Threads for BLAS (default and maximum: all cores).")
    var threads: Int?
    @Argument(parsing: .allUnrecognized, help: .hidden)
    var trainingArguments: [String] = []

    /// The configuration these options describe, with the command's own defaults for unset options.
    func configuration(defaultEpochs: Int = 10,
                       commandDefaults: (inout TrainingConfiguration) -> Void = { _ in }) throws -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.dataset = DatasetSource.defaultSpec()
        configuration.epochs = defaultEpochs
        commandDefaults(&configuration)
        do { try CommandLineOptions.apply(trainingArguments, to: &configuration) }
        catch let error as ConfigurationError { throw ValidationError(error.message(naming: CommandLineOptions.flag)) }
        return configuration
    }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        do { try configuration().validate() }
        catch let error as ConfigurationError { throw ValidationError(error.message(naming: CommandLineOptions.flag)) }
        catch { throw ValidationError("\(error)") }
    }

    /// The threads `--threads` asks for, at most the cores (default: every core), installed around a command's work.
    var compute: ComputeContext { ComputeContext(threads: ThreadCount.resolve(threads)) }

    /// The training options' section of `--help`, for a command whose epoch default is `epochs`.
    static func help(epochs: Int, overriding: [String: String] = [:]) -> String {
        let defaults = ["epochs": "\(epochs)", "dataset": "fashion-mnist if installed, else sample"].merging(overriding) { $1 }
        return "TRAINING OPTIONS:\n" + CommandLineOptions.helpText(overriding: defaults)
    }
}
