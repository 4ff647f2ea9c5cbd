/// One cell of a comparison: a variant trained with one seed.
public struct Cell: Hashable, Sendable, CustomStringConvertible {
    public var variant: String
    public var seed: UInt64
    public init(variant: String, seed: UInt64) {
        self.variant = variant
        self.seed = seed
    }
    public var description: String { "\(variant)/seed \(seed)" }
}
