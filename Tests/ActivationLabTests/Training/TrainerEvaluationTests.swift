import Testing
@testable import ActivationLab

/// Step-based validation evaluations, the default interval rule and the test split: what the comparison
/// protocol reads time to target and final accuracy from.
@Suite struct TrainerEvaluationTests {
    /// 600 training samples in batches of 32: 19 steps per epoch.
    func configuration(_ edit: (inout TrainingConfiguration) -> Void = { _ in }) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-16-3"
        configuration.activation = "tanh"
        configuration.learningRate = 0.1
        configuration.batchSize = 32
        configuration.epochs = 3
        edit(&configuration)
        return configuration
    }

    @Test func evaluatesEveryNStepsAndAtEachEpochEnd() throws {
        let session = try TrainingSession(configuration: configuration { $0.evaluateEvery = 5 }, sampleShape: [8], classCount: 3)
        var events: [String] = []
        var reported: [EvaluationPoint] = []
        let result = session.run(on: SyntheticData.splits(), onEvent: { event in
            switch event {
            case .step: break
            case let .evaluation(point): reported.append(point); events.append("evaluation \(point.step)")
            case let .epoch(metrics): events.append("epoch \(metrics.epoch)")
            }
        })
        #expect(result.status == .finished && result.steps == 57 && result.stepBudget == 57)
        // Every 5 steps of each 19-step epoch, and at each epoch end.
        let expected = (0..<3).flatMap { epoch in [5, 10, 15, 19].map { 19 * epoch + $0 } }
        #expect(result.evaluations.map(\.step) == expected)
        #expect(result.evaluations == reported)
        #expect(result.evaluations.map(\.epoch) == expected.map { ($0 + 18) / 19 })
        // Epoch ends are never lost, reuse the epoch's numbers and come just before the epoch's event.
        for metrics in result.epochs {
            let point = try #require(result.evaluations.first { $0.step == 19 * metrics.epoch })
            #expect(point.validationAccuracy == metrics.validationAccuracy && point.validationLoss == metrics.validationLoss)
            #expect(events.firstIndex(of: "evaluation \(point.step)")! + 1 == events.firstIndex(of: "epoch \(metrics.epoch)")!)
        }
        #expect(result.evaluations.map(\.elapsedSeconds) == result.evaluations.map(\.elapsedSeconds).sorted())
    }

    @Test func intermediateEvaluationsDoNotChangeTraining() throws {
        /// Weights, BatchNorm running statistics and epoch metrics of a run with BatchNorm and dropout.
        func train(evaluateEvery: Int) -> ([[Float]], [EpochMetrics], Int) {
            var rng = SeededGenerator(seed: 3)
            let model = Sequential([
                Dense(inputSize: 8, outputSize: 16, rng: &rng), BatchNorm(features: 16),
                ActivationLayer(ReLU()), Dropout(rate: 0.3, seed: 5), Dense(inputSize: 16, outputSize: 3, rng: &rng),
            ])
            let trainer = Trainer(model: model, head: SoftmaxCrossEntropy(), optimizer: SGD(momentum: 0.9),
                                  learningRate: 0.05, batchSize: 32, evaluateEvery: evaluateEvery)
            let splits = SyntheticData.splits()
            let result = trainer.train(train: splits.train, validation: splits.validation, epochs: 2, seed: 9)
            let state = model.parameters.map(\.value.scalars) + model.buffers.map(\.value.scalars)
            return (state, result.epochs, result.evaluations.count)
        }
        let plain = train(evaluateEvery: 1000), evaluated = train(evaluateEvery: 1)
        #expect(plain.2 == 2 && evaluated.2 == 38)
        #expect(evaluated.0 == plain.0)
        #expect(evaluated.1.map(\.trainLoss) == plain.1.map(\.trainLoss))
        #expect(evaluated.1.map(\.validationAccuracy) == plain.1.map(\.validationAccuracy))
        #expect(evaluated.1.map(\.layers) == plain.1.map(\.layers))
    }

    @Test(arguments: [
        // (steps per epoch, train, validation, interval)
        (422, 54000, 6000, 141),  // Fashion-MNIST's 10% validation split: k = 3
        (100, 100_000, 1000, 13), // small validation set: k capped at 8
        (10, 100, 1000, 10),      // validation larger than training: once per epoch
        (7, 700, 0, 1),           // no validation set costs nothing: k = 8
        (0, 0, 10, 1),            // never below 1
    ])
    func defaultIntervalFollowsTheCostRule(steps: Int, train: Int, validation: Int, interval: Int) {
        #expect(Trainer.defaultEvaluationInterval(stepsPerEpoch: steps, trainCount: train, validationCount: validation) == interval)
    }

    @Test func defaultIntervalIsUsedWhenNoneIsSet() throws {
        var splits = SyntheticData.splits()
        splits.validation = splits.validation.subset(0..<20)  // 600 / (3 · 20) = 10 → k = 8: every 3 steps
        let result = try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3).run(on: splits)
        let expected = (0..<3).flatMap { epoch in [3, 6, 9, 12, 15, 18, 19].map { 19 * epoch + $0 } }
        #expect(result.evaluations.map(\.step) == expected)
        // 150 validation samples: once per epoch.
        let plain = try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3).run(on: SyntheticData.splits())
        #expect(plain.evaluations.map(\.step) == [19, 38, 57])
    }

    @Test func finishedRunsAreEvaluatedOnTheTestSplit() throws {
        let splits = SyntheticData.splits()
        let session = try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3)
        let result = session.run(on: splits)
        let test = try #require(result.test)
        #expect(test == Evaluation.run(model: session.model, head: session.head, on: splits.test))
        #expect(test.count == 150 && test.accuracy > 0.9)

        var noTest = splits
        noTest.test = splits.test.subset(0..<0)
        #expect(try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3).run(on: noTest).test == nil)
        let interrupted = try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3)
            .run(on: splits, shouldStop: { true })
        #expect(interrupted.status == .failed && interrupted.test == nil && interrupted.steps == 0)
        let diverged = try TrainingSession(configuration: configuration {
            $0.learningRate = 1e6; $0.head = "linear-mse"; $0.activation = "relu"; $0.momentum = 0.99
        }, sampleShape: [8], classCount: 3).run(on: splits)
        #expect(diverged.status == .diverged && diverged.test == nil)
    }

    /// Poisons the first weight after a given step, before that step's validation evaluation.
    final class PoisonHook: StepHook {
        let step: Int
        init(step: Int) { self.step = step }
        func afterStep(_ step: Int, batch: Tensor, model: any Layer) {
            guard step == self.step else { return }
            model.parameters[0].value.withUnsafeMutableBufferPointer { $0[0] = .nan }
        }
    }

    @Test func divergenceAtAnIntermediateEvaluationEndsTheRun() throws {
        let session = try TrainingSession(configuration: configuration { $0.evaluateEvery = 4 }, sampleShape: [8], classCount: 3)
        session.trainer.hooks.append(PoisonHook(step: 12))
        let result = session.run(on: SyntheticData.splits())
        #expect(result.status == .diverged && result.divergedAtStep == 12 && result.steps == 12)
        #expect(result.message == "the validation loss became NaN at epoch 1, step 12" + Trainer.hint)
        #expect(result.evaluations.map(\.step) == [4, 8, 12] && result.evaluations.last!.validationLoss.isNaN)
        #expect(result.epochs.isEmpty && result.test == nil)
    }
}
