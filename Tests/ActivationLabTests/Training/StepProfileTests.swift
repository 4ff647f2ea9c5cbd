import Testing
@testable import ActivationLab

/// The step profile: every top-level part of a training step is timed once, and nothing when none is installed.
struct StepProfileTests {
    static func train(_ profile: StepProfile?) throws -> Int {
        var rng = SeededGenerator(seed: 4)
        let data = Dataset(name: "tiny", features: Tensor(shape: [64, 6], scalars: (0..<384).map { Float($0 % 11) / 11 }),
                           labels: (0..<64).map { Int32($0 % 3) }, classCount: 3)
        let model = Sequential([Dense(inputSize: 6, outputSize: 8, rng: &rng), ActivationLayer(Tanh()),
                                Dense(inputSize: 8, outputSize: 3, rng: &rng)])
        let trainer = Trainer(model: model, head: SoftmaxCrossEntropy(), optimizer: SGD(momentum: 0.9),
                              learningRate: 0.1, batchSize: 16)
        let run = { trainer.train(train: data, validation: data, epochs: 2, seed: 1).steps }
        return profile.map { $0.run(run) } ?? run()
    }

    @Test func everyPartOfAStepIsTimedOnce() throws {
        let profile = StepProfile()
        let steps = try Self.train(profile)
        #expect(profile.steps == steps && steps == 8)
        let parts = profile.microsecondsPerStep.map(\.part)
        #expect(parts.starts(with: ["batch and bookkeeping", "zero gradients", "forward 1 Dense(6→8)", "forward 2 tanh",
                                    "forward 3 Dense(8→3)", "loss head", "backward 3 Dense(8→3)", "backward 2 tanh",
                                    "backward 1 Dense(6→8)"]))
        #expect(parts.contains("optimiser") && parts.contains("evaluation"))
        #expect(Set(parts).count == parts.count)
        #expect(profile.microsecondsPerStep.allSatisfy { $0.microseconds >= 0 })
    }

    @Test func nothingIsRecordedWithoutAnInstalledProfile() throws {
        let idle = StepProfile()
        _ = try Self.train(nil)
        #expect(idle.steps == 0 && idle.microsecondsPerStep.isEmpty)
    }

    @Test func partsInsideATimedPartAreNotTimedAgain() {
        let profile = StepProfile()
        profile.run {
            StepProfile.time("outer") { StepProfile.time("inner") { () } }
            StepProfile.countStep()
        }
        #expect(profile.microsecondsPerStep.map(\.part) == ["outer"])
        #expect(profile.steps == 1)
    }
}
