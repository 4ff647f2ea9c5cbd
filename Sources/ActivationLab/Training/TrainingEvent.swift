/// Progress events the trainer reports while it runs.
public enum TrainingEvent {
    /// A minibatch step finished (step counts from 1 within the epoch).
    case step(epoch: Int, step: Int, stepsPerEpoch: Int, loss: Double)
    /// The validation set was evaluated: every `evaluateEvery` steps and at each epoch end (reported
    /// just before that epoch's `.epoch`).
    case evaluation(EvaluationPoint)
    /// An epoch finished.
    case epoch(EpochMetrics)
}
