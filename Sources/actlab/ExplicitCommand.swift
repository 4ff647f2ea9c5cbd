import ArgumentParser
import ActivationLab
import Foundation

extension ExplicitReading: ExpressibleByArgument {}

/// `actlab explicit`: the closed-form single-layer softmax solution of Williams & Zhao (2023).
struct ExplicitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explicit",
        abstract: "Solve a single-layer softmax network in closed form (Williams & Zhao 2023), evaluate it and save it.",
        discussion: """
        The weights come from the co-occurrence matrix F = Hᵀ Y, accumulated in one pass over the training data. For one-hot inputs W_ij = log(F_ij / Σ_j F_ij) is exact. For other non-negative inputs the default 'profile' reading is OUR INTERPRETATION (the paper's formula is unconfirmed): W_ij = s·log((F_ij + ε) / Σ_i (F_ij + ε)), b_j = log prior_j, s = 1/K (K: the "priming number"), with s fitted on the training cross-entropy unless --priming is given.

        Classification datasets report accuracy and cross-entropy on the test set; text datasets (fortunes, text:PATH) build a next-word model from the bag of the previous --context words (padded with <s> at the start of an entry) and report perplexity.

        Examples:
          actlab explicit --dataset fashion-mnist
          actlab explicit --dataset fashion-mnist --priming 20 --json \\
              --save explicit.json
          actlab explicit --dataset fortunes --vocab 2000 --context 3
          actlab explicit --dataset fortunes --epochs 3 --compare-cold
        """
    )

    @Option(help: "Dataset: fashion-mnist, idx:DIR, fortunes, or text:PATH (a file or a directory of fortune-format files).")
    var dataset: String

    @Flag(help: "Print one JSON object instead of a readable summary.")
    var json = false

    @Option(help: "Fixed priming number K (s = 1/K), or 'mean-l1' for the mean input L1 norm. Default: fit s.")
    var priming: String?

    @Flag(help: "Fit s = 1/K on the training cross-entropy (the default).")
    var fitPriming = false

    @Option(help: "Pseudo-count ε added to every co-occurrence (default: 1e-3 × the mean non-zero count).")
    var pseudoCount: Double?

    @Option(help: "profile (default; interpretation: class feature profiles plus log-prior intercept) or row (log F_ij/Σ_j F_ij).")
    var reading: ExplicitReading = .profile

    @Option(help: "Add this constant to every input feature before solving (for data with negative values).")
    var shift: Float = 0

    @Option(help: "Write the solution as a checkpoint that `actlab train` can load.")
    var save: String?

    @Option(help: "Fraction of the training set held out for validation (classification).")
    var validationFraction: Double = 0.1

    @Option(help: "Seed of the validation split (and of the language model's entry split).")
    var seed: UInt64 = 1

    @Option(help: "Language model: vocabulary size V (top V training words, plus <unk>).")
    var vocab: Int = 2000

    @Option(help: "Language model: number r of previous words in each context bag.")
    var context: Int = 3

    @Flag(help: "Language model: divide each context bag by r instead of summing one-hots.")
    var normalizedContext = false

    @Option(help: "Language model: after the explicit solve, train this many epochs from it (warm start).")
    var epochs: Int = 0

    @Flag(help: "Language model: also train a cold-started (zero-initialised) model for comparison.")
    var compareCold = false

    @Option(help: "Language model training: the optimiser.")
    var optimizer: OptimizerChoice = .adam

    /// The optimisers the language-model loop supports (`SparseSoftmaxTraining`: no AdamW).
    enum OptimizerChoice: String, ExpressibleByArgument, CaseIterable {
        case sgd, adam

        var kind: OptimizerKind { self == .sgd ? .sgd : .adam }
    }

    @Option(help: "Language model training: learning rate.")
    var lr: Double = 1e-3

    @Option(help: "Language model training: minibatch size.")
    var batchSize: Int = 128

    func validate() throws {
        if priming != nil && fitPriming { throw ValidationError("--priming, --fit-priming: they exclude each other. Give one") }
        if let priming, priming != "mean-l1", !((Double(priming) ?? 0) > 0) {
            throw ValidationError("--priming: must be a positive number or 'mean-l1', got '\(priming)'")
        }
        if let pseudoCount, !(pseudoCount >= 0) { throw ValidationError("--pseudo-count: must be non-negative") }
        if epochs < 0 { throw ValidationError("--epochs: must be non-negative") }
    }

    private var options: ExplicitOptions {
        var scale = ExplicitScale.fit
        if let priming { scale = priming == "mean-l1" ? .meanInputL1 : .priming(Double(priming)!) }
        var options = ExplicitOptions(reading: reading, scale: scale, pseudoCount: pseudoCount, shift: shift)
        options.seed = seed
        return options
    }

    func run() throws {
        // Library errors (ExplicitError, DataError, CheckpointError) print as one line and exit 1; an option
        // out of range is named by the library's property, and told here with this command's flag.
        if let save {
            do { try RegularFile.checkWritable(save) } catch let problem as RegularFile.Problem {
                throw CommandLineError("--save \(save): \(problem.reason). Choose another path")
            }
        }
        do {
            if let corpus = try TextCorpus.load(spec: dataset) { try runLanguageModel(corpus) } else { try runClassification() }
        } catch let error as ConfigurationError {
            throw CommandLineError(error.message(naming: Self.flag))
        }
    }

    /// The flag of an option the library names by its property: `vocabularySize` → `--vocab`.
    static func flag(_ key: String) -> String {
        let flags = ["vocabularySize": "--vocab", "contextSize": "--context", "batchSize": "--batch-size", "learningRate": "--lr"]
        return flags[key] ?? CommandLineOptions.flag(key)
    }

    private func runClassification() throws {
        let experiment = ExplicitClassificationExperiment(dataset: dataset, validationFraction: validationFraction,
                                                          seed: seed, solver: options)
        let outcome = try experiment.run()
        if let signed = outcome.signedFeatures { Terminal.error("note: " + signed.warning) }
        let result = outcome.solution
        try saveCheckpoint(result)
        var summary = summaryBase(result, trainSamples: outcome.trainCount)
        summary.accuracy = outcome.test.accuracy
        summary.crossEntropy = outcome.test.crossEntropy
        summary.validationAccuracy = outcome.validation?.accuracy
        summary.validationCrossEntropy = outcome.validation?.crossEntropy
        if json { return try printJSON(summary) }
        print("explicit solution (\(reading.rawValue) reading\(reading == .profile ? ", interpretation" : "")) on \(outcome.datasetName): \(outcome.trainCount) samples, \(result.featureCount) features → \(result.classCount) classes")
        printTimeAndScale(result)
        print(String(format: "  train    cross-entropy %.4f", result.trainCrossEntropy))
        if let validation = outcome.validation {
            print(String(format: "  validation accuracy %.2f%%  cross-entropy %.4f", 100 * validation.accuracy, validation.crossEntropy))
        }
        print(String(format: "  test     accuracy %.2f%%  cross-entropy %.4f", 100 * outcome.test.accuracy, outcome.test.crossEntropy))
        if let save { print("  saved    \(save)") }
    }

    private func runLanguageModel(_ corpus: TextCorpus) throws {
        var data = LanguageModelOptions(vocabularySize: vocab, contextSize: context,
                                        normalizedContext: normalizedContext, seed: seed)
        data.validationFraction = 0.1
        data.testFraction = 0.1
        let training = SparseTrainingOptions(optimizer: optimizer.kind, learningRate: lr, batchSize: batchSize,
                                             epochs: epochs, seed: seed)
        let experiment = ExplicitLanguageModelExperiment(data: data, solver: options, training: training,
                                                         comparesColdStart: compareCold)
        let outcome = try experiment.run(on: corpus) { event in
            switch event {
            case .solved(let outcome):
                // Saved before any training, so a bad --save path fails fast.
                try saveCheckpoint(outcome.solution)
                if !json { printSolution(outcome) }
            case let .epoch(start, report):
                guard !json else { return }
                let train = report.trainCrossEntropy.map { String(format: "train CE %.4f, ", $0) } ?? ""
                print(String(format: "  %@ epoch %d: %@validation perplexity %.2f (%@)", start.rawValue, report.epoch,
                             train, report.validationPerplexity, DurationText.format(report.seconds)))
            }
        }
        var summary = summaryBase(outcome.solution, trainSamples: outcome.trainCount)
        summary.perplexity = outcome.testPerplexity
        summary.crossEntropy = outcome.test.crossEntropy
        summary.accuracy = outcome.test.accuracy
        summary.validationPerplexity = outcome.validationPerplexity
        summary.validationCrossEntropy = outcome.validation.crossEntropy
        summary.validationAccuracy = outcome.validation.accuracy
        summary.vocab = outcome.vocabulary.classCount
        summary.context = context
        summary.warmCurve = outcome.warmCurve
        summary.coldCurve = outcome.coldCurve
        if json { try printJSON(summary) }
        if let save, !json { print("  saved    \(save) (the explicit solution)") }
    }

    private func printSolution(_ outcome: ExplicitLanguageModelResult) {
        let result = outcome.solution
        print("explicit language model (\(reading.rawValue) reading\(reading == .profile ? ", interpretation" : "")) on \(outcome.corpusName): \(outcome.entryCount) entries, \(outcome.tokenCount) tokens; train/validation/test \(outcome.trainCount)/\(outcome.validationCount)/\(outcome.testCount) targets")
        print("  vocabulary \(outcome.vocabulary.words.count) words + <unk> (inputs also <s>), context bag of \(context) previous words\(normalizedContext ? " (normalised)" : "")")
        printTimeAndScale(result)
        print(String(format: "  train    cross-entropy %.4f (perplexity %.1f, on %d fitted samples)", result.trainCrossEntropy, exp(result.trainCrossEntropy), result.fitSampleCount))
        print(String(format: "  validation perplexity %.2f", outcome.validationPerplexity))
        print(String(format: "  test     perplexity %.2f  (uniform: %d)", outcome.testPerplexity, outcome.vocabulary.classCount))
    }

    /// The solve's time and fitted scale, the same two lines for classification and the language model.
    private func printTimeAndScale(_ result: ExplicitResult) {
        print("  time     \(DurationText.format(result.totalSeconds)) (accumulate F = HᵀY \(DurationText.format(result.accumulateSeconds)), "
              + "solve \(DurationText.format(result.solveSeconds)))")
        print(String(format: "  scale    s = %.5g (priming number K = %.4g), pseudo-count ε = %.4g", result.scale, result.primingNumber, result.pseudoCount))
    }

    private func summaryBase(_ result: ExplicitResult, trainSamples: Int) -> ExplicitSummary {
        ExplicitSummary(dataset: dataset, reading: result.reading.rawValue, s: result.scale, priming: result.primingNumber,
                        pseudoCount: result.pseudoCount, trainCrossEntropy: result.trainCrossEntropy,
                        trainSamples: trainSamples, seconds: result.totalSeconds,
                        accumulateSeconds: result.accumulateSeconds, solveSeconds: result.solveSeconds)
    }

    private func saveCheckpoint(_ result: ExplicitResult) throws {
        guard let save else { return }
        try Checkpoint(explicit: result, dataset: dataset, seed: seed, validationFraction: validationFraction)
            .write(to: URL(fileURLWithPath: save))
    }

    private func printJSON(_ summary: ExplicitSummary) throws {
        try Terminal.printJSON(summary, snakeCase: true)
    }
}

/// The JSON printed by `actlab explicit --json`: `accuracy` and `cross_entropy` are on the test set.
private struct ExplicitSummary: Encodable {
    var dataset: String
    var reading: String
    var s: Double
    var priming: Double
    var pseudoCount: Double
    var trainCrossEntropy: Double
    var trainSamples: Int
    var seconds: Double
    var accumulateSeconds: Double
    var solveSeconds: Double
    var accuracy: Double?
    var crossEntropy: Double?
    var validationAccuracy: Double?
    var validationCrossEntropy: Double?
    var perplexity: Double?
    var validationPerplexity: Double?
    var vocab: Int?
    var context: Int?
    var warmCurve: [SparseEpochReport]?
    var coldCurve: [SparseEpochReport]?
}
