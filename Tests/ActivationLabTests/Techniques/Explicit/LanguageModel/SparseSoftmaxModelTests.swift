import Foundation
import Testing
@testable import ActivationLab

@Suite struct SparseSoftmaxModelTests {
    /// Five samples over 6 features and 4 classes, with repeated and fractional values.
    static let data = SparseDataset(
        name: "tiny", featureCount: 6, classCount: 4, offsets: [0, 2, 3, 6, 7, 9],
        indices: [0, 3, 5, 1, 2, 4, 3, 0, 5], values: [1, 2, 3, 0.5, 1, 1.5, 1, 2, 0.25],
        labels: [1, 3, 0, 2, 1])

    @Test func gradientMatchesFiniteDifferences() {
        var rng = SeededGenerator(seed: 9)
        let model = SparseSoftmaxModel(featureCount: 6, classCount: 4, initialization: .normal(standardDeviation: 0.5), rng: &rng)
        model.bias.value = Tensor(shape: [4], scalars: [0.1, -0.2, 0.3, 0])
        let rows = [0, 1, 2, 3, 4]
        let (_, gradient) = model.lossAndGradient(Self.data, rows: rows)
        var dense = [Float](repeating: 0, count: 6 * 4)
        for (k, row) in gradient.rows.enumerated() { for j in 0..<4 { dense[row * 4 + j] = gradient.weightRows[k * 4 + j] } }
        let step: Float = 1e-2
        func check(_ parameter: Parameter, _ analytic: [Float]) {
            for k in 0..<parameter.value.count {
                let original = parameter.value[flat: k]
                parameter.value[flat: k] = original + step
                let up = model.lossAndGradient(Self.data, rows: rows).loss
                parameter.value[flat: k] = original - step
                let down = model.lossAndGradient(Self.data, rows: rows).loss
                parameter.value[flat: k] = original
                let numeric = (up - down) / Double(2 * step)
                #expect(abs(Double(analytic[k]) - numeric) <= 1e-3 + 1e-2 * abs(numeric), "\(parameter.name)[\(k)]")
            }
        }
        check(model.weightT, dense)
        check(model.bias, gradient.bias)
        // Every feature gets a row here; a batch of sample 1 alone touches only feature 5.
        #expect(Set(gradient.rows) == [0, 1, 2, 3, 4, 5])
        #expect(model.lossAndGradient(Self.data, rows: [1]).gradient.rows == [5])
    }

    @Test func forwardMatchesTheDenseProduct() {
        var rng = SeededGenerator(seed: 2)
        let model = SparseSoftmaxModel(featureCount: 6, classCount: 4, initialization: .normal(standardDeviation: 1), rng: &rng)
        let z = model.logits(Self.data, rows: 0..<5)
        let w = model.denseWeight
        for n in 0..<5 {
            let x = Self.data.denseRow(n)
            for j in 0..<4 {
                let expected = (0..<6).reduce(Float(0)) { $0 + w[j, $1] * x[$1] }
                #expect(abs(z[n, j] - expected) < 1e-5)
            }
        }
    }

    @Test func uniformModelHasPerplexityEqualToTheVocabularySize() {
        var rng = SeededGenerator(seed: 1)
        let model = SparseSoftmaxModel(featureCount: 6, classCount: 4, rng: &rng)
        let perplexity = exp(model.evaluate(Self.data).crossEntropy)
        #expect(abs(perplexity - 4) < 1e-6)
    }

    @Test func explicitWarmStartBeatsColdStartAndTrainingImprovesIt() throws {
        let entries = (0..<40).map { n in ["a", "b", "c", n % 2 == 0 ? "d" : "e", "a", "b", "c", "d"] }
        let splits = try LanguageModelData.splits(TextCorpus(name: "pattern", entries: entries),
                                                  options: LanguageModelOptions(vocabularySize: 5, contextSize: 2))
        let explicit = try ExplicitSolver.solve(splits.train)
        let warm = SparseSoftmaxModel(explicit: explicit)
        var rng = SeededGenerator(seed: 1)
        let cold = SparseSoftmaxModel(featureCount: warm.featureCount, classCount: warm.classCount, rng: &rng)
        let options = SparseTrainingOptions(optimizer: .adam, learningRate: 0.05, batchSize: 16, epochs: 3)
        let warmCurve = try SparseSoftmaxTraining.train(warm, on: splits.train, validation: splits.validation, options: options)
        let coldCurve = try SparseSoftmaxTraining.train(cold, on: splits.train, validation: splits.validation, options: options)
        #expect(warmCurve.count == 4)
        #expect(warmCurve[0].validationPerplexity < coldCurve[0].validationPerplexity)
        #expect(abs(coldCurve[0].validationPerplexity - Double(splits.vocabulary.classCount)) < 1e-6)
        #expect(coldCurve[3].validationCrossEntropy < coldCurve[0].validationCrossEntropy)
        let sgd = SparseTrainingOptions(optimizer: .sgd, learningRate: 0.5, batchSize: 16, epochs: 2)
        let sgdCurve = try SparseSoftmaxTraining.train(
            SparseSoftmaxModel(featureCount: warm.featureCount, classCount: warm.classCount, rng: &rng),
            on: splits.train, validation: splits.validation, options: sgd)
        #expect(sgdCurve[2].validationCrossEntropy < sgdCurve[0].validationCrossEntropy)
    }

    /// Options out of range are named by their property, not by a CLI flag (the CLI maps them to `--lr`).
    @Test func trainingOptionsOutOfRangeNameTheirProperty() {
        var rng = SeededGenerator(seed: 1)
        let model = SparseSoftmaxModel(featureCount: 6, classCount: 4, rng: &rng)
        #expect(throws: ConfigurationError.invalidValue(key: "batchSize", requirement: "at least 1", got: "0")) {
            try SparseSoftmaxTraining.train(model, on: Self.data, validation: Self.data,
                                            options: SparseTrainingOptions(batchSize: 0))
        }
        #expect(throws: ConfigurationError.invalidValue(key: "learningRate", requirement: "positive", got: "0.0")) {
            try SparseSoftmaxTraining.train(model, on: Self.data, validation: Self.data,
                                            options: SparseTrainingOptions(learningRate: 0))
        }
    }
}
