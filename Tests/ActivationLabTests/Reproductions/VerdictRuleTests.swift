import Foundation
import Testing
@testable import ActivationLab

private func m(_ key: String, _ low: Double?, _ high: Double?) -> ReproductionMeasurement {
    ReproductionMeasurement(key: key, label: key, estimate: low.flatMap { l in high.map { (l + $0) / 2 } }, low: low, high: high,
                method: "test", count: 5)
}

@Suite struct VerdictRuleTests {
    @Test func leavesCompareTheWholeIntervalWithTheThreshold() {
        let above = VerdictRule.above("x", 1)
        #expect(above.outcome([m("x", 1.1, 1.5)]) == .supported)
        #expect(above.outcome([m("x", 0.5, 0.9)]) == .notSupported)
        #expect(above.outcome([m("x", 0.9, 1.2)]) == .inconclusive)
        #expect(above.outcome([m("x", 1, 1)]) == .inconclusive)  // touching the threshold decides nothing
        #expect(above.outcome([m("x", 0.5, 1)]) == .inconclusive)
        #expect(above.outcome([m("x", 1, 1.5)]) == .inconclusive)
        #expect(above.outcome([m("x", Double?.none, Double?.none)]) == .inconclusive)
        #expect(above.outcome([]) == .inconclusive)

        let below = VerdictRule.below("x", 0)
        #expect(below.outcome([m("x", -2, -1)]) == .supported)
        #expect(below.outcome([m("x", 0.5, 1)]) == .notSupported)
        #expect(below.outcome([m("x", -1, 1)]) == .inconclusive)

        let within = VerdictRule.within("x", 0.01)
        #expect(within.outcome([m("x", -0.005, 0.008)]) == .supported)
        #expect(within.outcome([m("x", 0.02, 0.03)]) == .notSupported)
        #expect(within.outcome([m("x", -0.03, -0.02)]) == .notSupported)
        #expect(within.outcome([m("x", -0.005, 0.02)]) == .inconclusive)

        let improvement = VerdictRule.improvement("x", 0.005)
        #expect(improvement.outcome([m("x", 0.001, 0.02)]) == .supported)
        #expect(improvement.outcome([m("x", -0.01, 0.004)]) == .notSupported)
        #expect(improvement.outcome([m("x", -0.01, 0.01)]) == .inconclusive)
    }

    @Test func allAndAnyCombineEvidence() {
        let rule = VerdictRule.all("both", [.above("a", 0), .any("either", [.above("b", 0), .above("c", 0)])])
        #expect(rule.outcome([m("a", 1, 2), m("b", -1, 1), m("c", 1, 2)]) == .supported)
        #expect(rule.outcome([m("a", 1, 2), m("b", -2, -1), m("c", -2, -1)]) == .notSupported)
        #expect(rule.outcome([m("a", -2, -1), m("b", 1, 2), m("c", 1, 2)]) == .notSupported)
        #expect(rule.outcome([m("a", -1, 2), m("b", 1, 2)]) == .inconclusive)
        #expect(rule.outcome([m("a", 1, 2), m("b", -2, -1), m("c", -1, 1)]) == .inconclusive)
        #expect(rule.keys == ["a", "b", "c"])
    }

    @Test func ruleRoundTripsThroughJSONAndPrintsEveryKey() throws {
        let rule = VerdictRule.any("x", [.all("y", [.above("a", 1), .within("b", 0.5)]), .improvement("c", 0.1), .below("d", 0)])
        let decoded = try JSONDecoder().decode(VerdictRule.self, from: JSONEncoder().encode(rule))
        #expect(decoded == rule)
        let text = rule.markdown([:]).joined(separator: "\n")
        for key in rule.keys { #expect(text.contains("`\(key)`")) }
        #expect(text.contains("ANY of") && text.contains("ALL of"))
    }

    @Test func measurementIntervalsComeFromTheStatistics() {
        let difference = ReproductionMeasurement.difference(key: "d", label: "d", [0.9, 0.91, 0.92], [0.8, 0.81, 0.82])
        let welch = WelchTest([0.9, 0.91, 0.92], [0.8, 0.81, 0.82])!
        #expect(abs(difference.estimate! - 0.1) < 1e-12)
        #expect(difference.interval == welch.confidenceInterval)
        let mean = ReproductionMeasurement.mean(key: "m", label: "m", values: [1, 2, 3])
        #expect(mean.estimate == 2)
        let summary = Summary([1, 2, 3])!.confidenceInterval!
        #expect(abs(mean.interval!.lowerBound - summary.lowerBound) < 1e-12 && abs(mean.interval!.upperBound - summary.upperBound) < 1e-12)
        #expect(ReproductionMeasurement.mean(key: "m", label: "m", values: [1]).interval == nil)
    }

    /// A t measurement with estimate `center` and standard error `se` on `df` degrees of freedom.
    private func t(_ key: String, _ center: Double, se: Double, df: Double = 9) -> ReproductionMeasurement {
        let model = IntervalModel(center: center, standardError: se, degreesOfFreedom: df)
        let interval = model.interval(confidence: 0.95)
        return ReproductionMeasurement(key: key, label: key, estimate: center, low: interval.lowerBound, high: interval.upperBound,
                                       method: "t", count: Int(df) + 1, model: model)
    }

    /// A lone leaf decides exactly when its 95% interval does; its p is the two-sided t p-value against the threshold.
    @Test func aLoneLeafIsItsOwnFamily() {
        let x = t("x", 1.0, se: 0.4)  // t = 2.5 on 9 df: p = 0.0339
        let decisions = VerdictRule.above("x", 0).decisions(["x": x])
        let leaf = decisions.byLeaf[.above("x", 0)]!
        #expect(abs(leaf.p - StudentT.twoSidedPValue(2.5, degreesOfFreedom: 9)) < 1e-9)
        #expect(leaf.adjustedP == leaf.p)
        #expect(leaf.evidence == .forClaim)
        #expect(VerdictRule.below("x", 2).decisions(["x": x]).byLeaf[.below("x", 2)]!.evidence == .forClaim)
        // Equivalence: decided when the interval fits inside ±margin, p from the nearer bound.
        let within = VerdictRule.within("x", 2).decisions(["x": x]).byLeaf[.within("x", 2)]!
        #expect(abs(within.p - StudentT.twoSidedPValue(2.5, degreesOfFreedom: 9)) < 1e-9)
    }

    /// Two leaves each decided at 5% alone: Holm judges the smaller p at 2.5%, so a leaf with p = 0.034
    /// no longer decides when its partner has p = 0.04; one with p = 0.001 still does.
    @Test func holmAdjustsTheLeavesOfOneRule() {
        let weak = t("a", 1.0, se: 0.4), weaker = t("b", 0.94, se: 0.4), strong = t("c", 2.0, se: 0.4)
        let rule = VerdictRule.all("both", [.above("a", 0), .above("b", 0)])
        #expect(VerdictRule.above("a", 0).outcome([weak]) == .supported)
        #expect(rule.outcome([weak, weaker]) == .inconclusive)
        let mixed = VerdictRule.all("both", [.above("a", 0), .above("c", 0)])
        let decisions = mixed.decisions(["a": weak, "c": strong])
        #expect(decisions.byLeaf[.above("c", 0)]!.evidence == .forClaim)
        #expect(decisions.byLeaf[.above("c", 0)]!.adjustedP < 0.05)
        // a: p 0.034 judged at 5% after c was rejected at 2.5% (Holm's step-down).
        #expect(decisions.byLeaf[.above("a", 0)]!.evidence == .forClaim)
        // A leaf repeated in two branches is one test.
        let repeated = VerdictRule.any("twice", [.above("a", 0), .all("again", [.above("a", 0)])])
        #expect(repeated.decisions(["a": weak]).family == 1)
        #expect(repeated.outcome([weak]) == .supported)
    }

    /// Family-wise error rate, simulated: m = 4 leaves whose true values sit exactly on their thresholds
    /// (every decision is an error), 10 normal seeds each. Without the adjustment any-leaf errors happen in
    /// about 1 − 0.95⁴ ≈ 19% of rules; with Holm at most 5% (up to Monte-Carlo error).
    @Test func holmKeepsTheFamilyWiseErrorRateAtFivePercent() {
        var generator = SeededGenerator(seed: 42)
        func normal() -> Double {
            let u = max(Double.random(in: 0..<1, using: &generator), 1e-300), v = Double.random(in: 0..<1, using: &generator)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
        let rule = VerdictRule.all("four", [.above("a", 0), .above("b", 0), .below("c", 0), .within("d", 0.5)])
        let trials = 2000
        var adjustedErrors = 0, unadjustedErrors = 0
        for _ in 0..<trials {
            var measurements: [String: ReproductionMeasurement] = [:]
            for (key, truth) in [("a", 0.0), ("b", 0.0), ("c", 0.0), ("d", 0.5)] {
                let values = (0..<10).map { _ in truth + normal() }
                measurements[key] = ReproductionMeasurement.mean(key: key, label: key, values: values)
            }
            let decisions = rule.decisions(measurements)
            if decisions.byLeaf.values.contains(where: { $0.evidence != .undecided }) { adjustedErrors += 1 }
            if rule.leaves.contains(where: { $0.evidence(of: measurements[$0.keys[0]]!.interval) != .undecided }) { unadjustedErrors += 1 }
        }
        let adjusted = Double(adjustedErrors) / Double(trials), unadjusted = Double(unadjustedErrors) / Double(trials)
        // Monte-Carlo standard error at 5% with 2,000 trials is 0.49 points.
        print("family-wise error over \(trials) rules: Holm \(adjusted), unadjusted \(unadjusted)")
        #expect(adjusted <= 0.05 + 3 * 0.0049, "family-wise error \(adjusted)")
        #expect(unadjusted > 0.12, "unadjusted family-wise error \(unadjusted)")
    }
}
