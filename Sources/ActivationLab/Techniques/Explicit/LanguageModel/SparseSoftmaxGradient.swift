/// The gradient of a `SparseSoftmaxModel` on one batch: the rows of `∂L/∂Wᵀ` for the features the batch
/// touches (all others are zero), and `∂L/∂b`.
public struct SparseSoftmaxGradient: Sendable {
    /// Feature indices of the non-zero gradient rows.
    public var rows: [Int]
    /// `rows.count × classes`, row k is `∂L/∂Wᵀ[rows[k], :]`.
    public var weightRows: [Float]
    /// `[classes]`.
    public var bias: [Float]
}
