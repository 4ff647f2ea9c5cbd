import Foundation

/// A comparison after it ran: its statistics against the target the reproduction uses.
public struct ComparisonOutcome: Sendable {
    public var planned: PlannedComparison
    /// In variant order (baseline first), computed with `target`.
    public var statistics: [VariantStatistics]
    /// The validation accuracy the time-to-target figures use (see `ReproductionRunner.target`).
    public var target: Double
    public var epochs: Int
    /// The last stored epoch of every complete run, by variant (for per-layer diagnostics).
    public var lastEpochs: [String: [EpochMetrics]] = [:]

    public var baseline: VariantStatistics { statistics[0] }

    public func statistics(_ variant: String) -> VariantStatistics? { statistics.first { $0.name == variant } }

    /// The statistics of the variant planned under `key`.
    public func statistics(key: String) -> VariantStatistics? { planned.specNames[key].flatMap { statistics($0) } }

    /// The last epochs of the runs of the variant planned under `key`.
    public func lastEpochs(key: String) -> [EpochMetrics] { planned.specNames[key].flatMap { lastEpochs[$0] } ?? [] }
}
