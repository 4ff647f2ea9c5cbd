/// Branch-free Float approximations that the compiler vectorises, for the hot activation kernels.
/// Generic `value` functions keep the exact library formulas; tests bound the difference.
public enum FastMath {
    /// tanh(x) as a 13/6 rational function on [−7.9, 7.9] (Eigen's `ptanh_float` coefficients);
    /// absolute error below 4e-7 (a few ulps) against `Float.tanh`.
    @inline(__always)
    public static func tanh(_ value: Float) -> Float {
        let x = min(max(value, -7.90531110763549805), 7.90531110763549805)
        let x2 = x * x
        var p: Float = -2.76076847742355e-16
        p = x2 * p + 2.00018790482477e-13
        p = x2 * p - 8.60467152213735e-11
        p = x2 * p + 5.12229709037114e-08
        p = x2 * p + 1.48572235717979e-05
        p = x2 * p + 6.37261928875436e-04
        p = x2 * p + 4.89352455891786e-03
        p = x * p
        var q: Float = 1.19825839466702e-06
        q = x2 * q + 1.18534705686654e-04
        q = x2 * q + 2.26843463243900e-03
        q = x2 * q + 4.89352518554385e-03
        return p / q
    }

    /// e^x by Cephes' `expf` scheme: x = n·ln 2 + r with |r| ≤ ln 2 / 2, a degree-6 polynomial for e^r,
    /// and 2^n built in the exponent bits. Relative error below 3e-7 on [−87, 88]; inputs are clamped
    /// there (e^x < 1.2e-38 below), so no infinities or subnormals.
    @inline(__always)
    public static func exp(_ value: Float) -> Float {
        let x = min(max(value, -87.3), 88.3)
        // Round x·log2(e) to the nearest integer with the 1.5·2²³ trick: branch-free and vectorisable,
        // and the sum's low mantissa bits hold n itself.
        let shifted = x * 1.44269504088896341 + 12_582_912
        let n = shifted - 12_582_912
        let r = (x - n * 0.693359375) + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let er = p * r * r + r + 1
        let scale = Float(bitPattern: (shifted.bitPattern &- 0x4B40_0000 &+ 127) &<< 23)
        return er * scale
    }

    /// The standard normal CDF Φ(x) and e^(−x²/2), which its derivative φ needs too.
    /// Φ(−|x|) = ½·erfc(|x|/√2) by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7 on erf), Φ(|x|) = 1 − Φ(−|x|):
    /// absolute error below 3e-7, and the tail computed directly stays positive and within a few percent
    /// down to Φ(−12) ≈ 1.8e-33.
    @inline(__always)
    public static func normalCDF(_ x: Float) -> (cdf: Float, gaussian: Float) {
        let z = abs(x) * 0.70710678118654752
        let t = 1 / (1 + 0.3275911 * z)
        var p: Float = 1.061405429
        p = p * t - 1.453152027
        p = p * t + 1.421413741
        p = p * t - 0.284496736
        p = p * t + 0.254829592
        let gaussian = exp(-0.5 * x * x)
        let tail = 0.5 * p * t * gaussian
        return (x < 0 ? tail : 1 - tail, gaussian)
    }
}
