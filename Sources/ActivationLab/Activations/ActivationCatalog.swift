/// One activation the command line and model specs can name.
public struct ActivationEntry: Sendable {
    /// The name used on the command line, e.g. `"penalized-tanh"`.
    public let name: String
    /// The formula in plain text, e.g. `"tanh(x) for x > 0, a·tanh(x) otherwise"`.
    public let formula: String
    /// Where it comes from (paper, year).
    public let source: String
    /// The name and default of the activation's parameter, if it takes one (`name:value` sets it).
    public let parameter: (name: String, defaultValue: Double)?
    /// The adversarial partner's formula under the default `flip` reading (an interpretation of
    /// Su et al. 2024; see `AdversarialPartner`), e.g. `"x − tanh(x)"`.
    public let partnerFormula: String?
    /// Other names for it, as other frameworks spell them (`swish` for `silu`). Names are matched
    /// ignoring case, so PyTorch's class names (`LeakyReLU`, `SiLU`) need no alias.
    public let aliases: [String]
    /// Builds the activation, given the parameter (nil: the default).
    public let make: @Sendable (Double?) -> any Activation

    public init(name: String, formula: String, source: String,
                parameter: (name: String, defaultValue: Double)? = nil,
                partnerFormula: String? = nil, aliases: [String] = [],
                make: @escaping @Sendable (Double?) -> any Activation) {
        self.name = name
        self.aliases = aliases
        self.formula = formula
        self.source = source
        self.parameter = parameter
        self.partnerFormula = partnerFormula
        self.make = make
    }
}

/// A name the catalog does not know, or a parameter it cannot use.
public struct ActivationError: Error, CustomStringConvertible {
    public let description: String
}

/// Every activation ActivationLab can build by name, in display order.
public enum ActivationCatalog {
    public static let entries: [ActivationEntry] = standard + revisedSaturated

    static let standard: [ActivationEntry] = [
        ActivationEntry(name: "identity", formula: "x", source: "—", partnerFormula: "x",
                        aliases: ["linear"]) { _ in Identity() },
        ActivationEntry(name: "sigmoid", formula: "1/(1+e^-x)", source: "logistic",
                        partnerFormula: "x/4 − σ(x) + 1/2", aliases: ["logistic"]) { _ in Sigmoid() },
        ActivationEntry(name: "tanh", formula: "tanh(x)", source: "—", partnerFormula: "x − tanh(x)") { _ in Tanh() },
        ActivationEntry(name: "relu", formula: "max(0, x)", source: "Nair & Hinton 2010",
                        partnerFormula: "min(x, 0)") { _ in ReLU() },
        ActivationEntry(name: "leaky-relu", formula: "x if x > 0 else a·x", source: "Maas et al. 2013",
                        parameter: ("a", 0.01), partnerFormula: "a·x if x > 0 else x",
                        aliases: ["leaky_relu", "leakyrelu"]) { LeakyReLU(slope: $0 ?? 0.01) },
        ActivationEntry(name: "elu", formula: "x if x > 0 else α(e^x − 1)", source: "Clevert et al. 2016",
                        parameter: ("alpha", 1), partnerFormula: "max(1, α)·x − elu(x)") { ELU(alpha: $0 ?? 1) },
        ActivationEntry(name: "softplus", formula: "log(1 + e^x)", source: "Dugas et al. 2001",
                        partnerFormula: "x − softplus(x) + log 2") { _ in Softplus() },
        ActivationEntry(name: "gelu", formula: "x·Φ(x)", source: "Hendrycks & Gimpel 2016",
                        partnerFormula: "x − gelu(x) = x·Φ(−x)") { _ in GELU() },
        ActivationEntry(name: "silu", formula: "x·σ(x)", source: "Elfwing et al. 2018",
                        partnerFormula: "x − silu(x) = x·σ(−x)", aliases: ["swish"]) { _ in SiLU() },
    ]

    /// Xu, Huang & Li, "Revise Saturated Activation Functions" (arXiv 1602.05980, 2016), and the
    /// very leaky ReLU baseline (slope 0.25: our preset; the paper's slope is not confirmed).
    static let revisedSaturated: [ActivationEntry] = [
        ActivationEntry(name: "scaled-sigmoid", formula: "4σ(x) − 2 = 2·tanh(x/2)", source: "Xu et al. 2016",
                        partnerFormula: "x − 2·tanh(x/2)", aliases: ["scaled_sigmoid"]) { _ in ScaledSigmoid() },
        ActivationEntry(name: "penalized-tanh", formula: "tanh(x) if x > 0 else a·tanh(x)", source: "Xu et al. 2016",
                        parameter: ("a", 0.25), partnerFormula: "x − penalized-tanh(x)",
                        aliases: ["penalized_tanh", "penalizedtanh"]) { PenalizedTanh(a: $0 ?? 0.25) },
        ActivationEntry(name: "very-leaky-relu", formula: "x if x > 0 else 0.25·x",
                        source: "leaky-relu:0.25 preset (Xu et al. 2016 baseline)",
                        partnerFormula: "0.25·x if x > 0 else x", aliases: ["very_leaky_relu"]) { _ in LeakyReLU(slope: 0.25) },
        ActivationEntry(name: "centered-sigmoid", formula: "σ(x) − 1/2 (centred, slope 1/4)",
                        source: "ablation of Xu et al. 2016's explanation", partnerFormula: "x/4 − σ(x) + 1/2",
                        aliases: ["centred-sigmoid"]) { _ in CenteredSigmoid() },
        ActivationEntry(name: "steep-sigmoid", formula: "4σ(x) (slope 1, centred at 2)",
                        source: "ablation of Xu et al. 2016's explanation", partnerFormula: "x − 4σ(x) + 2") { _ in SteepSigmoid() },
    ]

    /// The entry for a name or alias, ignoring case and any `:parameter` suffix
    /// (`swish`, `SiLU` and `silu` all name `silu`).
    public static func entry(named name: String) -> ActivationEntry? {
        let base = (name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name).lowercased()
        return entries.first { $0.name == base } ?? entries.first { $0.aliases.contains(base) }
    }

    /// Every name and alias, for suggestions.
    public static var namesAndAliases: [String] { entries.map(\.name) + entries.flatMap(\.aliases) }

    /// The catalog name nearest to an unknown `name` (or to one of its aliases), if it is a likely typo:
    /// `swish2` → `silu`.
    public static func suggestion(for name: String) -> String? {
        EditDistance.nearest(to: name, among: namesAndAliases).flatMap { entry(named: $0)?.name }
    }

    /// `spec` with every activation name or alias in it replaced by its catalog name
    /// (`Swish` → `silu`, `leaky_relu:0.2` → `leaky-relu:0.2`, `adversarial(swish)` → `adversarial(silu)`).
    /// A spec the catalog cannot read is returned unchanged.
    public static func canonicalSpec(_ spec: String) -> String {
        for prefix in ["adversarial(", "reflect("] where spec.hasPrefix(prefix) && spec.hasSuffix(")") {
            return prefix + canonicalSpec(String(spec.dropFirst(prefix.count).dropLast())) + ")"
        }
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let entry = entry(named: parts[0]) else { return spec }
        return ([entry.name] + parts.dropFirst()).joined(separator: ":")
    }

    /// Builds an activation from `name` or `name:parameter`, e.g. `"leaky-relu:0.25"`, or an adversarial
    /// partner (an interpretation of Su et al. 2024) as `adversarial(spec)` (flip) or `reflect(spec)`.
    public static func activation(named spec: String) throws -> any Activation {
        for reading in AdversarialReading.allCases {
            let prefix = reading == .flip ? "adversarial(" : "reflect("
            if spec.hasPrefix(prefix) && spec.hasSuffix(")") {
                let inner = String(spec.dropFirst(prefix.count).dropLast())
                return try activation(named: inner).adversarialPartner(reading: reading)
            }
        }
        let parts = spec.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let entry = entry(named: parts[0]) else {
            let hint = suggestion(for: parts[0]).map { " (did you mean '\($0)'?)" } ?? ""
            throw ActivationError(description: "unknown activation '\(parts[0])'\(hint); known: \(entries.map(\.name).joined(separator: ", "))")
        }
        guard parts.count == 2 else { return entry.make(nil) }
        guard let parameter = entry.parameter else {
            throw ActivationError(description: "activation '\(entry.name)' takes no parameter, got '\(spec)'")
        }
        guard let value = Double(parts[1]), value.isFinite else {
            throw ActivationError(description: "activation '\(entry.name)': parameter \(parameter.name) must be a number, got '\(parts[1])'")
        }
        return entry.make(value)
    }
}
