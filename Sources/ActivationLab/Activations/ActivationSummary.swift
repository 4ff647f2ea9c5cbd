import Foundation

/// What `actlab activations` reports about one catalog activation: its formula, its value and
/// slope at 0 (the properties Xu et al. 2016's analysis turns on), its derivative range, and its
/// adversarial partners (an **interpretation** of Su et al. 2024). Everything numeric is computed
/// from the activation itself.
public struct ActivationSummary: Codable, Sendable, Equatable {
    /// How the `reflect` reading g(x) = −f(−x) relates to the default `flip` partner.
    public enum ReflectRelation: String, Codable, Sendable, Equatable {
        /// The same function as the flip partner.
        case sameAsFlip = "same-as-flip"
        /// The flip partner plus a constant, `reflectOffset` (softplus: −log 2).
        case flipPlusConstant = "flip-plus-constant"
        /// f itself (f is odd), so alternating is pointless.
        case sameAsBase = "same-as-base"
        /// A different function.
        case different
    }

    public var name: String
    /// Other names that select it (`swish` for `silu`); names match ignoring case.
    public var aliases: [String]
    public var formula: String
    public var parameter: String?
    public var valueAtZero: Double
    public var slopeAtZero: Double
    public var derivativeMinimum: Double
    public var derivativeMaximum: Double
    /// The flip partner's catalog name, e.g. `adversarial(tanh)`.
    public var partnerName: String
    public var partnerFormula: String?
    public var reflect: ReflectRelation
    /// reflect − flip, when that is a constant.
    public var reflectOffset: Double?
    public var source: String

    public init(_ entry: ActivationEntry) {
        let f = entry.make(nil)
        let flip = f.adversarialPartner(reading: .flip), reflected = f.adversarialPartner(reading: .reflect)
        name = entry.name
        aliases = entry.aliases
        formula = entry.formula
        parameter = entry.parameter.map { "\($0.name) = \(Self.format($0.defaultValue))" }
        valueAtZero = f.value(0.0)
        slopeAtZero = f.derivative(0.0)
        derivativeMinimum = f.derivativeBounds.lowerBound
        derivativeMaximum = f.derivativeBounds.upperBound
        partnerName = flip.name
        partnerFormula = entry.partnerFormula
        source = entry.source

        let points = [-3.7, -1.1, -0.2, 0.6, 2.3, 5.1]
        let offsets = points.map { reflected.value($0) - flip.value($0) }
        reflectOffset = nil
        if points.allSatisfy({ abs(reflected.value($0) - f.value($0)) < 1e-9 }) {
            reflect = .sameAsBase
        } else if offsets.allSatisfy({ abs($0) < 1e-9 }) {
            reflect = .sameAsFlip
        } else if offsets.allSatisfy({ abs($0 - offsets[0]) < 1e-9 }) {
            reflect = .flipPlusConstant
            reflectOffset = offsets[0]
        } else {
            reflect = .different
        }
    }

    /// One summary per catalog entry, in display order.
    public static var catalog: [ActivationSummary] { ActivationCatalog.entries.map(ActivationSummary.init) }

    /// The reflect relation in words, for tables.
    public var reflectDescription: String {
        switch reflect {
        case .sameAsFlip: "= flip"
        case .flipPlusConstant:
            "= flip \((reflectOffset ?? 0) < 0 ? "−" : "+") \(Self.format(abs(reflectOffset ?? 0)))"
        case .sameAsBase: "= f (odd: useless)"
        case .different: "−f(−x), differs"
        }
    }

    /// A number with up to 6 significant digits, without trailing noise.
    public static func format(_ value: Double) -> String {
        value == 0 ? "0" : String(format: "%.6g", value)
    }
}
