/// Holm's step-down adjustment of p-values for testing several variants against one baseline.
///
/// Sort the m p-values ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎; the adjusted value of the i-th smallest is
/// `p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) · p₍ⱼ₎)` (monotone in i, capped at 1), returned in input order.
/// Rejecting where p̃ < α keeps the chance of any false "better"/"worse" among the m comparisons ≤ α
/// (family-wise), with no assumption on how the tests depend on each other (they share the baseline runs),
/// and it is uniformly more powerful than Bonferroni. Matches R's `p.adjust(p, "holm")`.
public enum Holm {
    /// The adjusted p-values in input order. Values must lie in [0, 1].
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// As `adjusted(_:)` for comparisons that may have no test (nil, e.g. one seed): m counts only the
    /// tests that were made, and a comparison without a test stays nil.
    public static func adjusted(_ pValues: [Double?]) -> [Double?] {
        let tested = pValues.indices.filter { pValues[$0] != nil }
        let values = adjusted(tested.map { pValues[$0]! })
        var result = [Double?](repeating: nil, count: pValues.count)
        for (k, index) in tested.enumerated() { result[index] = values[k] }
        return result
    }
}
