/// A footnote for a report: a technique a variant uses whose definition is our interpretation of a paper
/// rather than the paper's confirmed formula (see the doc comments of the technique's source file).
public struct InterpretationNote: Sendable, Hashable, Comparable {
    /// Short stable key, e.g. `"head:linear-exp"`, `"adversarial"`.
    public let key: String
    /// What is interpreted and how, one or two sentences.
    public let text: String

    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }

    public static func < (a: InterpretationNote, b: InterpretationNote) -> Bool { a.key < b.key }

    /// The notes that apply to a run with `configuration`, in a stable order.
    public static func notes(for configuration: TrainingConfiguration) -> [InterpretationNote] {
        var notes: [InterpretationNote] = []
        if let info = HeadCatalog.entry(named: configuration.head)?.info, info.isInterpretation {
            notes.append(InterpretationNote(
                key: "head:\(info.name)",
                text: "Head \(info.name) (δ = \(info.delta)) is our interpretation of the exponential gradient boost: "
                    + "\(info.source)."))
        }
        if configuration.adversarial {
            notes.append(InterpretationNote(
                key: "adversarial",
                text: "--adversarial: the adversarial partner g(x) = (sup f′ + inf f′)·x − f(x) + f(0) "
                    + "(reading '\(configuration.adversarialReading)') alternated layer by layer with f is our "
                    + "interpretation of Su, Zhu & Li 2024 (arXiv 2405.03712); the paper's formulas could not be obtained."))
        }
        if configuration.hdfgd {
            notes.append(InterpretationNote(
                key: "hdfgd",
                text: "--hdfgd: gated layers y = (W_u z) ⊙ s(W_v z) (and the split-adversarial partner with 1 − s) are "
                    + "our interpretation of HD-FGD in Su, Zhu & Li 2024 (arXiv 2405.03712)"
                    + (configuration.matchParameters ? "; hidden widths shrunk to match the plain network's parameters." : ".")))
        }
        if configuration.initializer == .explicit {
            notes.append(InterpretationNote(
                key: "init:explicit",
                text: "--init explicit: the closed-form solution for non-negative (not one-hot) inputs, "
                    + "W = s·log((F + ε)/Σᵢ(F + ε)) with a fitted scale s, is our interpretation of Williams & Zhao 2023 "
                    + "(arXiv 2311.07498); only the one-hot case is the paper's confirmed result."))
        }
        if configuration.transform.transformsUnits {
            notes.append(InterpretationNote(
                key: "transform",
                text: "--transform \(configuration.transform.rawValue): re-estimating α, β\(configuration.transform == .abg ? ", γ" : "") "
                    + "every \(configuration.transformEvery) steps on the current minibatch is our simplification of "
                    + "Vatanen et al. 2013 (arXiv 1301.3476), who re-estimated every iteration early and once per epoch later."))
        }
        return notes
    }
}
