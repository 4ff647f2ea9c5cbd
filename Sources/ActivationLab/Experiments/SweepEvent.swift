/// What a sweep reports while it runs.
public enum SweepEvent {
    /// A cell was claimed and starts training (`index` of `count` cells this process will run).
    case cellStarted(Cell, index: Int, count: Int)
    /// One minibatch step of the current cell.
    case step(Cell, epoch: Int, step: Int, stepsPerEpoch: Int)
    /// An epoch of the current cell was stored.
    case epoch(Cell, EpochMetrics)
    /// A cell ended (finished, diverged or failed) and its status is stored.
    case cellEnded(Cell, RunStatus, message: String?)
    /// A cell was skipped: already complete, or owned by another live process.
    case cellSkipped(Cell)
}
