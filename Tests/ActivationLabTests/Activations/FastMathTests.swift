import CKernels
import Foundation
import Testing
@testable import ActivationLab

/// The vectorisable approximations against Double references, at their stated bounds.
@Suite struct FastMathTests {
    @Test func tanhStaysWithinItsStatedBound() {
        var worst: Float = 0
        for i in -20_000...20_000 {
            let x = Float(i) / 1000
            worst = max(worst, abs(FastMath.tanh(x) - Float.tanh(x)))
        }
        #expect(worst < 4e-7)
    }

    /// `ck_tanh` (what `Tanh.forward` runs) against `FastMath.tanh`, bit for bit, in its AVX2 and baseline
    /// builds: a dense sweep, the clamp's edges, every float exponent, zeros, infinities and NaN, at lengths
    /// that leave a scalar tail.
    @Test(arguments: [true, false])
    func tanhKernelGivesFastMathsFloats(wide: Bool) {
        var inputs = (-9_000...9_000).map { Float($0) / 1000 }
        let limit: Float = 7.90531110763549805
        inputs += [limit, limit.nextUp, limit.nextDown, -limit, -limit.nextUp, -limit.nextDown, 0, -0.0,
                   .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNormalMagnitude, .greatestFiniteMagnitude]
        inputs += (-149...127).flatMap { e in [Float(sign: .plus, exponent: e, significand: 1.3),
                                               Float(sign: .minus, exponent: e, significand: 1.7)] }
        for count in [inputs.count, 13, 7, 1] {
            let x = Array(inputs.prefix(count))
            var y = [Float](repeating: 0, count: count)
            ck_tanh(x, &y, count, wide)
            let expected = x.map(FastMath.tanh)
            #expect(zip(y, expected).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
                    "length \(count)")
        }
    }

    @Test func expHasRelativeErrorBelow3e7() {
        var worst = 0.0
        for i in -87_000...88_000 {
            let x = Float(i) / 1000
            let exact = Foundation.exp(Double(x))
            worst = max(worst, abs(Double(FastMath.exp(x)) - exact) / exact)
        }
        #expect(worst < 3e-7)
        #expect(FastMath.exp(0) == 1)
        // Clamped, never infinite, zero or NaN.
        #expect(FastMath.exp(1000).isFinite && FastMath.exp(-1000) > 0 && FastMath.exp(-1000) < 2e-38)
    }

    @Test func normalCDFIsAccurateInBothTailsAndGivesTheGaussian() {
        var worstAbsolute = 0.0, worstTailRelative = 0.0, worstGaussian = 0.0
        for i in -12_000...12_000 {
            let x = Float(i) / 1000
            let (cdf, gaussian) = FastMath.normalCDF(x)
            let exact = erfc(-Double(x) / 2.0.squareRoot()) / 2
            worstAbsolute = max(worstAbsolute, abs(Double(cdf) - exact))
            if x < 0 { worstTailRelative = max(worstTailRelative, abs(Double(cdf) - exact) / exact) }
            let e = Foundation.exp(Double(-0.5 * x * x))  // the Float argument: its rounding is not exp's error
            worstGaussian = max(worstGaussian, abs(Double(gaussian) - e) / max(e, 1e-30))
        }
        #expect(worstAbsolute < 3e-7)
        // The tail is computed directly, not as 1 − Φ(|x|): down to Φ(−12) ≈ 1.8e-33 it stays positive and
        // within a few percent, where 1 − Φ(|x|) would be 0 below x ≈ −5.4.
        #expect(worstTailRelative < 0.04)
        #expect(worstGaussian < 3e-7)
        #expect(FastMath.normalCDF(0).cdf == 0.5)
    }
}
