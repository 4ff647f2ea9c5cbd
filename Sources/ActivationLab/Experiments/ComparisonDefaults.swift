/// What a comparison uses where its definition (flags or config file) says nothing: one set of
/// defaults for `actlab compare`'s flags and for config files.
public enum ComparisonDefaults {
    public static let baseline = "relu"
    public static let variants = ["tanh", "penalized-tanh", "scaled-sigmoid", "relu+head=linear-exp+lr=0.01"]
    public static let epochs = 15
    public static let seedCount = 3
    public static let targetAccuracy = 0.88
}
