import RealModule

/// Student's t distribution: CDF, tail probabilities and quantiles for any real degrees of freedom ν > 0.
///
/// The CDF goes through the regularized incomplete beta function,
/// `P(T > t) = ½ · I_{ν/(ν+t²)}(ν/2, ½)` for t ≥ 0, evaluated by Lentz's continued fraction
/// (Numerical Recipes §6.4) to ~1e-15 relative; quantiles invert it by safeguarded Newton steps.
/// Accurate to ~1e-12 relative against SciPy (`scipy.stats.t`), see `scripts/stats_fixtures.py`.
public enum StudentT {
    /// P(T ≤ t) for ν degrees of freedom.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || !(nu > 0) { return .nan }
        let tail = upperTail(abs(t), degreesOfFreedom: nu)
        return t >= 0 ? 1 - tail : tail
    }

    /// The two-sided p-value P(|T| ≥ |t|) = I_{ν/(ν+t²)}(ν/2, ½), computed without cancellation for small p.
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN || !(nu > 0) { return .nan }
        if t.isInfinite { return 0 }
        let t2 = t * t
        // x = ν/(ν+t²) and 1−x = t²/(ν+t²), each computed directly.
        return incompleteBeta(a: nu / 2, b: 0.5, x: nu / (nu + t2), oneMinusX: t2 / (nu + t2))
    }

    /// P(T > t) for t ≥ 0.
    static func upperTail(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        0.5 * twoSidedPValue(t, degreesOfFreedom: nu)
    }

    /// The density of T at t.
    public static func pdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let logNorm = Double.logGamma((nu + 1) / 2) - Double.logGamma(nu / 2) - 0.5 * Double.log(nu * .pi)
        return Double.exp(logNorm - (nu + 1) / 2 * Double.log(onePlus: t * t / nu))
    }

    /// The quantile t_p with P(T ≤ t_p) = p, for 0 < p < 1 (e.g. p = 0.975 for a 95% two-sided interval).
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        guard p > 0, p < 1, nu > 0 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
        let target = 1 - p  // wanted upper tail, in (0, 0.5)
        // Bracket: the tail decreases in t.
        var low = 0.0
        var high = 1.0
        while upperTail(high, degreesOfFreedom: nu) > target {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        var t = (low + high) / 2
        for _ in 0..<300 {
            let f = upperTail(t, degreesOfFreedom: nu) - target
            if f == 0 { return t }
            if f > 0 { low = t } else { high = t }
            // Newton step on the tail (derivative −pdf); fall back to bisection if it leaves the bracket.
            var next = t + f / pdf(t, degreesOfFreedom: nu)
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { return next }
            t = next
        }
        return t
    }

    /// The regularized incomplete beta function I_x(a, b), given x and 1−x (passed separately to keep precision).
    static func incompleteBeta(a: Double, b: Double, x: Double, oneMinusX y: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
            + a * Double.log(x) + b * Double.log(y)
        let front = Double.exp(logFront)
        // The continued fraction converges fast for x < (a+1)/(a+b+2); otherwise use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a).
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * continuedFraction(a: b, b: a, x: y) / b
    }

    /// Lentz's evaluation of the incomplete-beta continued fraction (Numerical Recipes `betacf`).
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
