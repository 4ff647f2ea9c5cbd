import Foundation
import Testing
@testable import ActivationLab

/// Whole runs on real data: the library's promise that a plain MLP learns Fashion-MNIST.
@Suite struct EndToEndTests {
    static let fashionMNISTInstalled = (try? DatasetSource.fashionMNISTDirectory()) != nil

    func train(_ dataset: String, model: String, epochs: Int) throws -> Double {
        var configuration = TrainingConfiguration()
        configuration.dataset = dataset
        configuration.model = model
        configuration.activation = "relu"
        configuration.learningRate = 0.05
        configuration.momentum = 0.9
        configuration.batchSize = 128
        configuration.epochs = epochs
        let splits = try DatasetSource(spec: dataset).load(validationFraction: 0.1, seed: 1)
        let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                          classCount: splits.train.classCount)
        let result = session.run(on: splits)
        #expect(result.status == .finished)
        return Evaluation.run(model: session.model, head: session.head, on: splits.test).accuracy
    }

    @Test(.enabled(if: fashionMNISTInstalled,
                   "Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); skipped the full-data accuracy check"))
    func mlpReaches84PercentOnFashionMNISTInThreeEpochs() throws {
        let accuracy = try train("fashion-mnist", model: "mlp:784-256-256-10", epochs: 3)
        #expect(accuracy >= 0.84, "test accuracy \(accuracy)")
    }

    @Test func mlpLearnsTheBundledSample() throws {
        let accuracy = try train("sample", model: "mlp:784-128-10", epochs: 8)
        #expect(accuracy >= 0.75, "test accuracy \(accuracy)")
    }
}
