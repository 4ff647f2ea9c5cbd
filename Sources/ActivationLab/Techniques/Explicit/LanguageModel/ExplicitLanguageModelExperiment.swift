/// Williams & Zhao's language-model experiment: split a corpus by entry, solve the single-layer next-word
/// softmax in closed form, evaluate it, and optionally keep training from it (warm start) beside a model
/// trained from zeros (cold start), so the curves show how much training the explicit solution saves.
///
/// This is what `actlab explicit` runs on a text dataset; the command only parses its flags into these
/// options and prints the events and the result.
public struct ExplicitLanguageModelExperiment: Sendable {
    /// Which model a learning-curve epoch belongs to.
    public enum Start: String, Sendable, Codable, CaseIterable {
        /// Trained on from the explicit solution.
        case warm
        /// Trained from zero weights, for comparison.
        case cold
    }

    /// What the experiment reports while it runs, so a caller can show the solution before training starts.
    public enum Event: Sendable {
        /// The explicit solution is evaluated; the result's curves are still nil.
        case solved(ExplicitLanguageModelResult)
        /// An epoch of the warm or cold training finished (epoch 0: before any training).
        case epoch(Start, SparseEpochReport)
    }

    /// The vocabulary, the context bags and the entry split (and its seed).
    public var data: LanguageModelOptions
    /// How the weights are read off the co-occurrences and how the scale is chosen.
    public var solver: ExplicitOptions
    /// Minibatch training from the explicit solution; nil (or 0 epochs): the solution alone.
    public var training: SparseTrainingOptions?
    /// Also train a zero-initialised model with the same options (ignored without `training`).
    public var comparesColdStart: Bool

    public init(data: LanguageModelOptions = LanguageModelOptions(), solver: ExplicitOptions = ExplicitOptions(),
                training: SparseTrainingOptions? = nil, comparesColdStart: Bool = false) {
        self.data = data
        self.solver = solver
        self.training = training
        self.comparesColdStart = comparesColdStart
    }

    /// Splits `corpus`, solves, evaluates on the validation and test contexts and trains as configured.
    /// - Parameter onEvent: called with `.solved` once the solution is evaluated (before any training, so a
    ///   caller can save it first), then with each epoch; an error it throws stops the run and is rethrown.
    /// - Throws: `ConfigurationError` for a data or training option out of range (named by its property,
    ///   e.g. `vocabularySize`), `DataError` for a corpus that leaves a split empty, `ExplicitError` for a
    ///   solve that cannot work.
    public func run(on corpus: TextCorpus,
                    onEvent: (Event) throws -> Void = { _ in }) throws -> ExplicitLanguageModelResult {
        let splits = try LanguageModelData.splits(corpus, options: data)
        let solution = try ExplicitSolver.solve(splits.train, options: solver)
        let model = SparseSoftmaxModel(explicit: solution)
        let validation = model.evaluate(splits.validation)
        let test = model.evaluate(splits.test)
        var result = ExplicitLanguageModelResult(
            corpusName: corpus.name, entryCount: corpus.entries.count, tokenCount: corpus.tokenCount,
            vocabulary: splits.vocabulary, contextSize: data.contextSize, normalizedContext: data.normalizedContext,
            trainCount: splits.train.count, validationCount: splits.validation.count, testCount: splits.test.count,
            solution: solution, validation: validation, test: test)
        try onEvent(.solved(result))
        guard let training, training.epochs > 0 else { return result }
        // The warm model is the solution's model itself: the evaluations above are taken before it changes.
        result.warmCurve = try SparseSoftmaxTraining.train(model, on: splits.train, validation: splits.validation,
                                                           options: training) { try onEvent(.epoch(.warm, $0)) }
        if comparesColdStart {
            var rng = SeededGenerator(seed: data.seed)
            let cold = SparseSoftmaxModel(featureCount: model.featureCount, classCount: model.classCount, rng: &rng)
            result.coldCurve = try SparseSoftmaxTraining.train(cold, on: splits.train, validation: splits.validation,
                                                               options: training) { try onEvent(.epoch(.cold, $0)) }
        }
        return result
    }
}
