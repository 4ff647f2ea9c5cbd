/// A variant of a reproduction's comparison: a short key for measurement keys, a display name, and the
/// options it changes from the comparison's base configuration.
public struct PlannedVariant: Sendable {
    /// Used in measurement keys, e.g. `ab` in `mlp.speedup.ab`.
    public let key: String
    /// Shown in tables, e.g. "ab (shortcuts, α β, lr 0.7)".
    public let name: String
    public let change: @Sendable (inout TrainingConfiguration) -> Void

    public init(_ key: String, _ name: String, _ change: @escaping @Sendable (inout TrainingConfiguration) -> Void) {
        self.key = key
        self.name = name
        self.change = change
    }

    /// The variant spec on `base` (named by its canonical spec).
    public func spec(base: TrainingConfiguration) throws -> VariantSpec {
        try VariantSpec(configuration: base.with(change), base: base)
    }
}
