/// What the analysis needs of one stored run, independent of the store.
public struct RunRecord: Sendable, Equatable {
    public var variant: String
    public var seed: UInt64
    public var kind: RunKind
    public var status: RunStatus
    public var configuration: TrainingConfiguration?
    /// Validation evaluations by step (empty in stores written before step evaluations).
    public var evaluations: [EvaluationPoint]
    public var epochs: [EpochMetrics]
    /// Accuracy on the test split at the end of the budget (nil: diverged, or not recorded).
    public var testAccuracy: Double?
    /// Optimiser steps the run was given (nil: not recorded).
    public var stepBudget: Int?

    public init(variant: String, seed: UInt64, kind: RunKind = .evaluation, status: RunStatus,
                configuration: TrainingConfiguration? = nil, evaluations: [EvaluationPoint] = [],
                epochs: [EpochMetrics] = [], testAccuracy: Double? = nil, stepBudget: Int? = nil) {
        self.variant = variant
        self.seed = seed
        self.kind = kind
        self.status = status
        self.configuration = configuration
        self.evaluations = evaluations
        self.epochs = epochs
        self.testAccuracy = testAccuracy
        self.stepBudget = stepBudget
    }

    /// Finished or diverged: the run's record is final.
    public var isComplete: Bool { status == .finished || status == .diverged }

    /// The validation accuracy at the end of the run: the last evaluation's, else the last epoch's.
    public var finalValidationAccuracy: Double? {
        evaluations.last?.validationAccuracy ?? epochs.last?.validationAccuracy
    }
}
