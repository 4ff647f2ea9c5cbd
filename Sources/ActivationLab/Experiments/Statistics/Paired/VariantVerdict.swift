/// Everything the verdict line of one variant needs: its accuracy difference and speed-up against the
/// baseline, their Holm-adjusted p-values, the two verdicts and, when inconclusive, the seeds that would
/// probably decide them.
///
/// Multiplicity: `forComparison` adjusts across the variants of one comparison, in two families adjusted
/// separately, accuracy and speed, because they answer two separate questions ("more accurate?",
/// "faster?") that each get their own verdict line. Within a family the chance of any false
/// better/worse (faster/slower) claim is ≤ α. Seeds to decide use α/k for k tested variants, Holm's
/// strictest step, so the count is conservative.
public struct VariantVerdict: Sendable, Equatable {
    /// Variant − baseline accuracy (fraction); nil when it could not be computed.
    public let accuracy: MeanDifference?
    public let accuracyAdjustedPValue: Double?
    public let accuracyVerdict: AccuracyVerdict
    /// Speed-up over the baseline in steps to target; nil when it could not be computed.
    public let speedup: Speedup?
    public let speedAdjustedPValue: Double?
    public let speedVerdict: SpeedVerdict
    /// Set only for an inconclusive accuracy verdict with a defined spread.
    public let accuracySeedsToDecide: SeedsToDecide?
    /// Set only for an inconclusive speed verdict with a defined spread.
    public let speedSeedsToDecide: SeedsToDecide?

    /// The seeds that would probably decide both inconclusive verdicts: the larger of the two counts
    /// (`moreThan` wins), the one that is set, or nil.
    public var seedsToDecide: SeedsToDecide? {
        switch (accuracySeedsToDecide, speedSeedsToDecide) {
        case (nil, let only), (let only, nil): return only
        case (.moreThan(let cap), _), (_, .moreThan(let cap)): return .moreThan(cap)
        case (.seeds(let a), .seeds(let b)): return .seeds(max(a, b))
        }
    }

    /// The verdicts of every variant of one comparison, in the order given.
    /// - Parameters:
    ///   - accuracy: each variant's accuracy difference against the baseline (nil: none).
    ///   - speed: each variant's speed-up, in the same order (nil: none); same count as `accuracy`.
    ///   - accuracyMargin: fraction, default 0.005 (0.5 points).
    ///   - speedMargin: ratio, default 1.1 (10%).
    public static func forComparison(accuracy: [MeanDifference?], speed: [Speedup?],
                                     accuracyMargin: Double = AccuracyVerdict.defaultMargin,
                                     speedMargin: Double = SpeedVerdict.defaultMargin,
                                     alpha: Double = 0.05) -> [VariantVerdict] {
        precondition(accuracy.count == speed.count, "one accuracy and one speed entry per variant")
        let accuracyP = Holm.adjusted(accuracy.map { $0?.pValue })
        let speedP = Holm.adjusted(speed.map { $0?.pValue })
        let accuracyTests = max(1, accuracyP.compactMap { $0 }.count)
        let speedTests = max(1, speedP.compactMap { $0 }.count)
        return accuracy.indices.map { i in
            let accuracyVerdict = accuracy[i].map {
                AccuracyVerdict($0, adjustedPValue: accuracyP[i], margin: accuracyMargin, alpha: alpha)
            } ?? .inconclusive
            let speedVerdict = speed[i].map {
                SpeedVerdict($0, adjustedPValue: speedP[i], margin: speedMargin, alpha: alpha)
            } ?? .inconclusive
            return VariantVerdict(
                accuracy: accuracy[i], accuracyAdjustedPValue: accuracyP[i], accuracyVerdict: accuracyVerdict,
                speedup: speed[i], speedAdjustedPValue: speedP[i], speedVerdict: speedVerdict,
                accuracySeedsToDecide: accuracyVerdict == .inconclusive ? accuracy[i].flatMap {
                    SeedsToDecide($0, margin: accuracyMargin, alpha: alpha / Double(accuracyTests))
                } : nil,
                speedSeedsToDecide: speedVerdict == .inconclusive ? speed[i].flatMap {
                    SeedsToDecide($0, margin: speedMargin, alpha: alpha / Double(speedTests))
                } : nil)
        }
    }
}
