/// Target and safeguard options shared by every head.
///
/// Targets: `t_correct = s` (the target scale, default 1) and `t_other = 0`, or `t_other = −s` when
/// `negativeOthers` is set (linear heads only: softmax and sigmoid outputs cannot be negative).
/// Exponent clamp: heads that exponentiate an unbounded quantity (the `linear-exp*` boosts) use
/// e^min(x, c) with c = `exponentClamp` (default 30) and continue the loss so that δ stays its exact
/// gradient; every clamped logit counts as one `HeadResult.clampEvents`.
public struct HeadOptions: Sendable, Equatable, Codable, CustomStringConvertible {
    /// s: the target of the correct class.
    public var targetScale: Double
    /// If set, the other classes' target is −s instead of 0 (linear heads only).
    public var negativeOthers: Bool
    /// c: the largest exponent a head passes to exp.
    public var exponentClamp: Double

    /// The default exponent bound, 30 (e³⁰ ≈ 1.07e13, far from Float32 overflow at e^88.7).
    public static let defaultExponentClamp = 30.0
    /// exp overflows Float32 above ≈ 88.72, so a larger clamp would not prevent overflow in δ.
    public static let largestExponentClamp = 88.0

    public init(targetScale: Double = 1, negativeOthers: Bool = false,
                exponentClamp: Double = HeadOptions.defaultExponentClamp) {
        self.targetScale = targetScale
        self.negativeOthers = negativeOthers
        self.exponentClamp = exponentClamp
    }

    /// t for the labelled class: s.
    public var correctTarget: Double { targetScale }
    /// t for every other class: 0, or −s with `negativeOthers`.
    public var otherTarget: Double { negativeOthers ? -targetScale : 0 }

    public var description: String {
        "s=\(targetScale), t_other=\(negativeOthers ? "-s" : "0"), clamp=\(exponentClamp)"
    }

    /// Throws a `HeadError` naming the head and the option if these options do not fit it.
    public func validate(for info: HeadInfo) throws {
        guard targetScale.isFinite, targetScale > 0 else {
            throw HeadError(description: "head '\(info.name)': target scale must be a finite number > 0, got \(targetScale)")
        }
        guard exponentClamp.isFinite, exponentClamp > 0, exponentClamp <= Self.largestExponentClamp else {
            throw HeadError(description: "head '\(info.name)': exponent clamp must be in (0, \(Self.largestExponentClamp)], got \(exponentClamp)")
        }
        if negativeOthers && !info.allowsNegativeOthers {
            throw HeadError(description: "head '\(info.name)': negative other-class targets (t_other = −s) are not allowed: \(info.negativeOthersRestriction)")
        }
    }
}
