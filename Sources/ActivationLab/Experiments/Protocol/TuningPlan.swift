import Foundation

/// What per-variant tuning searches: the options, their ranges, the trial budget and how trials are placed
/// (`TuneSearch`). Every variant gets exactly the same budget: quasi-random (Halton) points shared by all,
/// and with `.refine` as many again around each variant's own best of those.
public struct TuningPlan: Sendable, Equatable {
    public let dimensions: [TuningDimension]
    /// Trials per variant.
    public let budget: Int
    public let search: TuneSearch

    /// Parses `lr` or `lr,momentum` or `lr=1e-4:0.3,momentum` (a key with its own range); `none` tunes nothing.
    public init(_ text: String, budget: Int, search: TuneSearch = .halton) throws {
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
        self.search = search
    }

    public var isEmpty: Bool { dimensions.isEmpty }

    /// The text form `init` reads back, e.g. `lr=0.001:1`.
    public var text: String {
        isEmpty ? "none" : dimensions.map { "\($0.key)=\($0.range.lowerBound):\($0.range.upperBound)" }.joined(separator: ",")
    }

    /// Trials placed the same for every variant (Halton points); the rest refine around each variant's best.
    public var firstStage: Int { search == .refine && budget >= 2 ? (budget + 1) / 2 : budget }

    /// Whether some trials depend on the first stage's results.
    public var refines: Bool { firstStage < budget }

    /// The option values of first-stage trial `index` (0-based), the same for every variant.
    public func trial(_ index: Int) -> [String: Double] {
        precondition(index < firstStage, "trial \(index) is placed around a first-stage best: use refinedTrial")
        return values(at: Halton.point(index + 1, dimensions: dimensions.count))
    }

    /// The option values of second-stage trial `index` (`firstStage ≤ index < budget`) around first-stage trial
    /// `best`: offsets of ±(2h − 1)·w from it, h the Halton points 2, 3, … (½ w either side first, then ¼, ¾ w;
    /// the first one outward when the best is the largest value tried, else downward),
    /// w the first stage's spacing (1 / (firstStage + 1) per dimension's share). Log-scale options may leave
    /// their range (with several options the step is wide); linear ones stay inside it.
    public func refinedTrial(_ index: Int, around best: Int) -> [String: Double] {
        precondition(index >= firstStage && index < budget && best < firstStage, "trial \(index) around \(best)")
        let d = dimensions.count
        let centre = Halton.point(best + 1, dimensions: d)
        let offsets = Halton.point(index - firstStage + 2, dimensions: d)
        let width = pow(1 / Double(firstStage + 1), 1 / Double(max(1, d)))
        let first = (1...firstStage).map { Halton.point($0, dimensions: d) }
        let point = (0..<d).map { k in
            // The first offset points outward when the best is the largest value tried in this dimension.
            let outward: Double = first.allSatisfy { $0[k] <= centre[k] } ? -1 : 1
            let u = centre[k] + outward * (2 * offsets[k] - 1) * width
            return dimensions[k].logScale ? u : min(max(u, 0), 1)
        }
        return values(at: point)
    }

    private func values(at point: [Double]) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: zip(dimensions, point).map { ($0.key, $0.value(at: $1)) })
    }

    /// `configuration` with `values` set (integer options rounded).
    public func apply(_ values: [String: Double], to configuration: TrainingConfiguration) -> TrainingConfiguration {
        var result = configuration
        for (key, value) in values { TrainingOption.named(key)?.numeric?.set(&result, value) }
        return result
    }
}
