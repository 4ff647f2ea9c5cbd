import Foundation
import Testing
@testable import ActivationLab

@Suite struct VerdictSensitivityTests {
    /// The seed count is the first n whose interval half-width at α falls below the distance to the threshold.
    @Test func seedsToDecideIsTheFirstCountWhoseIntervalClearsTheThreshold() throws {
        let model = IntervalModel(center: 0.01, standardError: 0.01, degreesOfFreedom: 4)   // 5 seeds, spread 0.0224
        let n = try #require(VerdictSensitivity.seedsToDecide(.above("x", 0), model: model, count: 5, alpha: 0.025))
        let spread = 0.01 * 5.0.squareRoot()
        func half(_ n: Int) -> Double { StudentT.quantile(1 - 0.0125, degreesOfFreedom: Double(n - 1)) * spread / Double(n).squareRoot() }
        #expect(half(n) < 0.01 && half(n - 1) >= 0.01)
        // On the threshold nothing decides it; on the log scale the threshold is compared as a log.
        #expect(VerdictSensitivity.seedsToDecide(.above("x", 0.01), model: model, count: 5, alpha: 0.025) == nil)
        let ratio = IntervalModel(center: log(1.2), standardError: 0.1, degreesOfFreedom: 4, logScale: true)
        #expect(abs(VerdictSensitivity.distance(.above("s", 1), center: ratio.center, logScale: true) - log(1.2)) < 1e-12)
    }

    @Test func documentsSayWhatWouldChangeTheVerdict() {
        let undecided = ReproductionMeasurement(key: "a", label: "a", estimate: 0.01, low: -0.02, high: 0.04, method: "t", count: 5,
                                                model: IntervalModel(center: 0.01, standardError: 0.01, degreesOfFreedom: 4))
        let lines = VerdictSensitivity.lines(rule: .all("x", [.above("a", 0), .above("b", 0)]), measurements: ["a": undecided])
        #expect(lines.count == 2)
        #expect(lines[0].contains("`a`: undecided") && lines[0].contains("seeds would decide it"))
        #expect(lines[1].contains("`b`: no interval"))
        // The power in words: accuracy differences in points, ratios as a factor.
        let accuracy = ReproductionMeasurement(key: "c", label: "cnn: accuracy, x − y", estimate: 0.01, low: -0.02, high: 0.04,
                                               method: "paired t", count: 10,
                                               model: IntervalModel(center: 0.01, standardError: 0.015, degreesOfFreedom: 9))
        let line = VerdictSensitivity.lines(rule: .above("c", 0), measurements: ["c": accuracy])[0]
        let detectable = IntervalModel(center: 0.01, standardError: 0.015, degreesOfFreedom: 9).detectableDistance(alpha: 0.05)
        #expect(line.contains("With its 10 seeds it could detect a difference of ±\(String(format: "%.1f", 100 * detectable)) points"), "\(line)")
        #expect(VerdictSensitivity.plain(1.3, logScale: true, measurement: accuracy) == "×/÷ 1.30")
        #expect(VerdictSensitivity.plain(2.5, logScale: false, measurement: undecided) == "±2.5")
    }
}
