import Testing
@testable import ActivationLab

@Suite struct TrainerTests {
    func configuration(_ edit: (inout TrainingConfiguration) -> Void = { _ in }) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-16-3"
        configuration.activation = "tanh"
        configuration.learningRate = 0.1
        configuration.batchSize = 32
        configuration.epochs = 5
        edit(&configuration)
        return configuration
    }

    @Test func learnsSeparableBlobs() throws {
        let splits = SyntheticData.splits()
        let session = try TrainingSession(configuration: configuration(), sampleShape: [8], classCount: 3)
        let result = session.run(on: splits)
        #expect(result.status == .finished)
        #expect(result.epochs.count == 5)
        #expect(result.epochs.last!.validationAccuracy > 0.9)
        #expect(result.epochs.last!.trainLoss < result.epochs.first!.trainLoss)
        #expect(result.epochs.last!.layers.count == 1)
    }

    @Test func sameSeedGivesBitIdenticalWeightsAfterFiftySteps() throws {
        func weights() throws -> [[Float]] {
            var config = configuration { $0.epochs = 3; $0.batchSize = 32 }  // 600/32 → 19 steps/epoch, 57 steps
            config.momentum = 0.9
            let session = try TrainingSession(configuration: config, sampleShape: [8], classCount: 3)
            _ = session.run(on: SyntheticData.splits())
            return session.model.parameters.map(\.value.scalars)
        }
        let first = try weights(), second = try weights()
        #expect(first == second)
        let other = try TrainingSession(configuration: configuration { $0.seed = 2; $0.epochs = 3 }, sampleShape: [8], classCount: 3)
        _ = other.run(on: SyntheticData.splits())
        #expect(other.model.parameters.map(\.value.scalars) != first)
    }

    @Test func hugeLearningRateIsReportedAsDivergence() throws {
        let config = configuration { $0.learningRate = 1e6; $0.head = "linear-mse"; $0.activation = "relu"; $0.momentum = 0.99 }
        let session = try TrainingSession(configuration: config, sampleShape: [8], classCount: 3)
        let result = session.run(on: SyntheticData.splits())
        #expect(result.status == .diverged)
        let message = result.message ?? ""
        #expect((message.contains("became") || message.contains("reached")) && message.contains("lower learning rate"), "\(message)")
    }

    @Test func earlyStoppingEndsTheRun() throws {
        let config = configuration { $0.epochs = 40; $0.patience = 1; $0.learningRate = 0.5 }
        let result = try TrainingSession(configuration: config, sampleShape: [8], classCount: 3).run(on: SyntheticData.splits())
        #expect(result.status == .finished)
        #expect(result.epochs.count < 40)
        #expect(result.message?.contains("stopped early") == true)
    }

    @Test(arguments: [
        ("lr", "lr"), ("batch", "batch-size"), ("epochs", "epochs"), ("momentum", "momentum"),
    ])
    func invalidOptionsNameTheOptionKey(field: String, key: String) {
        let config = configuration {
            switch field {
            case "lr": $0.learningRate = -1
            case "batch": $0.batchSize = 0
            case "epochs": $0.epochs = 0
            default: $0.momentum = 1.5
            }
        }
        #expect { try config.validate() } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == key && error.description.hasPrefix(key + " must be")
                && error.message(naming: CommandLineOptions.flag).hasPrefix("--" + key + " must be")
        }
    }

    @Test func modelThatDoesNotFitTheDataIsAClearError() {
        #expect { try TrainingSession(configuration: configuration { $0.model = "mlp:784-10" }, sampleShape: [8], classCount: 3) }
            throws: { "\($0)".contains("try mlp:8-3") }
    }
}
