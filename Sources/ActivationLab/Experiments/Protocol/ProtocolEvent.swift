/// What the protocol runner reports as it goes, for progress output.
public enum ProtocolEvent {
    /// A phase starts: tuning, pilot, step costs, evaluation; `cells` runs to train in it (this process's share).
    case phase(ProtocolPhase, cells: Int)
    /// This process is waiting for `runs` of the phase that other processes are training.
    case waiting(ProtocolPhase, runs: Int)
    /// A run of the current phase (tuning trial, pilot, comparison cell) reports progress.
    case sweep(SweepEvent)
    /// Tuning chose `values` for `variant` (mean final validation accuracy `accuracy` on the tuning seeds).
    case tuned(variant: String, values: [String: Double], accuracy: Double)
    /// The target accuracy is fixed, with how it was set.
    case target(Double, source: String)
    /// Seconds per step of every variant.
    case stepCosts([String: Double])
}

/// The phases of a comparison, in order.
public enum ProtocolPhase: String, Sendable {
    case tuning, pilot, stepCosts = "step costs", evaluation
}
