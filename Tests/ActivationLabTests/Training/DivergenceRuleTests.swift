import Foundation
import Testing
@testable import ActivationLab

/// The divergence rule: non-finite losses, and finite losses over 100× the starting value.
@Suite struct DivergenceRuleTests {
    @Test func limitIsAHundredTimesTheLargerOfTheFirstLossAndLnClasses() {
        #expect(DivergenceRule(firstLoss: 5, classCount: 10).limit == 500)
        // A tiny starting loss (an MSE head near its targets) falls back to ln(classes).
        let tiny = DivergenceRule(firstLoss: 0.01, classCount: 10)
        #expect(abs(tiny.limit - 100 * log(10.0)) < 1e-12)
        // A non-finite first loss cannot serve as a reference.
        #expect(DivergenceRule(firstLoss: .nan, classCount: 2).referenceLoss == log(2.0))
    }

    @Test func finiteBlowUpsAndNonFiniteLossesViolateTheRule() throws {
        let rule = DivergenceRule(firstLoss: 2.3, classCount: 10)
        #expect(rule.violation(2.3) == nil)
        #expect(rule.violation(229) == nil)
        let blowUp = try #require(rule.violation(3e27))
        #expect(blowUp.value == "reached 3e+27")
        #expect(blowUp.detail.contains("over 100× its starting value 2.3"))
        #expect(rule.violation(.nan)?.value == "became NaN")
        #expect(rule.violation(.infinity)?.value == "became inf")
    }

    /// `--lr 1000` keeps the loss finite for a while (1e5 and more); it used to end as "finished".
    @Test func aFiniteBlowUpEndsTheRunAsDiverged() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-16-3"
        configuration.learningRate = 1000
        configuration.momentum = 0
        configuration.batchSize = 32
        configuration.epochs = 3
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        let result = session.run(on: SyntheticData.splits())
        #expect(result.status == .diverged)
        let message = result.message ?? ""
        #expect(message.contains("over 100× its starting value") && message.contains("lower learning rate"), "\(message)")
        #expect(result.divergedAtStep != nil)
        #expect(result.steps < result.stepBudget)
    }

    @Test func aHealthyRunStaysFarBelowTheLimit() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-16-3"
        configuration.learningRate = 0.5
        configuration.epochs = 3
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        let result = session.run(on: SyntheticData.splits())
        #expect(result.status == .finished)
        let limit = DivergenceRule(firstLoss: .nan, classCount: 3).limit
        #expect(result.epochs.allSatisfy { $0.trainLoss < limit / 10 && $0.validationLoss < limit / 10 })
    }
}
