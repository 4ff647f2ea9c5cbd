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
}
