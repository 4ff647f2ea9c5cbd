
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

    /// The entry for a name, or nil.
    public static func entry(named name: String) -> HeadEntry? {
        entries.first { $0.name == name }
    }

    /// Builds a head from its command-line name and options.
    public static func head(named name: String, options: HeadOptions) throws -> any Head {
        guard let entry = entry(named: name) else {
            throw HeadError(description: "unknown head '\(name)'; known: \(names.joined(separator: ", "))")
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
