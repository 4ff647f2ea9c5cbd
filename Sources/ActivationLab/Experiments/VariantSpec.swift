import Foundation

/// One variant of a comparison, written as options joined by `+`.
///
/// Each part is either `key=value` with a key named like the `actlab train` option (without `--`),
/// a flag (`adversarial`, `hdfgd`, `nesterov`, `negative-others`, `match-parameters`), or a bare activation
/// name (`penalized-tanh`, `leaky-relu:0.25`), which sets `activation`. Examples:
///
///     relu
///     tanh+transform=abg+lr=0.2
///     relu+head=linear-exp+lr=0.01
///     gelu+hdfgd+adversarial
///
/// The variant's name is its spec string. Dataset, model, epochs and seed belong to the comparison, not to a variant.
public struct VariantSpec: Sendable, Equatable {
    public let name: String
    public let configuration: TrainingConfiguration

    /// Applies `spec` to the comparison's base configuration.
    public init(_ spec: String, base: TrainingConfiguration) throws {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw VariantError("empty variant (check for a stray ',' or '+')") }
        var configuration = base
        for part in trimmed.split(separator: "+", omittingEmptySubsequences: false).map(String.init) {
            try Self.apply(part, of: trimmed, to: &configuration)
        }
        do { try configuration.validate() } catch { throw VariantError("variant '\(trimmed)': \(error)") }
        name = trimmed
        self.configuration = configuration
    }

    /// The keys a variant may set, for help texts.
    public static let keys = ["activation", "head", "target-scale", "exponent-clamp", "transform", "gamma-type",
                              "transform-every", "adversarial-reading", "init", "optimizer", "lr", "momentum",
                              "weight-decay", "schedule", "batch-size"]
    /// The flags a variant may switch on.
    public static let flags = ["adversarial", "hdfgd", "match-parameters", "nesterov", "negative-others"]

    private static func apply(_ part: String, of spec: String, to c: inout TrainingConfiguration) throws {
        guard !part.isEmpty else { throw VariantError("variant '\(spec)' has an empty part between '+' signs") }
        guard let equals = part.firstIndex(of: "=") else {
            switch part {
            case "adversarial": c.adversarial = true
            case "hdfgd": c.hdfgd = true
            case "match-parameters": c.matchParameters = true
            case "nesterov": c.nesterov = true
            case "negative-others": c.negativeOthers = true
            default:
                guard ActivationCatalog.entry(named: part) != nil || (try? ActivationCatalog.activation(named: part)) != nil else {
                    throw VariantError("variant '\(spec)': '\(part)' is neither an activation nor a flag (\(flags.joined(separator: ", "))); options are written key=value with keys \(keys.joined(separator: ", "))")
                }
                c.activation = part
            }
            return
        }
        let key = String(part[..<equals]), value = String(part[part.index(after: equals)...])
        func number<T: LosslessStringConvertible>(_ type: T.Type) throws -> T {
            guard let parsed = T(value) else { throw VariantError("variant '\(spec)': \(key) needs a number, got '\(value)'") }
            return parsed
        }
        switch key {
        case "activation": c.activation = value
        case "head": c.head = value
        case "target-scale": c.targetScale = try number(Double.self)
        case "exponent-clamp": c.exponentClamp = try number(Double.self)
        case "transform": c.transform = value
        case "gamma-type": c.gammaType = try number(Int.self)
        case "transform-every": c.transformEvery = try number(Int.self)
        case "adversarial-reading": c.adversarialReading = value
        case "init": c.initializer = value
        case "optimizer":
            guard let kind = OptimizerKind(rawValue: value) else {
                throw VariantError("variant '\(spec)': optimizer must be sgd, adam or adamw, got '\(value)'")
            }
            c.optimizer = kind
        case "lr": c.learningRate = try number(Double.self)
        case "momentum": c.momentum = try number(Double.self)
        case "weight-decay": c.weightDecay = try number(Double.self)
        case "schedule": c.schedule = value
        case "batch-size": c.batchSize = try number(Int.self)
        default:
            throw VariantError("variant '\(spec)': unknown option '\(key)'; variants can set \(keys.joined(separator: ", "))")
        }
    }
}

/// A variant spec that cannot be applied.
public struct VariantError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
