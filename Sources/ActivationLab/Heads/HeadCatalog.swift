/// Every head ActivationLab can build by name.
public enum HeadCatalog {
    /// The head names, in display order.
    public static var names: [String] { ["softmax-ce", "linear-mse"] }

    /// Builds a head from its command-line name.
    public static func head(named name: String) throws -> any Head {
        switch name {
        case "softmax-ce": return SoftmaxCrossEntropy()
        case "linear-mse": return LinearMSE()
        default: throw HeadError(description: "unknown head '\(name)'; known: \(names.joined(separator: ", "))")
        }
    }
}
