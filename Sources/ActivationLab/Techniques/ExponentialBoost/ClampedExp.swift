import Foundation

/// e^min(x, c), and whether the clamp acted: the overflow guard of the exponential heads.
///
/// Heads continue their loss past c with the tangent (or its integral), so δ remains the exact
/// gradient of the reported loss; see each head.
@inline(__always)
func clampedExp(_ x: Double, bound c: Double) -> (value: Double, clamped: Bool) {
    x > c ? (exp(c), true) : (exp(x), false)
}
