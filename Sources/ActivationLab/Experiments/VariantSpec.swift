import Foundation

/// One variant of a comparison: the options it changes from the comparison's base configuration.
///
/// Written as text, options are joined by `+`. Each part is `key=value` with a key from
/// `TrainingOption.variantOptions` (the `actlab train` flag without `--`), a flag's key (`adversarial`,
/// `hdfgd`, …) to switch it on, or a bare activation name (`penalized-tanh`, `leaky-relu:0.25`):
///
///     relu
///     tanh+transform=abg+lr=0.2
///     relu+head=linear-exp+lr=0.01
///     gelu+hdfgd+adversarial
///
/// Code builds variants from configurations instead (`init(configuration:base:)`); their name is the
/// canonical spec of what differs from the base. Dataset, model, epochs and seed belong to the comparison.
public struct VariantSpec: Sendable, Equatable {
    /// The variant's name in the store and in reports: the spec as written, or the canonical spec.
    public let name: String
    public let configuration: TrainingConfiguration

    /// Applies `spec` to the comparison's base configuration.
    public init(_ spec: String, base: TrainingConfiguration) throws {
        let trimmed = spec.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw VariantError("empty variant (check for a stray ',' or '+')") }
        var configuration = base
        do {
            for part in trimmed.split(separator: "+", omittingEmptySubsequences: false).map(String.init) {
                try Self.apply(part, to: &configuration)
            }
            try configuration.validate()
        } catch let error as VariantError {
            throw VariantError("variant '\(trimmed)': \(error)")
        } catch { throw VariantError("variant '\(trimmed)': \(error)") }
        name = trimmed
        self.configuration = configuration
    }

    /// The variant that trains with `configuration`, named by the canonical spec of its differences from `base`.
    /// Throws if it changes an option that belongs to the comparison (dataset, model, epochs, …).
    public init(configuration: TrainingConfiguration, base: TrainingConfiguration) throws {
        for option in TrainingOption.all where option.scope == .comparison
            && option.value(in: configuration) != option.value(in: base) {
            throw VariantError("a variant cannot change '\(option.key)': it belongs to the comparison")
        }
        do { try configuration.validate() } catch { throw VariantError("variant: \(error)") }
        name = Self.spec(of: configuration, relativeTo: base)
        self.configuration = configuration
    }

    /// The canonical spec of `configuration` as a variant of `base`: the activation, then every other
    /// variant option that differs, in the option table's order (`tanh+transform=ab+lr=0.7`).
    public static func spec(of configuration: TrainingConfiguration, relativeTo base: TrainingConfiguration) -> String {
        var parts = [configuration.activation]
        for option in TrainingOption.variantOptions where option.key != "activation" {
            let value = option.value(in: configuration)
            guard value != option.value(in: base) else { continue }
            parts.append(option.isFlag ? (value == "true" ? option.key : "\(option.key)=false") : "\(option.key)=\(value)")
        }
        return parts.joined(separator: "+")
    }

    /// The keys a variant may set, for help texts.
    public static var keys: [String] { TrainingOption.variantOptions.filter { !$0.isFlag }.map(\.key) }
    /// The flags a variant may switch on.
    public static var flags: [String] { TrainingOption.variantOptions.filter(\.isFlag).map(\.key) }

    private static func apply(_ part: String, to configuration: inout TrainingConfiguration) throws {
        guard !part.isEmpty else { throw VariantError("empty part between '+' signs") }
        guard let equals = part.firstIndex(of: "=") else {
            if let flag = TrainingOption.variantOptions.first(where: { $0.isFlag && $0.key == part }) {
                return try flag.set("true", in: &configuration)
            }
            guard ActivationCatalog.entry(named: part) != nil || (try? ActivationCatalog.activation(named: part)) != nil else {
                let names = flags + ActivationCatalog.namesAndAliases
                let hint = TrainingOption.nearestKey(to: part, among: names).map { "did you mean '\($0)'? " } ?? ""
                throw VariantError("'\(part)' is neither an activation nor a flag; \(hint)flags: \(flags.joined(separator: ", ")); options are written key=value with keys \(keys.joined(separator: ", "))")
            }
            return configuration.activation = ActivationCatalog.canonicalSpec(part)
        }
        let key = String(part[..<equals]), value = String(part[part.index(after: equals)...])
        if let option = TrainingOption.named(key), option.scope == .comparison {
            throw VariantError("'\(key)' belongs to the comparison, not to a variant; variants can set \(keys.joined(separator: ", "))")
        }
        do { try TrainingOption.lookup(key, among: TrainingOption.variantOptions).set(value, in: &configuration) }
        catch ConfigurationError.unknownOption(_, let suggestion) {
            throw VariantError("unknown option '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
                               + "; variants can set \(keys.joined(separator: ", "))")
        }
    }
}

/// A variant spec that cannot be applied.
public struct VariantError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension TrainingConfiguration {
    /// A copy with `change` applied: `base.with { $0.head = "linear-exp"; $0.learningRate = 0.01 }`.
    public func with(_ change: (inout TrainingConfiguration) -> Void) -> TrainingConfiguration {
        var copy = self
        change(&copy)
        return copy
    }
}
