/// What defines a comparison: a baseline and other variants × seeds, one dataset and model,
/// an epoch budget and a target validation accuracy. Stored once per experiment name.
public struct ExperimentSpec: Sendable, Equatable {
    /// Unique name of the experiment within a store.
    public var name: String
    public var dataset: String
    public var model: String
    /// Name of the baseline variant (also listed in `variants`).
    public var baseline: String
    /// All variant names, in report order (baseline included).
    public var variants: [String]
    public var seeds: [UInt64]
    /// Epoch budget of every run.
    public var epochs: Int
    /// Target validation accuracy as a fraction, e.g. 0.85.
    public var targetAccuracy: Double
    /// Free-form JSON describing the comparison (e.g. the variant overrides); stored verbatim.
    public var configuration: String

    public init(name: String, dataset: String, model: String, baseline: String, variants: [String],
                seeds: [UInt64], epochs: Int, targetAccuracy: Double, configuration: String = "{}") {
        self.name = name
        self.dataset = dataset
        self.model = model
        self.baseline = baseline
        self.variants = variants
        self.seeds = seeds
        self.epochs = epochs
        self.targetAccuracy = targetAccuracy
        self.configuration = configuration
    }

    /// Every cell, variant-major: (v₁, s₁), (v₁, s₂), …
    public var cells: [Cell] {
        variants.flatMap { variant in seeds.map { Cell(variant: variant, seed: $0) } }
    }

    /// The cells of shard `index` (0-based) of `count`: every `count`-th cell of `cells`, starting at `index`.
    /// Seed-major interleaving is not needed: claims are atomic, shards only spread the work.
    public func cells(shard index: Int, of count: Int) -> [Cell] {
        guard count > 0, index >= 0, index < count else { return [] }
        return cells.enumerated().filter { $0.offset % count == index }.map(\.element)
    }

    /// The names of the fields in which `other` differs from this spec (empty if equal).
    func differences(from other: ExperimentSpec) -> [String] {
        var fields: [String] = []
        if dataset != other.dataset { fields.append("dataset") }
        if model != other.model { fields.append("model") }
        if baseline != other.baseline { fields.append("baseline") }
        if variants != other.variants { fields.append("variants") }
        if seeds != other.seeds { fields.append("seeds") }
        if epochs != other.epochs { fields.append("epochs") }
        if targetAccuracy != other.targetAccuracy { fields.append("target") }
        if configuration != other.configuration { fields.append("configuration") }
        return fields
    }
}
