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
        #expect(above.outcome([m("x", 1, 1)]) == .notSupported)  // exactly equal is not "above"
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
        #expect(mean.interval == Summary([1, 2, 3])!.confidenceInterval)
        #expect(ReproductionMeasurement.mean(key: "m", label: "m", values: [1]).interval == nil)
    }
}
