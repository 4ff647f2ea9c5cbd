/// Why a run of an experiment was trained.
public enum RunKind: String, Codable, Sendable, CaseIterable {
    /// A cell of the comparison proper: a variant, at its tuned values, on an evaluation seed.
    case evaluation
    /// A tuning trial: a variant at one point of the tuning search, on a tuning seed.
    case tuning
    /// The baseline on the pilot seed, run before the comparison to pre-register the target accuracy.
    case pilot
}
