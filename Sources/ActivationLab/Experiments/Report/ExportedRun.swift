/// One run as the JSON export lists it: what the run store knows about the run as a whole — its kind,
/// status, test result, steps and configuration — which the per-epoch and per-evaluation rows do not carry.
public struct ExportedRun: Codable, Sendable, Equatable {
    public var runID: Int64
    /// The run's cell name (a variant, or a tuning trial / pilot name).
    public var variant: String
    public var seed: UInt64
    public var kind: RunKind
    public var status: RunStatus
    /// Accuracy on the test split at the end of the budget (the summary's accuracy measure).
    public var testAccuracy: Double?
    public var testLoss: Double?
    public var testCount: Int?
    /// Optimiser steps taken, and the steps the budget allowed.
    public var steps: Int?
    public var stepBudget: Int?
    public var divergedEpoch: Int?
    public var divergedStep: Int?
    /// Why the run failed or diverged, if known.
    public var reason: String?
    public var attempts: Int
    /// The full training configuration (at the tuned values for evaluation runs); nil when not recorded.
    public var configuration: TrainingConfiguration?

    public init(_ run: StoredRun) {
        runID = run.id
        variant = run.cell.variant
        seed = run.cell.seed
        kind = run.kind
        status = run.status
        testAccuracy = run.testAccuracy
        testLoss = run.testLoss
        testCount = run.testCount
        steps = run.steps
        stepBudget = run.stepBudget
        divergedEpoch = run.divergedEpoch
        divergedStep = run.divergedStep
        reason = run.reason
        attempts = run.attempts
        configuration = run.configuration
    }

    enum CodingKeys: String, CodingKey {
        case variant, seed, kind, status, steps, reason, attempts, configuration
        case runID = "run_id", testAccuracy = "test_accuracy", testLoss = "test_loss", testCount = "test_count"
        case stepBudget = "step_budget", divergedEpoch = "diverged_epoch", divergedStep = "diverged_step"
    }

    /// Encodes nil as JSON null, so every run object has the same keys.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runID, forKey: .runID)
        try c.encode(variant, forKey: .variant)
        try c.encode(seed, forKey: .seed)
        try c.encode(kind, forKey: .kind)
        try c.encode(status, forKey: .status)
        try c.encode(testAccuracy, forKey: .testAccuracy)
        try c.encode(testLoss, forKey: .testLoss)
        try c.encode(testCount, forKey: .testCount)
        try c.encode(steps, forKey: .steps)
        try c.encode(stepBudget, forKey: .stepBudget)
        try c.encode(divergedEpoch, forKey: .divergedEpoch)
        try c.encode(divergedStep, forKey: .divergedStep)
        try c.encode(reason, forKey: .reason)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(configuration, forKey: .configuration)
    }
}
