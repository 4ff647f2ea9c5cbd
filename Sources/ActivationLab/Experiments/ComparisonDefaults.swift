/// What a comparison uses where its definition (flags or config file) says nothing: one set of
/// defaults for `actlab compare`'s flags and for config files.
public enum ComparisonDefaults {
    public static let baseline = "relu"
    /// The learning rate is tuned per variant, so no variant sets one.
    public static let variants = ["tanh", "penalized-tanh", "scaled-sigmoid", "relu+head=linear-exp"]
    public static let epochs = 10
    public static let seedCount = 5
    /// `auto`: a pilot run of the tuned baseline sets the target before the comparison runs.
    public static let targetAccuracy = "auto"
    /// Per-variant tuning of the learning rate, 8 Halton trials each.
    public static let tune = "lr"
    public static let tuneBudget = 8
    /// Coarse to fine: a best at the end of a range is followed past it (`TuneSearch`).
    public static let tuneSearch = TuneSearch.refine
    /// Accuracy differences within ±0.5 points, and speed-ups within ±10%, are `equivalent`.
    public static let marginPoints = 0.5
    public static let speedMarginPercent = 10.0
    /// Final accuracy is read at the end of a cosine schedule, so it does not depend on where a constant
    /// rate's last epoch happened to land (one tanh run fell 1.5 points in its last epoch).
    public static let schedule = LearningRateSchedule.cosine
}
