extension TrainingOption {
    /// Every training option, in help order. Adding an option: a stored property in
    /// `TrainingConfiguration`, a line here, and its use.
    public static let all: [TrainingOption] = [
        TrainingOption("dataset", \.dataset, scope: .comparison,
                       help: "Dataset: fashion-mnist, sample, idx:DIR, cifar10:DIR, cifar100:DIR, csv:FILE (see `actlab datasets`). Default: fashion-mnist if installed, else the bundled sample.",
                       checkedBy: { _ = try DatasetSource(spec: $0) }),
        TrainingOption("model", \.model, scope: .comparison, help: "Model: mlp:IN-H1-...-OUT (IN and OUT may be auto: sized from the data), mlp:auto, cnn:lenet or cnn:resnet.",
                       checkedBy: { _ = try ModelSpec.parse($0) }),
        TrainingOption("activation", \.activation, help: "Hidden activation, NAME or NAME:PARAM (see `actlab activations`).",
                       checkedBy: { _ = try ActivationCatalog.activation(named: $0) },
                       canonical: ActivationCatalog.canonicalSpec),
        TrainingOption("adversarial", \.adversarial,
                       help: "Alternate the activation with its adversarial partner layer by layer (Su et al. 2024; interpretation)."),
        TrainingOption("adversarial-reading", \.adversarialReading,
                       help: "Adversarial partner reading: flip (g' = M + m − f') or reflect (g(x) = −f(−x); useless for odd f like tanh)."),
        TrainingOption("hdfgd", \.hdfgd,
                       help: "Use HD-FGD gated layers (gelu/silu; Su et al. 2024; interpretation). With --adversarial: alternate with SA."),
        TrainingOption("match-parameters", \.matchParameters,
                       help: "With --hdfgd: shrink hidden widths so the parameter count matches the plain network's."),
        TrainingOption("head", \.head, help: "Output head (see `actlab heads`).",
                       checkedBy: { _ = try HeadCatalog.head(named: $0, options: HeadOptions()) },
                       canonical: HeadCatalog.canonicalName),
        TrainingOption("target-scale", \.targetScale, require: Requirement("positive") { $0.isFinite && $0 > 0 },
                       help: "Head target for the correct class (t_correct = s)."),
        TrainingOption("negative-others", \.negativeOthers, help: "Linear heads: target −s instead of 0 for the other classes."),
        TrainingOption("exponent-clamp", \.exponentClamp,
                       require: Requirement("in (0, \(HeadOptions.largestExponentClamp)]") { $0 > 0 && $0 <= HeadOptions.largestExponentClamp },
                       help: "Exponent clamp for boosted heads; each clamp is counted."),
        TrainingOption("transform", \.transform,
                       help: "Transformed nonlinearities (Raiko/Vatanen): none, shortcuts, ab or abg (tanh, mlp)."),
        TrainingOption("gamma-type", \.gammaType, help: "γ formula for --transform abg: 1 (scale × slope) or 2 (unit variance)."),
        TrainingOption("transform-every", \.transformEvery, require: .positive, help: "Re-estimate α, β, γ every N steps."),
        TrainingOption("init", \.initializer, help: "Initialiser: auto, explicit, glorot-uniform, glorot-normal, he, lecun."),
        TrainingOption("optimizer", \.optimizer, help: "Optimiser: sgd, adam or adamw."),
        TrainingOption("lr", \.learningRate, require: .positive, help: "Learning rate."),
        TrainingOption("momentum", \.momentum, require: .belowOne, help: "SGD momentum."),
        TrainingOption("nesterov", \.nesterov, help: "Use Nesterov momentum."),
        TrainingOption("weight-decay", \.weightDecay, require: .nonNegative,
                       help: "Weight decay (L2 for sgd/adam, decoupled for adamw)."),
        TrainingOption("schedule", \.schedule,
                       help: "Learning-rate schedule: constant, cosine, step:EPOCHS:GAMMA, warmup:STEPS:<schedule>."),
        TrainingOption("batch-size", \.batchSize, require: .positive(atMost: OptionLimits.batchSize), help: "Minibatch size."),
        TrainingOption("epochs", \.epochs, scope: .comparison, require: .positive(atMost: OptionLimits.epochs),
                       help: "Number of epochs (train: 10, compare: 15)."),
        TrainingOption("seed", \.seed, scope: .comparison, help: "Random seed (weights, data order, validation split)."),
        TrainingOption("patience", \.patience, scope: .comparison, require: .positiveIfSet,
                       help: "Stop after this many epochs without validation-loss improvement."),
        TrainingOption("validation-fraction", \.validationFraction, scope: .comparison, require: .openFraction,
                       help: "Fraction of the training set held out for validation."),
        TrainingOption("train-limit", \.trainLimit, scope: .comparison, require: .positiveIfSet,
                       help: "Use at most this many training samples."),
        TrainingOption("eval-every", \.evaluateEvery, scope: .comparison, require: .positiveIfSet,
                       help: "Evaluate validation accuracy every N steps of an epoch and at its end (default: up to 8 times an epoch, so that evaluating costs at most ~1/9 of training: 3 with a 10% validation split)."),
        TrainingOption("normalize", \.normalization, scope: .comparison,
                       help: "Input normalisation: unit-range, standardize, center (zero-mean) or none. Default: unit-range for images, standardize for CSV."),
    ]

    /// The option with this key.
    public static func named(_ key: String) -> TrainingOption? { all.first { $0.key == key } }

    /// The option with this key, or `ConfigurationError.unknownOption` with the nearest key as a suggestion.
    public static func lookup(_ key: String, among options: [TrainingOption] = all) throws -> TrainingOption {
        if let option = options.first(where: { $0.key == key }) { return option }
        throw ConfigurationError.unknownOption(key, suggestion: nearestKey(to: key, among: options.map(\.key)))
    }

    /// The options a variant may set.
    public static var variantOptions: [TrainingOption] { all.filter { $0.scope == .variant } }

    /// The key closest to `key` by edit distance, if it is close enough to be a likely typo.
    static func nearestKey(to key: String, among keys: [String]) -> String? {
        EditDistance.nearest(to: key, among: keys)
    }
}
