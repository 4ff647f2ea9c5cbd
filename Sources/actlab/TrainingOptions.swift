import ArgumentParser
import ActivationLab
import Foundation

extension OptimizerKind: ExpressibleByArgument {}
extension Normalization: ExpressibleByArgument {}

/// The options that define a training run, shared by `train` and `compare` (where they set the base
/// configuration every variant starts from).
struct TrainingOptions: ParsableArguments {
    @Option(help: "Dataset: fashion-mnist, sample, idx:DIR, cifar10:DIR, cifar100:DIR, csv:FILE (see `actlab datasets`). Default: fashion-mnist if installed, else the bundled sample.")
    var dataset: String?
    @Option(help: "Model: mlp:IN-H1-...-OUT, cnn:lenet or cnn:resnet. (default: mlp:784-256-256-10)")
    var model: String?
    @Option(help: "Hidden activation, NAME or NAME:PARAM (see `actlab activations`).")
    var activation = "relu"
    @Flag(help: "Alternate the activation with its adversarial partner layer by layer (Su et al. 2024; interpretation).")
    var adversarial = false
    @Option(help: "Adversarial partner reading: flip (g' = M + m − f') or reflect (g(x) = −f(−x); useless for odd f like tanh).")
    var adversarialReading = "flip"
    @Flag(help: "Use HD-FGD gated layers (gelu/silu; Su et al. 2024; interpretation). With --adversarial: alternate with SA.")
    var hdfgd = false
    @Flag(help: "With --hdfgd: shrink hidden widths so the parameter count matches the plain network's.")
    var matchParameters = false
    @Option(help: "Output head (see `actlab heads`).")
    var head = "softmax-ce"
    @Option(help: "Head target for the correct class (t_correct = s).")
    var targetScale = 1.0
    @Flag(help: "Linear heads: target −s instead of 0 for the other classes.")
    var negativeOthers = false
    @Option(help: "Exponent clamp for boosted heads; each clamp is counted.")
    var exponentClamp = 30.0
    @Option(help: "Transformed nonlinearities (Raiko/Vatanen): none, ab or abg (needs tanh and an mlp).")
    var transform = "none"
    @Option(help: "γ formula for --transform abg: 1 (scale × slope) or 2 (unit variance).")
    var gammaType = 1
    @Option(help: "Re-estimate α, β, γ every N steps.")
    var transformEvery = 100
    @Option(name: .customLong("init"), help: "Initialiser: auto, explicit, glorot-uniform, glorot-normal, he, lecun.")
    var initializer = "auto"
    @Option(help: "Optimiser: sgd, adam or adamw.")
    var optimizer: OptimizerKind = .sgd
    @Option(help: "Learning rate.")
    var lr = 0.05
    @Option(help: "SGD momentum.")
    var momentum = 0.9
    @Flag(help: "Use Nesterov momentum.")
    var nesterov = false
    @Option(help: "Weight decay (L2 for sgd/adam, decoupled for adamw).")
    var weightDecay = 0.0
    @Option(help: "Learning-rate schedule: constant, cosine, step:EPOCHS:GAMMA, warmup:STEPS:<schedule>.")
    var schedule = "constant"
    @Option(help: "Minibatch size.")
    var batchSize = 128
    @Option(help: "Number of epochs. (default: train 10, compare 15)")
    var epochs: Int?
    @Option(help: "Random seed (weights, data order, validation split).")
    var seed: UInt64 = 1
    @Option(help: "Stop after this many epochs without validation-loss improvement.")
    var patience: Int?
    @Option(help: "Fraction of the training set held out for validation.")
    var validationFraction = 0.1
    @Option(help: "Use at most this many training samples.")
    var trainLimit: Int?
    @Option(help: "Input normalisation: unit-range, standardize, center (zero-mean) or none. Default: unit-range for images, standardize for CSV.")
    var normalize: Normalization?
    @Option(help: "Threads for BLAS (default: all cores).")
    var threads: Int?

    /// The configuration these options describe, with the command's own defaults for unset options.
    func configuration(defaultEpochs: Int = 10) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dataset = dataset ?? DatasetSource.defaultSpec()
        c.model = model ?? "mlp:784-256-256-10"
        c.activation = activation
        c.adversarial = adversarial
        c.adversarialReading = adversarialReading
        c.hdfgd = hdfgd
        c.matchParameters = matchParameters
        c.head = head
        c.targetScale = targetScale
        c.negativeOthers = negativeOthers
        c.exponentClamp = exponentClamp
        c.transform = transform
        c.gammaType = gammaType
        c.transformEvery = transformEvery
        c.initializer = initializer
        c.optimizer = optimizer
        c.learningRate = lr
        c.momentum = momentum
        c.nesterov = nesterov
        c.weightDecay = weightDecay
        c.schedule = schedule
        c.batchSize = batchSize
        c.epochs = epochs ?? defaultEpochs
        c.seed = seed
        c.patience = patience
        c.validationFraction = validationFraction
        c.trainLimit = trainLimit
        c.normalization = normalize
        return c
    }

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        do { try configuration().validate() } catch { throw ValidationError("\(error)") }
    }

    /// Applies `--threads` (default: every core).
    func applyThreads() {
        ComputeContext.programDefault = ComputeContext(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }
}
