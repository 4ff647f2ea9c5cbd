/// How a training run ended and what it measured.
public struct TrainingResult: Sendable {
    public var status: RunStatus
    /// One entry per completed epoch.
    public var epochs: [EpochMetrics]
    /// Why the run stopped early, if it did (divergence, early stopping).
    public var message: String?
    /// The global step at which the run diverged (`DivergenceRule`), for diverged runs.
    public var divergedAtStep: Int?
    /// Every validation evaluation in step order: the intermediate ones and one per epoch end. Time to
    /// target is read from these, so its resolution is the evaluation interval rather than an epoch.
    public var evaluations: [EvaluationPoint] = []
    /// Optimiser steps taken (fewer than `stepBudget` when the run stopped early, diverged or was interrupted).
    public var steps = 0
    /// The steps the full budget allows, steps per epoch × epochs: a run that never reaches the target
    /// is censored here.
    public var stepBudget = 0
    /// The test split after training, for finished runs when the data has one (`TrainingSession.run`);
    /// validation drives targets and tuning, the test split reports final accuracy.
    public var test: Evaluation?
}
