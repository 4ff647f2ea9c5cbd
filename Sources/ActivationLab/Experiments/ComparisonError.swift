/// A comparison definition that cannot run. Descriptions name the comparison's settings by key
/// (`variants`, `seeds`, `target-accuracy`); the CLI spells them as its flags.
public enum ComparisonError: Error, Equatable, CustomStringConvertible {
    case noVariants
    case duplicateVariant
    case noSeeds
    case targetAccuracy(Double)
    /// More runs (variants × seeds) than `OptionLimits.runs`.
    case tooManyRuns(variants: Int, seeds: Int)

    public func message(naming name: (String) -> String) -> String {
        switch self {
        case .noVariants: "\(name("variants")) lists no variant"
        case .duplicateVariant: "\(name("variants")) lists a variant twice"
        case .noSeeds: "\(name("seeds")) must be at least 1"
        case let .targetAccuracy(value): "\(name("target-accuracy")) must be in (0, 1], got \(value)"
        case let .tooManyRuns(variants, seeds):
            "\(name("variants")) × \(name("seeds")): \(variants) variants × \(seeds) seeds is more than \(OptionLimits.runs) runs. Compare fewer variants or seeds"
        }
    }

    public var description: String { message { $0 } }
}
