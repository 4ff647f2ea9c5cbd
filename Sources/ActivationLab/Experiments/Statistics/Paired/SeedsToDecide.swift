import RealModule

/// How many seeds would probably turn an inconclusive verdict into a decided one, from the observed
/// mean difference and per-seed spread.
///
/// Taking the observed mean m and spread s (one seed's difference) as the truth, the expected half-width of
/// the interval at n seeds is `h(n) = t_{n−1, 1−α/2} · s/√n`. The verdict is decided at the smallest n
/// above the current number of seeds where the interval excludes 0, `|m| > h(n)` (better/worse,
/// faster/slower), or fits within the margin, `|m| + h(n) ≤ margin` (equivalent), whichever comes first.
/// h falls with n, so both conditions stay true once true, and a binary search finds n.
///
/// "Probably": m and s are estimates. If the true difference equals m, the interval at that n excludes 0
/// only about half of the time; read the number as an order of magnitude for planning, not a power
/// calculation. Multiplicity: pass the α the verdict will face; with Holm over k variants, α/k is the
/// conservative choice. For an unpaired difference the t quantile uses n − 1 degrees of freedom, fewer
/// than Welch's, so the count errs high. Searches up to `cap` seeds (default 1000): beyond that, no
/// practical number of seeds decides it (`moreThan(cap)`).
public enum SeedsToDecide: Sendable, Equatable {
    /// The total number of seeds (including those already run) that would probably decide it.
    case seeds(Int)
    /// Even `cap` seeds would probably not decide it (e.g. a mean of 0 with a margin of 0).
    case moreThan(Int)

    public static let defaultCap = 1000

    /// - Parameters:
    ///   - mean: the observed mean difference (log ratio for speed).
    ///   - spread: the standard deviation of one seed's difference; nil (one seed) or 0 gives nil.
    ///   - margin: the equivalence margin on the same scale (> 0), e.g. 0.005 or log 1.1.
    ///   - currentSeeds: seeds already run; the answer is larger.
    public init?(mean: Double, spread: Double?, margin: Double, currentSeeds: Int,
                 alpha: Double = 0.05, cap: Int = defaultCap) {
        guard let s = spread, s > 0, s.isFinite, mean.isFinite else { return nil }
        func decided(_ n: Int) -> Bool {
            let h = StudentT.quantile(1 - alpha / 2, degreesOfFreedom: Double(n - 1)) * s / Double(n).squareRoot()
            return abs(mean) > h || abs(mean) + h <= margin
        }
        var low = max(currentSeeds + 1, 2)
        guard low <= cap, decided(cap) else {
            self = .moreThan(cap)
            return
        }
        var high = cap  // decided(high) holds; find the smallest such n ≥ low.
        while low < high {
            let middle = (low + high) / 2
            if decided(middle) { high = middle } else { low = middle + 1 }
        }
        self = .seeds(high)
    }

    /// For an accuracy difference (margin as a fraction, default 0.5 points).
    public init?(_ difference: MeanDifference, margin: Double = AccuracyVerdict.defaultMargin,
                 alpha: Double = 0.05, cap: Int = defaultCap) {
        self.init(mean: difference.estimate, spread: difference.spread, margin: margin,
                  currentSeeds: difference.seeds, alpha: alpha, cap: cap)
    }

    /// For a speed-up, on the log scale (margin as a ratio, default 1.1).
    public init?(_ speedup: Speedup, margin: Double = SpeedVerdict.defaultMargin,
                 alpha: Double = 0.05, cap: Int = defaultCap) {
        self.init(mean: speedup.logRatio.estimate, spread: speedup.logRatio.spread, margin: Double.log(margin),
                  currentSeeds: speedup.logRatio.seeds, alpha: alpha, cap: cap)
    }

    /// The number of seeds, or nil when more than the cap would be needed.
    public var count: Int? {
        if case .seeds(let n) = self { n } else { nil }
    }
}
