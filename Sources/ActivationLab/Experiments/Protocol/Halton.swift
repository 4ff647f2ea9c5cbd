/// The Halton low-discrepancy sequence: point i in [0, 1)^d, coordinate k the radical inverse of i in the
/// k-th prime base. Quasi-random search covers a range more evenly than random search with the same budget
/// (Bergstra & Bengio 2012), and it is deterministic, so every variant is tuned on the same points.
public enum Halton {
    static let primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]

    /// The `index`-th point (index ≥ 1; index 0 is the origin, which we skip) in `dimensions` dimensions.
    public static func point(_ index: Int, dimensions: Int) -> [Double] {
        precondition(dimensions <= primes.count, "Halton points in at most \(primes.count) dimensions")
        return (0..<dimensions).map { radicalInverse(index, base: primes[$0]) }
    }

    /// The digits of `index` in `base`, mirrored about the radix point: 1 → 0.5, 2 → 0.25, 3 → 0.75 in base 2.
    static func radicalInverse(_ index: Int, base: Int) -> Double {
        var (value, scale, rest) = (0.0, 1.0 / Double(base), index)
        while rest > 0 {
            value += Double(rest % base) * scale
            rest /= base
            scale /= Double(base)
        }
        return value
    }
}
