import Foundation
import Testing
@testable import ActivationLab

/// Sizes and values from flags, specs and config files are bounded before anything is allocated.
@Suite struct OptionLimitsTests {
    func refusal(_ key: String, _ value: String) -> ConfigurationError? {
        var configuration = TrainingConfiguration()
        do {
            try TrainingOption.lookup(key).set(value, in: &configuration)
            try configuration.validate()
            return nil
        } catch let error as ConfigurationError { return error } catch { return nil }
    }

    @Test func sizesBeyondTheirLimitAreRefusedNamingTheOption() {
        #expect(refusal("batch-size", "\(OptionLimits.batchSize)") == nil)
        #expect(refusal("batch-size", "\(OptionLimits.batchSize + 1)")?.key == "batch-size")
        #expect(refusal("epochs", "9223372036854775807")?.key == "epochs")
        #expect(refusal("epochs", "\(OptionLimits.epochs)") == nil)
    }

    @Test func valuesThatRoundToZeroOrInfinityInFloat32AreRefused() {
        for value in ["1e-50", "1e-40", "1e39", "-1e39", "nan"] {
            #expect(refusal("weight-decay", value)?.key == "weight-decay", "\(value)")
            #expect(refusal("lr", value)?.key == "lr", "\(value)")
        }
        #expect(refusal("weight-decay", "0") == nil)
        #expect(refusal("lr", "1e-30") == nil)
        #expect(refusal("lr", "3e38") == nil)
        let message = refusal("lr", "1e-50")?.message { "--" + $0 } ?? ""
        #expect(message.hasPrefix("--lr must be representable in single precision"), "\(message)")
    }

    @Test func schedulesAreBoundedInLengthAndNesting() throws {
        _ = try LearningRateSchedule.parse("warmup:5:warmup:5:warmup:5:warmup:5:cosine")
        #expect(throws: ScheduleError.self) { try LearningRateSchedule.parse("warmup:1:" + String(repeating: "warmup:1:", count: 4) + "constant") }
        let start = Date()
        #expect(throws: ScheduleError.self) { try LearningRateSchedule.parse(String(repeating: "warmup:1:", count: 100_000) + "constant") }
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(throws: ScheduleError.self) { try LearningRateSchedule.parse("step:1:1e39") }
    }

    @Test func comparisonsAreBoundedInRuns() {
        var base = TrainingConfiguration()
        base.dataset = "sample"
        let variants = (0..<200).map { "relu+lr=0.\($0 + 1)" }
        #expect(throws: ComparisonError.tooManyRuns(variants: 201, seeds: 1000)) {
            try Comparison(name: nil, base: base, baseline: "relu", variants: variants, seeds: (1...1000).map { $0 }, targetAccuracy: 0.5)
        }
    }
}
