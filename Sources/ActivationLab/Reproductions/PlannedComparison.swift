import Foundation

/// One comparison a reproduction runs through `Sweep` and the run store.
public struct PlannedComparison: Sendable {
    /// Short label used in measurement keys and headings, e.g. `mlp`, `cnn`, `deep`.
    public var label: String
    /// A sentence on what it compares and on which model.
    public var description: String
    public var comparison: Comparison
    /// Variant key → the variant's name in the store (its spec).
    public var specNames: [String: String]
    /// Variant spec name → display name; missing entries use the spec.
    public var names: [String: String]

    public init(label: String, description: String, comparison: Comparison, specNames: [String: String] = [:],
                names: [String: String] = [:]) {
        self.label = label
        self.description = description
        self.comparison = comparison
        self.specNames = specNames
        self.names = names
    }

    /// The display name of the variant stored as `variant`.
    public func name(_ variant: String) -> String { names[variant] ?? variant }
}
