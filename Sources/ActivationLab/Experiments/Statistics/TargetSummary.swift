/// Time-to-target over the N runs of one variant, counting runs that never reach the target honestly.
///
/// Interpretation: the median treats a censored run as taking +∞ (it did not reach the target within
/// its budget), so it is "not reached" as soon as a middle order statistic is censored — the same
/// answer as a Kaplan–Meier median when every censoring time lies after every event. The means are over
/// the runs that reached the target only and are labelled so; they are optimistic when some runs did not.
public struct TargetSummary: Sendable, Equatable {
    /// N: runs considered.
    public let runs: Int
    /// k: runs that reached the target.
    public let reached: Int
    public var notReached: Int { runs - reached }
    public let medianEpochs: CensoredMedian
    public let medianSeconds: CensoredMedian
    /// Mean epochs to target over the `reached` runs only (nil if none).
    public let meanEpochsOfReached: Double?
    /// Mean seconds to target over the `reached` runs only (nil if none).
    public let meanSecondsOfReached: Double?

    public init(_ times: [TimeToTarget]) {
        runs = times.count
        let epochs = times.compactMap(\.epoch).map(Double.init)
        let seconds = times.compactMap(\.seconds)
        reached = epochs.count
        medianEpochs = TargetSummary.censoredMedian(reached: epochs, runs: runs)
        medianSeconds = TargetSummary.censoredMedian(reached: seconds, runs: runs)
        meanEpochsOfReached = epochs.isEmpty ? nil : Summary.mean(epochs)
        meanSecondsOfReached = seconds.isEmpty ? nil : Summary.mean(seconds)
    }

    /// The median of `reached` padded with `runs − reached.count` values of +∞.
    static func censoredMedian(reached: [Double], runs: Int) -> CensoredMedian {
        guard runs > 0 else { return .notReached }
        let sorted = reached.sorted() + Array(repeating: Double.infinity, count: runs - reached.count)
        let middle = runs % 2 == 1 ? sorted[runs / 2] : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2
        return middle.isFinite ? .value(middle) : .notReached
    }
}
