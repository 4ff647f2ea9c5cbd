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
        let configuration = plan.apply(plan.trial(2), to: TrainingConfiguration())
        #expect((0.01...0.1).contains(configuration.learningRate))
        #expect((0.5...0.99).contains(configuration.momentum))
        #expect((16...512).contains(configuration.batchSize))
        #expect(plan.text == "lr=0.01:0.1,momentum=0.5:0.99,batch-size=16.0:512.0")
        #expect(try TuningPlan(plan.text, budget: 4) == plan)
        #expect(try TuningPlan("none", budget: 8).isEmpty)
    }

    /// Refining: the first half (rounded up) are the shared points; the rest sit half a grid step either side
    /// of the variant's best of those, so a best that is the largest value tried is followed outward.
    @Test func refiningFollowsABestAtTheEndOutward() throws {
        let plan = try TuningPlan("lr=0.001:1", budget: 5, search: .refine)
        #expect(plan.firstStage == 3 && plan.refines)
        let u = { (rate: Double) in (log10(rate) + 3) / 3 }  // position in the log range
        let first = (0..<3).map { plan.trial($0)["lr"]! }
        #expect(zip(first.map(u), [0.5, 0.25, 0.75]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Around the largest first-stage rate (trial 2, u = 0.75): outward first, u = 0.875, then 0.625.
        let refined = (3..<5).map { plan.refinedTrial($0, around: 2)["lr"]! }
        #expect(abs(u(refined[0]) - 0.875) < 1e-12 && abs(u(refined[1]) - 0.625) < 1e-12)
        #expect(refined[0] > first.max()!)
        // Around an inner one (trial 0, u = 0.5): downward first, u = 0.375, then 0.625.
        let inner = (3..<5).map { u(plan.refinedTrial($0, around: 0)["lr"]!) }
        #expect(abs(inner[0] - 0.375) < 1e-12 && abs(inner[1] - 0.625) < 1e-12)
        // With fewer first-stage points the step is wider.
        let coarse = try TuningPlan("lr=0.001:1", budget: 2, search: .refine)
        #expect(coarse.firstStage == 1 && abs(u(coarse.refinedTrial(1, around: 0)["lr"]!) - 0.75) < 1e-12)
        // Linear options stay inside their range.
        let momentum = try TuningPlan("momentum", budget: 6, search: .refine)
        for best in 0..<3 { for i in 3..<6 { #expect((0.5...0.99).contains(momentum.refinedTrial(i, around: best)["momentum"]!)) } }
        // Halton placement and budgets of 1 do not refine.
        #expect(try TuningPlan("lr", budget: 5).firstStage == 5)
        #expect(try TuningPlan("lr", budget: 1, search: .refine).firstStage == 1)
    }

    /// Whatever the budget, the second stage around the largest or smallest first-stage value tries beyond it,
    /// and never repeats a first-stage point.
    @Test(arguments: [2, 3, 4, 5, 6, 8, 9, 16])
    func refiningGoesBeyondAnEdgeAndRepeatsNothing(budget: Int) throws {
        let plan = try TuningPlan("lr=0.001:1", budget: budget, search: .refine)
        let first = (0..<plan.firstStage).map { plan.trial($0)["lr"]! }
        for edge in [first.indices.max { first[$0] < first[$1] }!, first.indices.min { first[$0] < first[$1] }!] {
            let refined = (plan.firstStage..<budget).map { plan.refinedTrial($0, around: edge)["lr"]! }
            #expect(refined.contains { $0 > first.max()! } || refined.contains { $0 < first.min()! })
            #expect(Set(refined).isDisjoint(with: first) && Set(refined).count == refined.count)
        }
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
