import Foundation

/// The three answers a reproduction can give about a paper's claim.
public enum ReproductionOutcome: String, Codable, Sendable, CaseIterable {
    case supported
    case notSupported = "not supported"
    case inconclusive
}

/// A verdict rule over measurements, written once as data: the documents print it (`text`) and the code
/// applies it (`evaluate`), so the verdict can never be typed by hand or drift from its written rule.
///
/// Every leaf compares one measurement's 95% interval with a threshold and gives evidence *for* the claim,
/// *against* it, or neither (interval straddles the threshold, or the measurement is missing). `all` is for
/// when every part is for and against when any part is against; `any` is for when some part is for and
/// against when every part is against. The root's evidence is the verdict: for → supported,
/// against → not supported, neither → inconclusive.
public indirect enum VerdictRule: Codable, Sendable, Equatable {
    /// For when the interval lies above `threshold`, against when it lies at or below it (a speed-up interval of
    /// exactly [1, 1] — every run reached the target in the same epoch — is evidence against "faster").
    case above(String, Double)
    /// For when the interval lies below `threshold`, against when it lies at or above it.
    case below(String, Double)
    /// Equivalence: for when the interval lies inside [−margin, margin], against when it lies wholly outside.
    case within(String, Double)
    /// An improvement that matters: for when the interval lies above 0, against when it lies below `margin`
    /// (any improvement is smaller than the margin, or there is none).
    case improvement(String, Double)
    /// Every part (labelled).
    case all(String, [VerdictRule])
    /// At least one part (labelled).
    case any(String, [VerdictRule])

    /// Evidence of one node.
    public enum Evidence: String, Codable, Sendable {
        case forClaim = "for"
        case against
        case undecided

        public var outcome: ReproductionOutcome {
            switch self {
            case .forClaim: .supported
            case .against: .notSupported
            case .undecided: .inconclusive
            }
        }
    }

    /// The verdict for these measurements.
    public func outcome(_ measurements: [ReproductionMeasurement]) -> ReproductionOutcome {
        evaluate(Dictionary(measurements.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })).outcome
    }

    /// The evidence of this node.
    public func evaluate(_ measurements: [String: ReproductionMeasurement]) -> Evidence {
        switch self {
        case let .above(key, threshold):
            guard let interval = measurements[key]?.interval else { return .undecided }
            return interval.lowerBound > threshold ? .forClaim : interval.upperBound <= threshold ? .against : .undecided
        case let .below(key, threshold):
            guard let interval = measurements[key]?.interval else { return .undecided }
            return interval.upperBound < threshold ? .forClaim : interval.lowerBound >= threshold ? .against : .undecided
        case let .within(key, margin):
            guard let interval = measurements[key]?.interval else { return .undecided }
            if interval.lowerBound >= -margin && interval.upperBound <= margin { return .forClaim }
            return interval.lowerBound > margin || interval.upperBound < -margin ? .against : .undecided
        case let .improvement(key, margin):
            guard let interval = measurements[key]?.interval else { return .undecided }
            return interval.lowerBound > 0 ? .forClaim : interval.upperBound < margin ? .against : .undecided
        case let .all(_, parts):
            let evidence = parts.map { $0.evaluate(measurements) }
            if evidence.contains(.against) { return .against }
            return !evidence.isEmpty && evidence.allSatisfy { $0 == .forClaim } ? .forClaim : .undecided
        case let .any(_, parts):
            let evidence = parts.map { $0.evaluate(measurements) }
            if evidence.contains(.forClaim) { return .forClaim }
            return !evidence.isEmpty && evidence.allSatisfy { $0 == .against } ? .against : .undecided
        }
    }

    /// The measurement keys the rule reads.
    public var keys: [String] {
        switch self {
        case let .above(key, _), let .below(key, _), let .within(key, _), let .improvement(key, _): [key]
        case let .all(_, parts), let .any(_, parts): parts.flatMap(\.keys)
        }
    }

    /// The rule as a nested Markdown list, each node followed by its evidence on `measurements` when given.
    public func markdown(_ measurements: [String: ReproductionMeasurement]? = nil, labels: [String: String] = [:],
                         depth: Int = 0) -> [String] {
        let indent = String(repeating: "  ", count: depth)
        let evidence = measurements.map { " → **\(evaluate($0).rawValue)**" } ?? ""
        func name(_ key: String) -> String { labels[key].map { "\($0) (`\(key)`)" } ?? "`\(key)`" }
        switch self {
        case let .above(key, t):
            return ["\(indent)- \(name(key)): 95% CI above \(Self.number(t)) (for); at or below it (against)\(evidence)"]
        case let .below(key, t):
            return ["\(indent)- \(name(key)): 95% CI below \(Self.number(t)) (for); at or above it (against)\(evidence)"]
        case let .within(key, m):
            return ["\(indent)- \(name(key)): 95% CI inside ±\(Self.number(m)) (for); wholly outside it (against)\(evidence)"]
        case let .improvement(key, m):
            return ["\(indent)- \(name(key)): 95% CI above 0 (for); wholly below \(Self.number(m)) (against: any gain is smaller than that)\(evidence)"]
        case let .all(label, parts):
            return ["\(indent)- ALL of — \(label)\(evidence)"]
                + parts.flatMap { $0.markdown(measurements, labels: labels, depth: depth + 1) }
        case let .any(label, parts):
            return ["\(indent)- ANY of — \(label)\(evidence)"]
                + parts.flatMap { $0.markdown(measurements, labels: labels, depth: depth + 1) }
        }
    }

    /// The general reading of the rule, printed above every rule in the documents.
    public static let explanation = """
        Each leaf compares one measurement's 95% confidence interval with a threshold: evidence **for** the \
        claim when the whole interval is on the claimed side, **against** when the whole interval is on the \
        other side (touching the threshold counts as the other side), **undecided** when it straddles the threshold or could not be computed. ALL is for when \
        every part is for and against when any part is against; ANY is for when some part is for and against \
        when every part is against; otherwise undecided. The verdict is the top node: for → supported, \
        against → not supported, undecided → inconclusive.
        """

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : String(format: "%g", value)
    }
}
