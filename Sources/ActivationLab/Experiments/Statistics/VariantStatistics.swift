/// Everything the report says about one variant across its seeds.
public struct VariantStatistics: Sendable {
    public let name: String
    /// The completed runs (finished or diverged) these numbers come from.
    public let curves: [RunCurve]
    public let target: Double
    public var runs: Int { curves.count }
    public var diverged: Int { curves.filter(\.diverged).count }
    /// Final validation accuracy of each run with a finite one.
    public let finalAccuracies: [Double]
    /// Mean ± sd and 95% CI of the final validation accuracy (nil without runs).
    public let finalAccuracy: Summary?
    /// Per-run time to target, in `curves` order.
    public let times: [TimeToTarget]
    public let timeToTarget: TargetSummary
    /// Mean over runs of each run's smoothness figures (nil when no run has two finite losses).
    public let smoothness: Smoothness.Mean?

    /// - Parameters:
    ///   - curves: one per completed run (failed and unfinished runs should not be passed).
    ///   - target: validation accuracy to reach, a fraction in [0, 1].
    public init(name: String, curves: [RunCurve], target: Double) {
        self.name = name
        self.curves = curves
        self.target = target
        finalAccuracies = curves.compactMap(\.finalAccuracy)
        finalAccuracy = Summary(finalAccuracies)
        times = curves.map { TimeToTarget($0, target: target) }
        timeToTarget = TargetSummary(times)
        smoothness = Smoothness.Mean(curves.compactMap { Smoothness(trainLoss: $0.trainLoss) })
    }
}

extension Smoothness {
    /// The run-average of the smoothness figures.
    public struct Mean: Sendable, Equatable {
        public let runs: Int
        public let meanAbsoluteChange: Double
        public let meanRelativeChange: Double
        public let excessVariation: Double

        init?(_ values: [Smoothness]) {
            guard !values.isEmpty else { return nil }
            runs = values.count
            meanAbsoluteChange = Summary.mean(values.map(\.meanAbsoluteChange))
            meanRelativeChange = Summary.mean(values.map(\.meanRelativeChange))
            excessVariation = Summary.mean(values.map(\.excessVariation))
        }
    }
}
