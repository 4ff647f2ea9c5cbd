/// What the protocol measures of one run, and the paired tests of one variant against another: accuracy
/// at the end of the budget (test split when recorded; a diverged run scores 0) and time to the target
/// (censored at the run's budget). `ComparisonSummary` and the reproductions judge with the same code.
public struct RunMeasure: Sendable {
    public var target: Double
    /// Time in optimiser steps (from step evaluations), else in epochs.
    public var inSteps: Bool
    /// Accuracy on the test split, else the final validation accuracy.
    public var useTest: Bool

    public init(target: Double, inSteps: Bool, useTest: Bool) {
        self.target = target
        self.inSteps = inSteps
        self.useTest = useTest
    }

    /// How a set of complete evaluation runs should be measured: in steps when every run recorded its step
    /// budget (stores with step evaluations record it for every run; one that diverged before its first
    /// evaluation still counts in steps, censored at its budget), on the test split when any run recorded a
    /// test accuracy.
    public init(target: Double, runs: [RunRecord]) {
        self.init(target: target, inSteps: !runs.isEmpty && runs.allSatisfy { $0.stepBudget != nil },
                  useTest: runs.contains { $0.testAccuracy != nil })
    }

    public func accuracy(_ run: RunRecord) -> Double? {
        if run.status == .diverged { return 0 }  // a diverged run scores the worst, as in tuning
        return useTest ? run.testAccuracy : run.finalValidationAccuracy
    }

    public func time(_ run: RunRecord) -> CensoredTime? {
        guard let budget = ComparisonSummary.budget(run, inSteps: inSteps) else { return nil }
        return ComparisonSummary.firstReach(run, target: target, inSteps: inSteps).map { .reached($0.time) } ?? .censored(budget)
    }

    /// The tests of `variant` against `baseline` (runs by seed): paired on their common seeds, unpaired when
    /// they share none. `restriction` is τ, the smallest budget of the runs compared.
    public func tests(variant: [UInt64: RunRecord], baseline: [UInt64: RunRecord])
        -> (accuracy: MeanDifference?, speed: Speedup?, restriction: Double?) {
        let seeds = Set(variant.keys).intersection(baseline.keys).sorted()
        let paired = !seeds.isEmpty
        let accuracy: MeanDifference?
        if paired {
            let pairs = seeds.compactMap { seed -> (Double, Double)? in
                guard let v = self.accuracy(variant[seed]!), let b = self.accuracy(baseline[seed]!) else { return nil }
                return (v, b)
            }
            accuracy = MeanDifference.paired(variant: pairs.map(\.0), baseline: pairs.map(\.1))
        } else {
            accuracy = MeanDifference.unpaired(variant: variant.values.compactMap(self.accuracy),
                                               baseline: baseline.values.compactMap(self.accuracy))
        }
        let baselineList = paired ? seeds.map { baseline[$0]! } : Array(baseline.values)
        let variantList = paired ? seeds.map { variant[$0]! } : Array(variant.values)
        let budgets = (baselineList + variantList).compactMap { ComparisonSummary.budget($0, inSteps: inSteps) }
        guard let tau = budgets.min(), tau > 0 else { return (accuracy, nil, nil) }
        let b = baselineList.compactMap(time), v = variantList.compactMap(time)
        let interval = inSteps ? ComparisonSummary.evaluationInterval(baselineList + variantList) : 1
        let speed = paired && b.count == v.count
            ? Speedup.paired(baseline: b, variant: v, restriction: tau, evaluationInterval: interval)
            : Speedup.unpaired(baseline: b, variant: v, restriction: tau)
        return (accuracy, speed, tau)
    }
}
