/// The curvature of a network's training loss at one point: the Hessian's eigenvalues and the angle
/// between the gradient and the regularised Newton direction (Vatanen et al. 2013, the authors'
/// `ltmlp_hessian.m` / `ltmlp_gradComparison.m`).
public struct CurvatureReport: Codable, Sendable {
    /// The angle between g and u = (H + μI)⁻¹g at one μ; `nil` where λ_min(H + μI) ≤ 1e-5.
    public struct Angle: Codable, Sendable, Equatable {
        public var mu: Double
        public var degrees: Double?
    }

    /// `none`, `ab` or `abg`, or a free label.
    public var transform: String
    /// Layer widths of the analysed network.
    public var sizes: [Int]
    /// The Hessian's dimension (weights only; biases excluded, as the authors).
    public var weightCount: Int
    public var sampleCount: Int
    public var trainingSteps: Int
    /// The full-batch mean cross-entropy at the analysed point.
    public var loss: Double
    /// ‖g‖ of the full-batch weight gradient.
    public var gradientNorm: Double
    /// All eigenvalues of the symmetrised Hessian, ascending.
    public var eigenvalues: [Double]
    public var largestEigenvalue: Double
    public var smallestEigenvalue: Double
    /// Eigenvalues with |λ| ≤ τ = max(1e-9, 10·asymmetry)·max|λ| count as zero: below the
    /// finite-difference error. Softmax alone makes n_out-inputs directions exactly flat (adding the
    /// same vector to every output unit's weights leaves the loss unchanged).
    public var zeroTolerance: Double
    /// The number of eigenvalues with |λ| ≤ τ.
    public var zeroCount: Int
    /// The smallest eigenvalue above τ (nil if none).
    public var smallestPositiveEigenvalue: Double?
    /// Eigenvalues below −τ.
    public var negativeCount: Int
    /// λ_max / smallest positive λ.
    public var eigenvalueSpread: Double?
    /// max|λ| / min|λ| over the eigenvalues with |λ| > τ.
    public var conditionNumber: Double?
    /// RMS of the off-diagonal Hessian entries over the RMS of its diagonal (0 for a diagonal H).
    public var offDiagonalRatio: Double
    /// The central-difference step h.
    public var finiteDifferenceStep: Double
    /// max|H − Hᵀ| / max|H| before symmetrising: the finite-difference error actually achieved.
    public var asymmetry: Double
    public var angles: [Angle]
    /// Transformation diagnostics at the analysed point (empty for a plain analysis).
    public var diagnostics: [TransformationDiagnostics]

    enum CodingKeys: String, CodingKey {
        case transform, sizes, loss, eigenvalues, asymmetry, angles, diagnostics
        case weightCount = "weight_count"
        case sampleCount = "sample_count"
        case trainingSteps = "training_steps"
        case gradientNorm = "gradient_norm"
        case largestEigenvalue = "largest_eigenvalue"
        case smallestEigenvalue = "smallest_eigenvalue"
        case smallestPositiveEigenvalue = "smallest_positive_eigenvalue"
        case negativeCount = "negative_count"
        case zeroTolerance = "zero_tolerance"
        case zeroCount = "zero_count"
        case eigenvalueSpread = "eigenvalue_spread"
        case conditionNumber = "condition_number"
        case offDiagonalRatio = "off_diagonal_ratio"
        case finiteDifferenceStep = "finite_difference_step"
    }
}
