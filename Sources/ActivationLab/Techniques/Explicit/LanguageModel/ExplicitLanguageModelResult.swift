import Foundation

/// What an `ExplicitLanguageModelExperiment` found: the corpus and split sizes (so a reader can judge the
/// perplexities), the explicit solution with its validation and test scores, and the learning curves.
public struct ExplicitLanguageModelResult: Sendable {
    /// The corpus's name, entry count and token count.
    public var corpusName: String
    public var entryCount: Int
    public var tokenCount: Int
    /// Built from the training entries; `classCount` (words + `<unk>`) is the perplexity of a uniform guess.
    public var vocabulary: Vocabulary
    /// r, the number of previous words in each context bag, and whether the bag is divided by r.
    public var contextSize: Int
    public var normalizedContext: Bool
    /// Next-word targets in each split.
    public var trainCount: Int
    public var validationCount: Int
    public var testCount: Int
    /// The closed-form solution (weights in `Dense` layout, scale, timings).
    public var solution: ExplicitResult
    /// The solution's mean cross-entropy and accuracy on the validation and test contexts.
    public var validation: (crossEntropy: Double, accuracy: Double)
    public var test: (crossEntropy: Double, accuracy: Double)
    /// Validation curves of the training from the solution and from zeros (nil when not run), epoch 0 first.
    public var warmCurve: [SparseEpochReport]?
    public var coldCurve: [SparseEpochReport]?

    public init(corpusName: String, entryCount: Int, tokenCount: Int, vocabulary: Vocabulary, contextSize: Int,
                normalizedContext: Bool, trainCount: Int, validationCount: Int, testCount: Int,
                solution: ExplicitResult, validation: (crossEntropy: Double, accuracy: Double),
                test: (crossEntropy: Double, accuracy: Double),
                warmCurve: [SparseEpochReport]? = nil, coldCurve: [SparseEpochReport]? = nil) {
        self.corpusName = corpusName
        self.entryCount = entryCount
        self.tokenCount = tokenCount
        self.vocabulary = vocabulary
        self.contextSize = contextSize
        self.normalizedContext = normalizedContext
        self.trainCount = trainCount
        self.validationCount = validationCount
        self.testCount = testCount
        self.solution = solution
        self.validation = validation
        self.test = test
        self.warmCurve = warmCurve
        self.coldCurve = coldCurve
    }

    /// `exp` of the validation and test cross-entropy: the perplexities language models are compared by.
    public var validationPerplexity: Double { exp(validation.crossEntropy) }
    public var testPerplexity: Double { exp(test.crossEntropy) }
}
