
/// Every head ActivationLab can build by name.
///
/// Reduction, the same for every head: the loss is summed over classes and averaged over the batch,
/// and δ = ∂loss/∂z (so already divided by the batch size). Prediction is always argmax z.
public enum HeadCatalog {
    /// The heads, in display order.
    public static let entries: [HeadEntry] = [
        HeadEntry(info: SoftmaxCrossEntropy.info) { try SoftmaxCrossEntropy(options: $0) },
        HeadEntry(info: SoftmaxMSE.info) { try SoftmaxMSE(options: $0) },
        HeadEntry(info: SigmoidMSE.info) { try SigmoidMSE(options: $0) },
        HeadEntry(info: LinearMSE.info) { try LinearMSE(options: $0) },
        HeadEntry(info: LinearExp.info) { try LinearExp(options: $0) },
        HeadEntry(info: LinearExpError.info) { try LinearExpError(options: $0) },
        HeadEntry(info: LinearExpScaled.info) { try LinearExpScaled(options: $0) },
        HeadEntry(info: LinearPow3.info) { try LinearPow3(options: $0) },
    ]

    /// The head names, in display order.
    public static var names: [String] { entries.map(\.name) }

    /// Other names for heads, as other frameworks call the loss, with the head each means.
    /// Bare `softmax` is not one: it could be `softmax-ce` or `softmax-mse`.
    public static let aliases: [(alias: String, name: String)] = [
        ("cross-entropy", "softmax-ce"), ("crossentropy", "softmax-ce"), ("ce", "softmax-ce"),
        ("softmax_ce", "softmax-ce"), ("mse", "linear-mse"), ("linear_mse", "linear-mse"),
        ("softmax_mse", "softmax-mse"), ("sigmoid_mse", "sigmoid-mse"),
    ]

    /// The aliases of one head, in table order.
    public static func aliases(of name: String) -> [String] {
        aliases.filter { $0.name == name }.map(\.alias)
    }

    /// The entry for a name or alias (ignoring case), or nil.
    public static func entry(named name: String) -> HeadEntry? {
        let lowered = name.lowercased()
        let canonical = aliases.first { $0.alias == lowered }?.name ?? lowered
        return entries.first { $0.name == canonical }
    }

    /// The catalog name for a name or alias (`ce` → `softmax-ce`); an unknown name is returned unchanged.
    public static func canonicalName(_ name: String) -> String {
        entry(named: name)?.name ?? name
    }

    /// The head name nearest to an unknown `name` (or to an alias), if it is a likely typo.
    public static func suggestion(for name: String) -> String? {
        EditDistance.nearest(to: name, among: names + aliases.map(\.alias)).flatMap { entry(named: $0)?.name }
    }

    /// Builds a head from its command-line name (or alias) and options.
    public static func head(named name: String, options: HeadOptions) throws -> any Head {
        guard let entry = entry(named: name) else {
            let hint = suggestion(for: name).map { " (did you mean '\($0)'?)" } ?? ""
            throw HeadError(description: "unknown head '\(name)'\(hint); known: \(names.joined(separator: ", "))")
        }
        return try entry.make(options)
    }

    /// Builds a head from its command-line name with the default options.
    public static func head(named name: String) throws -> any Head {
        try head(named: name, options: HeadOptions())
    }

    /// One line per head for `--help`, interpretations marked.
    public static var helpText: String {
        entries.map(\.info.helpLine).joined(separator: "\n")
    }
}
