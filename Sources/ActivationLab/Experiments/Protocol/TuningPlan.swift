import Foundation

/// What per-variant tuning searches: the options, their ranges and the trial budget. Every variant is
/// tuned on the same quasi-random (Halton) points, so each gets exactly the same budget and search.
public struct TuningPlan: Sendable, Equatable {
    public let dimensions: [TuningDimension]
    /// Trials per variant.
    public let budget: Int

    /// Parses `lr` or `lr,momentum` or `lr=1e-4:0.3,momentum` (a key with its own range); `none` tunes nothing.
    public init(_ text: String, budget: Int) throws {
        guard budget >= 1, budget <= 1000 else {
            throw ConfigurationError.invalidValue(key: "tune-budget", requirement: "in 1...1000", got: "\(budget)")
        }
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var dimensions: [TuningDimension] = []
        if !(parts == ["none"]) {
            for part in parts {
                let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                let key = pieces[0]
                if pieces.count == 2 {
                    let bounds = pieces[1].split(separator: ":").map { Double($0) }
                    guard bounds.count == 2, let low = bounds[0], let high = bounds[1] else {
                        throw ConfigurationError.rejected(key: "tune", reason: "'\(part)': write a range as \(key)=LOW:HIGH")
                    }
                    let standard = try TuningDimension.standard(key)
                    dimensions.append(try TuningDimension(key: key, low: low, high: high, logScale: standard?.logScale ?? (low > 0)))
                } else {
                    guard let standard = try TuningDimension.standard(key) else {
                        throw ConfigurationError.rejected(key: "tune", reason: "'\(key)' has no default range; write \(key)=LOW:HIGH")
                    }
                    dimensions.append(standard)
                }
            }
        }
        guard Set(dimensions.map(\.key)).count == dimensions.count else {
            throw ConfigurationError.rejected(key: "tune", reason: "a key is listed twice in '\(text)'")
        }
        guard dimensions.count <= Halton.primes.count else {
            throw ConfigurationError.rejected(key: "tune", reason: "at most \(Halton.primes.count) options can be tuned at once")
        }
        self.dimensions = dimensions
        self.budget = budget
    }

    public var isEmpty: Bool { dimensions.isEmpty }

    /// The text form `init` reads back, e.g. `lr=0.001:1`.
    public var text: String {
        isEmpty ? "none" : dimensions.map { "\($0.key)=\($0.range.lowerBound):\($0.range.upperBound)" }.joined(separator: ",")
    }

    /// The option values of trial `index` (0-based), the same for every variant.
    public func trial(_ index: Int) -> [String: Double] {
        let point = Halton.point(index + 1, dimensions: dimensions.count)
        return Dictionary(uniqueKeysWithValues: zip(dimensions, point).map { ($0.key, $0.value(at: $1)) })
    }

    /// `configuration` with trial `index`'s values set.
    public func apply(trial index: Int, to configuration: TrainingConfiguration) -> TrainingConfiguration {
        apply(trial(index), to: configuration)
    }

    /// `configuration` with `values` set (integer options rounded).
    public func apply(_ values: [String: Double], to configuration: TrainingConfiguration) -> TrainingConfiguration {
        var result = configuration
        for (key, value) in values { TrainingOption.named(key)?.numeric?.set(&result, value) }
        return result
    }
}
