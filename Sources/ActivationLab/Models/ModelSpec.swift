/// A compact model description, as written on the command line.
///
/// - `mlp:784-256-256-10` — a multilayer perceptron; the first number must equal the input features
///   and the last the number of classes. An activation follows every hidden layer.
/// - `mlp:auto-256-256-auto`, `mlp:auto-64-10`, `mlp:auto` — `auto` as the first and/or last width takes the
///   input features and/or class count from the data (see `resolved(sampleShape:classCount:)`), so one spec
///   fits every dataset; `mlp:auto` alone means `mlp:auto-256-256-auto`.
/// - `cnn:lenet` — conv5×5×16 → maxpool2 → conv5×5×32 → maxpool2 → fc128 → fc(classes).
/// - `cnn:resnet` — a small residual CNN: conv3×3×16, three residual blocks (16, 32/2, 64/2), global average pool, fc.
public enum ModelSpec: Sendable, Equatable {
    /// An mlp whose every width is known.
    case mlp(widths: [Int])
    /// An mlp whose input and/or output width (nil) comes from the data; `resolved` turns it into `.mlp`.
    case autoMLP(input: Int?, hidden: [Int], output: Int?)
    case lenet
    case resnet

    /// The hidden widths of `mlp:auto`: the long-standing default model's 256-256.
    public static let defaultHiddenWidths = [256, 256]

    /// Parses a spec string, or throws a `ModelError` that lists the valid forms.
    public static func parse(_ text: String) throws -> ModelSpec {
        let forms = "use mlp:IN-H1-...-OUT (e.g. mlp:784-256-256-10; IN and OUT may be auto), mlp:auto, cnn:lenet or cnn:resnet"
        if text.hasPrefix("mlp:") {
            let parts = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
            if parts == ["auto"] { return .autoMLP(input: nil, hidden: defaultHiddenWidths, output: nil) }
            let invalid = ModelError("'\(text)': widths must be positive integers separated by '-' (the first and last may be auto); \(forms)")
            guard parts.count >= 2 else { throw invalid }
            guard parts.count <= OptionLimits.layers + 1 else {
                throw ModelError("'\(text.prefix(40))…': \(parts.count - 1) layers is more than \(OptionLimits.layers); \(forms)")
            }
            var widths: [Int?] = []
            for (index, part) in parts.enumerated() {
                // `auto` may stand for the first and last widths only: hidden widths are the experimenter's choice.
                if part == "auto", index == 0 || index == parts.count - 1 {
                    widths.append(nil)
                    continue
                }
                guard let width = Int(part), width > 0 else { throw invalid }
                guard width <= OptionLimits.layerWidth else {
                    throw ModelError("'\(text)': width \(width) is more than \(OptionLimits.layerWidth); use smaller widths")
                }
                widths.append(width)
            }
            let known = widths.compactMap { $0 }
            guard known.count < widths.count else { return .mlp(widths: known) }
            return .autoMLP(input: widths[0], hidden: widths.dropFirst().dropLast().compactMap { $0 }, output: widths[widths.count - 1])
        }
        switch text {
        case "cnn:lenet": return .lenet
        case "cnn:resnet": return .resnet
        default: throw ModelError("'\(text)' is not a model spec; \(forms)")
        }
    }

    /// Whether the spec is a multilayer perceptron, with or without `auto` widths.
    public var isMLP: Bool {
        switch self {
        case .mlp, .autoMLP: return true
        case .lenet, .resnet: return false
        }
    }
}

extension ModelSpec: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .mlp(widths): return "mlp:" + widths.map(String.init).joined(separator: "-")
        case let .autoMLP(input, hidden, output):
            return "mlp:" + ([input] + hidden.map { $0 } + [output]).map { $0.map(String.init) ?? "auto" }.joined(separator: "-")
        case .lenet: return "cnn:lenet"
        case .resnet: return "cnn:resnet"
        }
    }
}
