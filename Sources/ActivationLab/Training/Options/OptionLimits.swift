/// Upper bounds on the sizes a user gives (flags, variant specs, config files, model specs). A size beyond
/// them is refused with a message before anything is allocated or looped over, so an int64-sized typo
/// never ends in an overflow trap, a failed allocation or a run that never ends. Each is far above any
/// real use on one machine.
public enum OptionLimits {
    /// Samples per minibatch.
    public static let batchSize = 1_000_000
    /// Epochs per run (and per tuning trial).
    public static let epochs = 100_000
    /// Seeds per comparison (`--seeds`, a config file's `seeds`).
    public static let seeds = 10_000
    /// Runs (variants × seeds) per comparison: each is a cell of the run store.
    public static let runs = 100_000
    /// Bytes of a comparison config file, and how deeply its arrays and objects may nest.
    public static let configFileBytes = 1 << 20
    public static let configFileNesting = 16
    /// Any one layer width of an mlp spec.
    public static let layerWidth = 10_000_000
    /// Layers of an mlp spec.
    public static let layers = 1_000
    /// Characters of a learning-rate schedule; a warm-up may wrap at most `scheduleNesting` schedules.
    public static let scheduleLength = 200
    public static let scheduleNesting = 4
}
