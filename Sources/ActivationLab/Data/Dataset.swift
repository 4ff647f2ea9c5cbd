/// A labelled classification dataset held in memory.
///
/// `features` carries the sample index first: `[N, C, H, W]` for images, `[N, D]` for feature vectors.
///
/// A subset (a validation split, a train limit) is a view: it shares its parent's storage and keeps the row
/// numbers it holds, so splitting 60,000 images per seed copies no pixels. Training and evaluation read rows
/// through `rows(_:)` and `gatherRows(_:)`; reading `features` of a view (or of byte-stored images)
/// materialises a Float copy.
public struct Dataset: Sendable {
    /// A short human-readable name, e.g. `"fashion-mnist/train"`.
    public var name: String
    /// All samples, first dimension = sample (a copy for views and byte-stored images; setting it replaces
    /// the storage).
    public var features: Tensor {
        get { rowIndices.map { storage.gatherRows($0) } ?? storage.tensor }
        set {
            storage = .floats(newValue)
            rowIndices = nil
        }
    }
    /// One class index per sample, in `0..<classCount`.
    public var labels: [Int32]
    /// The number of classes.
    public var classCount: Int
    /// Optional class names, `classCount` of them.
    public var classNames: [String]?
    /// What a person would want to know about the data before training on it (e.g. a label column that
    /// looks continuous); the CLI prints them as notes.
    public var warnings: [String] = []

    /// The values, possibly shared with other datasets.
    private(set) var storage: FeatureStorage
    /// The rows of `storage` this dataset holds, in order; nil for all of them.
    private var rowIndices: [Int]?

    public init(name: String, features: Tensor, labels: [Int32], classCount: Int, classNames: [String]? = nil) {
        self.init(name: name, storage: .floats(features), labels: labels, classCount: classCount, classNames: classNames)
    }

    /// A dataset of `storage`'s rows `rowIndices` (all of them when nil).
    init(name: String, storage: FeatureStorage, rowIndices: [Int]? = nil, labels: [Int32], classCount: Int,
         classNames: [String]? = nil) {
        let rows = rowIndices?.count ?? storage.shape.first ?? 0
        precondition(rows == labels.count, "\(name): \(rows) samples but \(labels.count) labels")
        self.name = name
        self.storage = storage
        self.rowIndices = rowIndices
        self.labels = labels
        self.classCount = classCount
        self.classNames = classNames
    }

    /// The number of samples.
    public var count: Int { labels.count }
    /// The shape of one sample, e.g. `[1, 28, 28]`.
    public var sampleShape: [Int] { Array(storage.shape.dropFirst()) }
    /// Values per sample (the product of `sampleShape`).
    public var featureWidth: Int { storage.rowWidth }
    /// Whether this dataset holds every row of its storage, in order (not a view).
    var isWhole: Bool { rowIndices == nil }
    /// Whether every feature value is known to lie in [0, 1] without a scan (images stored as bytes).
    var isKnownUnitRange: Bool { storage.isKnownUnitRange }

    /// Samples `range`, as a new `[range.count, ...]` tensor.
    public func rows(_ range: Range<Int>) -> Tensor {
        if let rowIndices { return storage.gatherRows(rowIndices[range]) }
        return storage.rows(range)
    }

    /// The samples at `indices`, in that order, as a new tensor.
    public func gatherRows(_ indices: some Collection<Int>) -> Tensor {
        if let rowIndices { return storage.gatherRows(indices.lazy.map { rowIndices[$0] }) }
        return storage.gatherRows(indices)
    }

    /// The samples at `indices`, in that order: a view sharing this dataset's storage.
    public func subset(_ indices: some Collection<Int>, name: String? = nil) -> Dataset {
        var subset = Dataset(name: name ?? self.name, storage: storage,
                             rowIndices: rowIndices.map { parent in indices.map { parent[$0] } } ?? Array(indices),
                             labels: indices.map { labels[$0] }, classCount: classCount, classNames: classNames)
        subset.warnings = warnings
        return subset
    }
}
