/// A labelled classification dataset held in memory.
///
/// `features` carries the sample index first: `[N, C, H, W]` for images, `[N, D]` for feature vectors.
public struct Dataset: Sendable {
    /// A short human-readable name, e.g. `"fashion-mnist/train"`.
    public var name: String
    /// All samples, first dimension = sample.
    public var features: Tensor
    /// One class index per sample, in `0..<classCount`.
    public var labels: [Int32]
    /// The number of classes.
    public var classCount: Int
    /// Optional class names, `classCount` of them.
    public var classNames: [String]?
    /// What a person would want to know about the data before training on it (e.g. a label column that
    /// looks continuous); the CLI prints them as notes.
    public var warnings: [String] = []

    public init(name: String, features: Tensor, labels: [Int32], classCount: Int, classNames: [String]? = nil) {
        precondition(features.rows == labels.count, "\(name): \(features.rows) samples but \(labels.count) labels")
        self.name = name
        self.features = features
        self.labels = labels
        self.classCount = classCount
        self.classNames = classNames
    }

    /// The number of samples.
    public var count: Int { labels.count }
    /// The shape of one sample, e.g. `[1, 28, 28]`.
    public var sampleShape: [Int] { Array(features.shape.dropFirst()) }

    /// The samples at `indices`, in that order.
    public func subset(_ indices: some Collection<Int>, name: String? = nil) -> Dataset {
        var subset = Dataset(name: name ?? self.name, features: features.gatherRows(indices),
                             labels: indices.map { labels[$0] }, classCount: classCount, classNames: classNames)
        subset.warnings = warnings
        return subset
    }
}
