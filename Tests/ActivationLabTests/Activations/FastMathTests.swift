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
