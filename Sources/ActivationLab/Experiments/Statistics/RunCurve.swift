/// The per-epoch series of one run that the statistics need, in epoch order (element i is epoch i + 1).
public struct RunCurve: Sendable, Equatable {
    public var trainLoss: [Double]
    public var validationAccuracy: [Double]
    /// Wall-clock seconds since training started, at the end of each epoch.
    public var elapsedSeconds: [Double]
    /// Whether the run stopped because it diverged.
    public var diverged: Bool

    public init(trainLoss: [Double], validationAccuracy: [Double], elapsedSeconds: [Double], diverged: Bool = false) {
        self.trainLoss = trainLoss
        self.validationAccuracy = validationAccuracy
        self.elapsedSeconds = elapsedSeconds
        self.diverged = diverged
    }

    /// The curve of stored epoch metrics (sorted by epoch).
    public init(epochs: [EpochMetrics], diverged: Bool = false) {
        let sorted = epochs.sorted { $0.epoch < $1.epoch }
        self.init(trainLoss: sorted.map(\.trainLoss), validationAccuracy: sorted.map(\.validationAccuracy),
                  elapsedSeconds: sorted.map(\.elapsedSeconds), diverged: diverged)
    }

    /// The validation accuracy of the last epoch, if it is finite.
    public var finalAccuracy: Double? {
        guard let last = validationAccuracy.last, last.isFinite else { return nil }
        return last
    }
}
