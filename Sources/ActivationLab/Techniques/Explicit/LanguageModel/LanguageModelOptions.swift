/// Options of the next-word language-model task (Williams & Zhao's single-layer, CBOW-like softmax LM).
public struct LanguageModelOptions: Sendable, Equatable {
    /// V: the number of most frequent training words kept; the rest become `<unk>`.
    public var vocabularySize = 2000
    /// r: the number of previous words in each context bag.
    public var contextSize = 3
    /// Divide each bag by r (values 1/r) instead of summing one-hots (values 1).
    public var normalizedContext = false
    /// Fractions of the entries held out for validation and test.
    public var validationFraction = 0.1
    public var testFraction = 0.1
    /// Seeds the split of entries into train/validation/test.
    public var seed: UInt64 = 1

    public init(vocabularySize: Int = 2000, contextSize: Int = 3, normalizedContext: Bool = false, seed: UInt64 = 1) {
        self.vocabularySize = vocabularySize
        self.contextSize = contextSize
        self.normalizedContext = normalizedContext
        self.seed = seed
    }
}
