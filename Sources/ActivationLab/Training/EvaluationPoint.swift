/// A validation measurement during training: after `step` optimiser steps (counted from 1 over the
/// whole run). Time to target is read from these, so its resolution is the evaluation interval, not an epoch.
public struct EvaluationPoint: Codable, Sendable, Equatable {
    /// Optimiser steps taken so far.
    public var step: Int
    /// The epoch the step belongs to (1-based).
    public var epoch: Int
    public var validationAccuracy: Double
    public var validationLoss: Double
    /// Wall-clock seconds since training started (secondary: load on the machine moves it).
    public var elapsedSeconds: Double

    public init(step: Int, epoch: Int, validationAccuracy: Double, validationLoss: Double, elapsedSeconds: Double) {
        self.step = step
        self.epoch = epoch
        self.validationAccuracy = validationAccuracy
        self.validationLoss = validationLoss
        self.elapsedSeconds = elapsedSeconds
    }

    enum CodingKeys: String, CodingKey {
        case step, epoch
        case validationAccuracy = "val_accuracy"
        case validationLoss = "val_loss"
        case elapsedSeconds = "elapsed_seconds"
    }
}
