/// Parameter counts of plain MLPs whose hidden layers are either "Dense then activation" (baseline)
/// or `GatedDense` (HD-FGD / SA), and the gated hidden widths that match the baseline's count.
///
/// Widths are listed input first: `[input, hidden₁, …, hidden_L, output]`; the output layer is
/// Dense in both. A gated hidden layer has two weight matrices and two biases, so it costs twice
/// the baseline's. Parameter matching is our choice, not confirmed from Su et al. (2024).
public enum GatedWidth {
    /// The number of learnable scalars of the MLP with these widths.
    /// - Parameter gated: hidden layers are `GatedDense` (2·(in·out + out) each) instead of `Dense`.
    public static func parameterCount(widths: [Int], gated: Bool) -> Int {
        guard widths.count >= 2 else { return 0 }
        var total = 0
        for layer in 1..<widths.count {
            let dense = widths[layer - 1] * widths[layer] + widths[layer]
            let isHidden = layer < widths.count - 1
            total += gated && isHidden ? 2 * dense : dense
        }
        return total
    }

    /// Hidden widths of a gated MLP with the same depth whose parameter count matches the
    /// baseline's: every hidden width is scaled by one factor r, solved exactly (bisection on the
    /// continuous, increasing count) and then rounded to the nearest integer (at least 1).
    ///
    /// For one hidden layer of width h between input d and output o this is
    /// h' = (d·h + h + h·o)/(2d + 2 + o), near h/2 for a classifier; the well-known ≈2h/3
    /// (`twoThirdsHiddenWidths`) is the match for a transformer MLP block d → h → d.
    public static func matchedHiddenWidths(baseline widths: [Int]) -> [Int] {
        guard widths.count > 2 else { return [] }
        let target = Double(parameterCount(widths: widths, gated: false))
        let hidden = widths.dropFirst().dropLast().map(Double.init)
        func count(_ r: Double) -> Double {
            let scaled = [Double(widths.first!)] + hidden.map { r * $0 } + [Double(widths.last!)]
            var total = 0.0
            for layer in 1..<scaled.count {
                let dense = scaled[layer - 1] * scaled[layer] + scaled[layer]
                total += layer < scaled.count - 1 ? 2 * dense : dense
            }
            return total
        }
        var (low, high) = (0.0, 1.0)   // count(0) < target < count(1)
        for _ in 0..<64 {
            let mid = (low + high) / 2
            if count(mid) < target { low = mid } else { high = mid }
        }
        return hidden.map { max(1, Int(($0 * low).rounded())) }
    }

    /// The ≈2h/3 rule of Shazeer (2020), "GLU Variants Improve Transformer": each hidden width
    /// becomes round(2h/3). Exact for a d → h → d block with large d; see `matchedHiddenWidths`.
    public static func twoThirdsHiddenWidths(baseline widths: [Int]) -> [Int] {
        guard widths.count > 2 else { return [] }
        return widths.dropFirst().dropLast().map { max(1, Int((2 * Double($0) / 3).rounded())) }
    }
}
