import Foundation
import Testing
@testable import ActivationLab

@Suite struct TuningPlanTests {
    @Test func haltonPointsAreTheRadicalInverses() {
        #expect(Halton.point(1, dimensions: 2) == [0.5, 1.0 / 3])
        #expect(Halton.point(2, dimensions: 2) == [0.25, 2.0 / 3])
        #expect(Halton.point(3, dimensions: 1) == [0.75])
        // The first 2^k points in base 2 are the multiples of 2^-k, each once.
        let points = Set((1..<16).map { Halton.point($0, dimensions: 1)[0] })
        #expect(points == Set((1..<16).map { Double($0) / 16 }))
    }

    @Test func learningRateTrialsSpanTheLogRangeEvenly() throws {
        let plan = try TuningPlan("lr", budget: 8)
        let rates = (0..<8).map { plan.trial($0)["lr"]! }
        #expect(rates.allSatisfy { (1e-3...1).contains($0) })
        // Log-uniform: 8 Halton points put exactly one trial in each eighth of [log 1e-3, log 1].
        let bins = Set(rates.map { Int(((log10($0) + 3) / 3 * 8).rounded(.down)) })
        #expect(bins.count == 8)  // 1/2, 1/4, 3/4, 1/8, 5/8, 3/8, 7/8, 1/16: one in each eighth
        #expect(plan.trial(0)["lr"]! == exp(log(1e-3) + 0.5 * (log(1.0) - log(1e-3))))
    }

    @Test func trialsSetTheTunedOptions() throws {
        let plan = try TuningPlan("lr=0.01:0.1,momentum,batch-size", budget: 4)
        let configuration = plan.apply(trial: 2, to: TrainingConfiguration())
        #expect((0.01...0.1).contains(configuration.learningRate))
        #expect((0.5...0.99).contains(configuration.momentum))
        #expect((16...512).contains(configuration.batchSize))
        #expect(plan.text == "lr=0.01:0.1,momentum=0.5:0.99,batch-size=16.0:512.0")
        #expect(try TuningPlan(plan.text, budget: 4) == plan)
        #expect(try TuningPlan("none", budget: 8).isEmpty)
    }

    @Test(arguments: [
        ("epochs", "not a numeric variant option"), ("head", "not a numeric variant option"),
        ("lr=1:0.1", "LOW < HIGH"), ("lr=0:1", "both > 0"), ("exponent-clamp", "has no default range"),
        ("lr,lr", "listed twice"), ("lr=abc", "write a range as lr=LOW:HIGH"),
    ])
    func badTuningSpecsAreClearErrors(text: String, message: String) {
        #expect { try TuningPlan(text, budget: 8) } throws: { "\($0)".contains(message) }
    }
}
