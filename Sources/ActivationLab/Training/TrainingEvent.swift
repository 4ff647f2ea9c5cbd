/// Progress events the trainer reports while it runs.
public enum TrainingEvent {
    /// A minibatch step finished (step counts from 1 within the epoch).
    case step(epoch: Int, step: Int, stepsPerEpoch: Int, loss: Double)
    /// An epoch finished.
    case epoch(EpochMetrics)
}
