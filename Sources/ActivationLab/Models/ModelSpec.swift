/// A compact model description, as written on the command line.
///
/// - `mlp:784-256-256-10` — a multilayer perceptron; the first number must equal the input features
///   and the last the number of classes. An activation follows every hidden layer.
/// - `cnn:lenet` — conv5×5×16 → maxpool2 → conv5×5×32 → maxpool2 → fc128 → fc(classes).
/// - `cnn:resnet` — a small residual CNN: conv3×3×16, three residual blocks (16, 32/2, 64/2), global average pool, fc.
public enum ModelSpec: Sendable, Equatable {
    case mlp(widths: [Int])
    case lenet
    case resnet

    /// Parses a spec string, or throws a `ModelError` that lists the valid forms.
    public static func parse(_ text: String) throws -> ModelSpec {
        let forms = "use mlp:IN-H1-...-OUT (e.g. mlp:784-256-256-10), cnn:lenet or cnn:resnet"
        if text.hasPrefix("mlp:") {
            let parts = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
            let widths = parts.compactMap { Int($0) }
            guard widths.count == parts.count, widths.count >= 2, widths.allSatisfy({ $0 > 0 }) else {
                throw ModelError("'\(text)': widths must be positive integers separated by '-'; \(forms)")
            }
            return .mlp(widths: widths)
        }
        switch text {
        case "cnn:lenet": return .lenet
        case "cnn:resnet": return .resnet
        default: throw ModelError("'\(text)' is not a model spec; \(forms)")
        }
    }

    /// Checks that the spec fits data with the given sample shape and class count; the error names the `model` option.
    public func validate(sampleShape: [Int], classCount: Int) throws {
        let features = sampleShape.reduce(1, *)
        switch self {
        case let .mlp(widths):
            guard widths.first == features, widths.last == classCount else {
                let hidden = widths.count > 2 ? widths.dropFirst().dropLast().map(String.init).joined(separator: "-") + "-" : ""
                throw ConfigurationError.incompatible(OptionMessage("{model} \(self): the data has \(features) input features and \(classCount) classes; try mlp:\(features)-\(hidden)\(classCount)"))
            }
        case .lenet, .resnet:
            guard sampleShape.count == 3 else {
                throw ConfigurationError.incompatible(OptionMessage("{model} \(self) needs image data [channels, height, width]; this data has samples of shape \(sampleShape)"))
            }
        }
    }
}

extension ModelSpec: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .mlp(widths): return "mlp:" + widths.map(String.init).joined(separator: "-")
        case .lenet: return "cnn:lenet"
        case .resnet: return "cnn:resnet"
        }
    }
}
