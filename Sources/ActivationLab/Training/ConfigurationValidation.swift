/// A training option with a value that cannot work, named as on the command line.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension TrainingConfiguration {
    /// The head's target and clamp options.
    public var headOptions: HeadOptions {
        HeadOptions(targetScale: targetScale, negativeOthers: negativeOthers, exponentClamp: exponentClamp)
    }

    /// Checks every numeric option, throwing one clear error naming the flag.
    public func validate() throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw ConfigurationError(message()) }
        }
        try require(learningRate.isFinite && learningRate > 0, "--lr must be a positive number, got \(learningRate)")
        try require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got \(momentum)")
        try require(weightDecay.isFinite && weightDecay >= 0, "--weight-decay must be ≥ 0, got \(weightDecay)")
        try require(batchSize > 0, "--batch-size must be a positive integer, got \(batchSize)")
        try require(epochs > 0, "--epochs must be a positive integer, got \(epochs)")
        try require(validationFraction > 0 && validationFraction < 1, "--validation-fraction must be in (0, 1), got \(validationFraction)")
        try require(patience.map { $0 > 0 } ?? true, "--patience must be a positive integer, got \(patience ?? 0)")
        try require(trainLimit.map { $0 > 0 } ?? true, "--train-limit must be a positive integer, got \(trainLimit ?? 0)")
        try require(targetScale.isFinite && targetScale > 0, "--target-scale must be positive, got \(targetScale)")
        try require(exponentClamp.isFinite && exponentClamp > 0, "--exponent-clamp must be positive, got \(exponentClamp)")
        try require(["none", "ab", "abg"].contains(transform), "--transform must be none, ab or abg, got '\(transform)'")
        try require([1, 2].contains(gammaType), "--gamma-type must be 1 or 2, got \(gammaType)")
        try require(transformEvery > 0, "--transform-every must be a positive integer, got \(transformEvery)")
        try require(["flip", "reflect"].contains(adversarialReading), "--adversarial-reading must be flip or reflect, got '\(adversarialReading)'")
        _ = try LearningRateSchedule.parse(schedule)
        _ = try ActivationCatalog.activation(named: activation)
        _ = try HeadCatalog.head(named: head, options: headOptions)
        _ = try ModelSpec.parse(model)
    }
}
