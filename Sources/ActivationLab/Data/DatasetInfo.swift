/// What `DatasetSource.discover()` found about one dataset, for `actlab datasets`.
public struct DatasetInfo: Sendable, Codable, Equatable {
    /// A short name, e.g. `"fashion-mnist"`.
    public var name: String
    /// The spec that loads it, e.g. `"fashion-mnist"` or `"idx:/data/mnist"`.
    public var spec: String
    /// Where its files are (nil when not installed).
    public var location: String?
    /// Whether it can be loaded now.
    public var installed: Bool
    /// Training samples (before the validation split), when cheap to find out.
    public var trainCount: Int?
    /// Test samples, when cheap to find out.
    public var testCount: Int?
    /// How to install it, or what is wrong with it.
    public var note: String?

    public init(name: String, spec: String, location: String?, installed: Bool,
                trainCount: Int? = nil, testCount: Int? = nil, note: String? = nil) {
        self.name = name
        self.spec = spec
        self.location = location
        self.installed = installed
        self.trainCount = trainCount
        self.testCount = testCount
        self.note = note
    }
}
