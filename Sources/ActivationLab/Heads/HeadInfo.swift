/// What help text and reports say about a head: its formulas, where it comes from, and whether it is
/// our interpretation of a paper rather than the paper's confirmed formula.
public struct HeadInfo: Sendable {
    /// The command-line name, e.g. `"linear-exp"`.
    public let name: String
    /// The forward output, e.g. `"softmax(z)"` or `"z"`.
    public let output: String
    /// δ per logit before the batch mean, e.g. `"exp(z) − t"`.
    public let delta: String
    /// The loss per sample, summed over classes, e.g. `"Σ (exp(z) − t·z)"`.
    public let loss: String
    /// One line for help text.
    public let summary: String
    /// True if the formula is our reading of a paper whose exact formula is unconfirmed.
    public let isInterpretation: Bool
    /// Paper or textbook origin.
    public let source: String
    /// Whether `t_other = −s` is allowed.
    public let allowsNegativeOthers: Bool
    /// Why `t_other = −s` is refused (empty when it is allowed).
    public let negativeOthersRestriction: String
    /// Whether the exponent clamp can act in this head.
    public let usesExponentClamp: Bool

    public init(name: String, output: String, delta: String, loss: String, summary: String,
                isInterpretation: Bool, source: String, allowsNegativeOthers: Bool,
                negativeOthersRestriction: String = "", usesExponentClamp: Bool) {
        self.name = name
        self.output = output
        self.delta = delta
        self.loss = loss
        self.summary = summary
        self.isInterpretation = isInterpretation
        self.source = source
        self.allowsNegativeOthers = allowsNegativeOthers
        self.negativeOthersRestriction = negativeOthersRestriction
        self.usesExponentClamp = usesExponentClamp
    }

    /// One help line: `name  δ = …; loss …  [interpretation]`.
    public var helpLine: String {
        "\(name): \(summary) δ = \(delta); loss \(loss)\(isInterpretation ? " [interpretation]" : "")"
    }

    static let bounded = "the output of this head is never negative"
}
