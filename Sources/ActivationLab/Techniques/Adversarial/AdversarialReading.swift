/// How the adversarial partner of an activation is read from Su, Zhu & Li (2024).
/// Both are **interpretations**: the paper's formulas could not be obtained.
public enum AdversarialReading: String, Sendable, CaseIterable, Codable {
    /// The derivative graph flipped within its range: g'(x) = (M + m) − f'(x), g(0) = 0, with
    /// M = sup f' and m = inf f'. The default.
    case flip
    /// Point reflection: g(x) = −f(−x), g'(x) = f'(−x). Same function as `flip` for the ReLU family,
    /// GELU and SiLU; for softplus it differs from `flip` by the constant log 2. For odd functions
    /// (tanh, scaled sigmoid) it is f itself, so it is useless there.
    case reflect
}
