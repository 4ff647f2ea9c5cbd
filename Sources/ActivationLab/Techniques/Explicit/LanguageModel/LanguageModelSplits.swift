/// Train, validation and test contexts of a corpus, with the vocabulary built from the training entries.
public struct LanguageModelSplits: Sendable {
    public var vocabulary: Vocabulary
    public var train: SparseDataset
    public var validation: SparseDataset
    public var test: SparseDataset
}
