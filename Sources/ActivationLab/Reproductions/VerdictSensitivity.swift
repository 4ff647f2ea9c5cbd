import Foundation

/// "What would change the verdict", for the documents: for each leaf the rule has not decided, roughly how
/// many seeds would decide it if the observed effect and spread are the truth; for the decided leaves, how
/// far their intervals sit from the thresholds.
enum VerdictSensitivity {
    static func lines(rule: VerdictRule, measurements: [String: ReproductionMeasurement]) -> [String] {
        let decisions = rule.decisions(measurements)
        var lines: [String] = []
        var seen: [VerdictRule] = []
        for leaf in rule.leaves where !seen.contains(leaf) {
            seen.append(leaf)
            guard let key = leaf.keys.first, let decision = decisions.byLeaf[leaf] else { continue }
            guard let m = measurements[key], let model = m.model, m.count >= 2 else {
                lines.append("- `\(key)`: no interval (too few runs, or no spread); more seeds are needed before it can say anything.")
                continue
            }
            if decision.evidence != .undecided {
                lines.append("- `\(key)`: decided (\(decision.evidence.rawValue), Holm p = \(p(decision.adjustedP))); it would change only "
                             + "if more seeds moved its interval across the threshold.")
                continue
            }
            let alpha = VerdictRule.familyLevel / Double(decisions.family)
            let seeds = seedsToDecide(leaf, model: model, count: m.count, alpha: alpha)
            let power = decision.detectable.map {
                " With its \(m.count) seeds it could detect a difference of \(plain($0, logScale: decision.logScale, measurement: m)) "
                    + "from the threshold (80% power at its Holm level)."
            } ?? ""
            lines.append("- `\(key)`: undecided (Holm p = \(p(decision.adjustedP))); "
                         + (seeds.map { "about \($0) seeds would decide it if the observed effect and spread are the truth." }
                            ?? "even 1,000 seeds would probably not decide it: the observed effect sits on the threshold.")
                         + power)
        }
        return lines
    }

    static func p(_ value: Double) -> String { value < 0.001 ? "<0.001" : String(format: "%.3f", value) }

    /// A detectable distance in the reader's units: a factor for ratios, points for accuracy differences
    /// (stored as fractions), else the measurement's own unit.
    static func plain(_ distance: Double, logScale: Bool, measurement: ReproductionMeasurement) -> String {
        if logScale { return String(format: "×/÷ %.2f", distance) }
        if measurement.label.contains("accuracy") { return String(format: "±%.1f points", 100 * distance) }
        return String(format: "±%.3g", distance)
    }

    /// The distance of the estimate from the nearest threshold the leaf could decide on, on the analysis scale.
    static func distance(_ leaf: VerdictRule, center: Double, logScale: Bool) -> Double {
        func scaled(_ t: Double) -> Double { logScale ? log(t) : t }
        switch leaf {
        case let .above(_, t), let .below(_, t): return abs(center - scaled(t))
        case let .within(_, m): return abs(abs(center) - scaled(m))
        case let .improvement(_, m): return min(abs(center), abs(scaled(m) - center))
        case .all, .any: return 0
        }
    }

    /// The seeds (up to 1,000) at which the interval's half-width at level α would probably fall below the observed
    /// distance from the threshold (`SeedsToDecide` on that distance, with no equivalence margin); nil beyond.
    static func seedsToDecide(_ leaf: VerdictRule, model: IntervalModel, count: Int, alpha: Double) -> Int? {
        let d = distance(leaf, center: model.center, logScale: model.logScale)
        guard d > 0, case let .seeds(n)? = SeedsToDecide(mean: d, spread: model.standardError * Double(count).squareRoot(),
                                                            margin: 0, currentSeeds: count, alpha: alpha) else { return nil }
        return n
    }
}
