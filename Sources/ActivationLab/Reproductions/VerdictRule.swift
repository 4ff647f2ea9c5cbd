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
/// Every leaf compares one measurement's confidence interval with a threshold and gives evidence *for* the
/// claim, *against* it, or neither (the interval reaches or straddles the threshold, or the measurement is
/// missing). The leaves of one rule are a family of tests, adjusted by Holm's method (`decisions`): a leaf
/// decides only if its interval decides at the level Holm allows it, so the chance that any leaf of a rule
/// decides wrongly stays ≤ 5% however many leaves the rule has. `all` is for when every part is for and
/// against when any part is against; `any` is for when some part is for and against when every part is
/// against. The root's evidence is the verdict: for → supported, against → not supported, neither →
/// inconclusive.
public indirect enum VerdictRule: Codable, Sendable, Hashable {
    /// For when the interval lies above `threshold`, against when it lies below it.
    case above(String, Double)
    /// For when the interval lies below `threshold`, against when it lies above it.
    case below(String, Double)
    /// Equivalence: for when the interval lies inside (−margin, margin), against when it lies wholly outside.
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

    /// The family-wise error rate of a rule's leaves (and the level of a lone leaf's interval: 95%).
    public static let familyLevel = 0.05

    /// The verdict for these measurements.
    public func outcome(_ measurements: [ReproductionMeasurement]) -> ReproductionOutcome {
        evaluate(Dictionary(measurements.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })).outcome
    }

    /// The evidence of this node, its leaves adjusted as one family (or as part of `decisions`, the family
    /// of the rule this node belongs to).
    public func evaluate(_ measurements: [String: ReproductionMeasurement], decisions: LeafDecisions? = nil) -> Evidence {
        let decisions = decisions ?? self.decisions(measurements)
        switch self {
        case .above, .below, .within, .improvement:
            return decisions.byLeaf[self]?.evidence ?? .undecided
        case let .all(_, parts):
            let evidence = parts.map { $0.evaluate(measurements, decisions: decisions) }
            if evidence.contains(.against) { return .against }
            return !evidence.isEmpty && evidence.allSatisfy { $0 == .forClaim } ? .forClaim : .undecided
        case let .any(_, parts):
            let evidence = parts.map { $0.evaluate(measurements, decisions: decisions) }
            if evidence.contains(.forClaim) { return .forClaim }
            return !evidence.isEmpty && evidence.allSatisfy { $0 == .against } ? .against : .undecided
        }
    }

    /// Each distinct leaf's decision, Holm-adjusted across the rule's distinct leaves (`LeafDecisions`).
    public func decisions(_ measurements: [String: ReproductionMeasurement], level: Double = familyLevel) -> LeafDecisions {
        var unique: [VerdictRule] = []
        for leaf in leaves where !unique.contains(leaf) { unique.append(leaf) }
        let raw = unique.map { $0.decisiveLevel(measurements[$0.keys[0]]) }
        let adjusted = Holm.adjusted(raw.map(\.p))
        var byLeaf: [VerdictRule: LeafDecision] = [:]
        for (index, leaf) in unique.enumerated() {
            let decides = adjusted[index] < level
            let detectable = measurements[leaf.keys[0]]?.model.map { model -> Double in
                let distance = model.detectableDistance(alpha: level / Double(unique.count))
                return model.logScale ? exp(distance) : distance
            }
            byLeaf[leaf] = LeafDecision(evidence: decides ? raw[index].evidence : .undecided, p: raw[index].p,
                                        adjustedP: adjusted[index], detectable: detectable,
                                        logScale: measurements[leaf.keys[0]]?.model?.logScale ?? false)
        }
        return LeafDecisions(byLeaf: byLeaf, level: level, family: unique.count)
    }

    /// A leaf's evidence from `interval` (strict: an interval that touches the threshold decides nothing).
    func evidence(of interval: ClosedRange<Double>?) -> Evidence {
        guard let interval else { return .undecided }
        let (low, high) = (interval.lowerBound, interval.upperBound)
        switch self {
        case let .above(_, t): return low > t ? .forClaim : high < t ? .against : .undecided
        case let .below(_, t): return high < t ? .forClaim : low > t ? .against : .undecided
        case let .within(_, m): return low > -m && high < m ? .forClaim : low > m || high < -m ? .against : .undecided
        case let .improvement(_, m): return low > 0 ? .forClaim : high < m ? .against : .undecided
        case .all, .any: return .undecided
        }
    }

    /// The smallest α at which the leaf's (1 − α) interval decides, and what it decides: the leaf's p-value
    /// (intervals nest, so a leaf that decides at α decides the same way at every larger α). 1 when it decides
    /// at no level; a measurement with a fixed interval decides at every level or none.
    func decisiveLevel(_ m: ReproductionMeasurement?) -> (p: Double, evidence: Evidence) {
        guard let m else { return (1, .undecided) }
        guard m.model != nil else {
            let evidence = evidence(of: m.interval)
            return evidence == .undecided ? (1, .undecided) : (0, evidence)
        }
        func decision(_ alpha: Double) -> Evidence { evidence(of: m.interval(confidence: 1 - alpha)) }
        var high = 1 - 1e-12
        var highEvidence = decision(high)
        guard highEvidence != .undecided else { return (1, .undecided) }
        var low = 1e-15
        if decision(low) != .undecided { return (0, decision(low)) }
        for _ in 0..<80 {
            let mid = (low + high) / 2
            let e = decision(mid)
            if e == .undecided { low = mid } else { (high, highEvidence) = (mid, e) }
        }
        return (high, highEvidence)
    }

    /// The leaves, in order (a leaf repeated in several branches appears each time).
    public var leaves: [VerdictRule] {
        switch self {
        case .above, .below, .within, .improvement: [self]
        case let .all(_, parts), let .any(_, parts): parts.flatMap(\.leaves)
        }
    }

    /// The measurement keys the rule reads.
    public var keys: [String] {
        switch self {
        case let .above(key, _), let .below(key, _), let .within(key, _), let .improvement(key, _): [key]
        case let .all(_, parts), let .any(_, parts): parts.flatMap(\.keys)
        }
    }

    /// The rule as a nested Markdown list, each node followed by its evidence on `measurements` when given
    /// (each leaf with its Holm-adjusted p-value and the smallest effect it could detect).
    public func markdown(_ measurements: [String: ReproductionMeasurement]? = nil, labels: [String: String] = [:],
                         depth: Int = 0, decisions: LeafDecisions? = nil) -> [String] {
        let decisions = decisions ?? measurements.map { self.decisions($0) }
        let indent = String(repeating: "  ", count: depth)
        let evidence = measurements.map { " → **\(evaluate($0, decisions: decisions).rawValue)**" } ?? ""
        func name(_ key: String) -> String { labels[key].map { "\($0) (`\(key)`)" } ?? "`\(key)`" }
        func leaf(_ key: String, _ text: String) -> [String] {
            let detail = decisions?.byLeaf[self].map { " (\($0.text))" } ?? ""
            return ["\(indent)- \(name(key)): \(text)\(evidence)\(detail)"]
        }
        switch self {
        case let .above(key, t): return leaf(key, "CI above \(Self.number(t)) (for); below it (against)")
        case let .below(key, t): return leaf(key, "CI below \(Self.number(t)) (for); above it (against)")
        case let .within(key, m): return leaf(key, "CI inside ±\(Self.number(m)) (for); wholly outside it (against)")
        case let .improvement(key, m):
            return leaf(key, "CI above 0 (for); wholly below \(Self.number(m)) (against: any gain is smaller than that)")
        case let .all(label, parts):
            return ["\(indent)- ALL of — \(label)\(evidence)"]
                + parts.flatMap { $0.markdown(measurements, labels: labels, depth: depth + 1, decisions: decisions) }
        case let .any(label, parts):
            return ["\(indent)- ANY of — \(label)\(evidence)"]
                + parts.flatMap { $0.markdown(measurements, labels: labels, depth: depth + 1, decisions: decisions) }
        }
    }

    /// The general reading of the rule, printed above every rule in the documents.
    public static let explanation = """
        Each leaf compares one measurement's confidence interval with a threshold: evidence **for** the \
        claim when the whole interval is on the claimed side, **against** when the whole interval is on the \
        other side, **undecided** when it touches or straddles the threshold or could not be computed. The \
        leaves of a rule are one family of tests under Holm's adjustment: the leaf whose interval decides at \
        the smallest level α (its p) is judged at 5%/m for m distinct leaves, the next at 5%/(m − 1), and so \
        on, and a leaf decides only if its adjusted p (shown with it) is below 5% — so the chance that any \
        leaf decides wrongly is at most 5% however many leaves the rule has. "Detectable" is the smallest \
        distance from the threshold the leaf would detect with 80% power at level 5%/m, from its standard \
        error. ALL is for when every part is for and against when any part is against; ANY is for when some \
        part is for and against when every part is against; otherwise undecided. The verdict is the top \
        node: for → supported, against → not supported, undecided → inconclusive.
        """

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e6 ? String(Int(value)) : String(format: "%g", value)
    }
}
