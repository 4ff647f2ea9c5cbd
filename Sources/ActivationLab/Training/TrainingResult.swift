/// How a training run ended and what it measured.
public struct TrainingResult: Sendable {
    public var status: RunStatus
    /// One entry per completed epoch.
    public var epochs: [EpochMetrics]
    /// Why the run stopped early, if it did (divergence, early stopping).
    public var message: String?
    /// The global step at which the loss became non-finite, for diverged runs.
    public var divergedAtStep: Int?
}
