import Foundation
import Testing
@testable import ActivationLab

@Suite struct ExplicitLanguageModelExperimentTests {
    /// 80 short entries over 15 words with a seeded, skewed word choice, so the vocabulary cut and `<unk>` matter.
    static let corpus: TextCorpus = {
        var rng = SeededGenerator(seed: 21)
        let words = (0..<15).map { "w\($0)" }
        let entries = (0..<80).map { _ in
            (0..<(3 + rng.integer(below: 6))).map { _ in words[min(rng.integer(below: 15), rng.integer(below: 15))] }
        }
        return TextCorpus(name: "tiny", entries: entries)
    }()

    static let data = LanguageModelOptions(vocabularySize: 10, contextSize: 2, seed: 4)
    static let training = SparseTrainingOptions(optimizer: .adam, learningRate: 0.01, batchSize: 16, epochs: 2, seed: 4)

    /// The curve without its wall-clock seconds, which differ from run to run.
    static func numbers(_ curve: [SparseEpochReport]?) -> [[Double?]]? {
        curve?.map { [Double($0.epoch), $0.trainCrossEntropy, $0.validationCrossEntropy] }
    }

    /// The pipeline as `actlab explicit` ran it before it moved into the library: the same numbers, bit for bit.
    @Test func matchesTheStepsItReplaces() throws {
        var solver = ExplicitOptions()
        solver.seed = 4
        let experiment = ExplicitLanguageModelExperiment(data: Self.data, solver: solver, training: Self.training,
                                                         comparesColdStart: true)
        let result = try experiment.run(on: Self.corpus)

        let splits = try LanguageModelData.splits(Self.corpus, options: Self.data)
        let solution = try ExplicitSolver.solve(splits.train, options: solver)
        let model = SparseSoftmaxModel(explicit: solution)
        let validation = model.evaluate(splits.validation)
        let test = model.evaluate(splits.test)
        let warm = try SparseSoftmaxTraining.train(model, on: splits.train, validation: splits.validation, options: Self.training)
        var rng = SeededGenerator(seed: 4)
        let cold = try SparseSoftmaxTraining.train(
            SparseSoftmaxModel(featureCount: model.featureCount, classCount: model.classCount, rng: &rng),
            on: splits.train, validation: splits.validation, options: Self.training)

        #expect(result.solution.weight == solution.weight)
        #expect(result.solution.bias == solution.bias)
        #expect(result.solution.scale == solution.scale)
        #expect(result.validation == validation)
        #expect(result.test == test)
        #expect(result.validationPerplexity == exp(validation.crossEntropy))
        #expect(Self.numbers(result.warmCurve) == Self.numbers(warm))
        #expect(Self.numbers(result.coldCurve) == Self.numbers(cold))
        #expect(result.vocabulary == splits.vocabulary)
        let counts = [result.trainCount, result.validationCount, result.testCount]
        #expect(counts == [splits.train.count, splits.validation.count, splits.test.count])
        #expect(result.corpusName == "tiny" && result.entryCount == 80 && result.tokenCount == Self.corpus.tokenCount)
        #expect(result.warmCurve?.count == 3)
        // The cold start begins at zero weights: the uniform guess over 10 words and <unk>.
        #expect(abs((result.coldCurve?.first?.validationPerplexity ?? 0) - 11) < 1e-6)
    }

    /// `.solved` comes first, with the solution already scored, then the warm epochs, then the cold ones.
    @Test func reportsTheSolutionBeforeTraining() throws {
        let experiment = ExplicitLanguageModelExperiment(data: Self.data, training: Self.training, comparesColdStart: true)
        var events: [String] = []
        var solvedPerplexity: Double?
        let result = try experiment.run(on: Self.corpus) { event in
            switch event {
            case .solved(let partial):
                events.append("solved")
                solvedPerplexity = partial.testPerplexity
                #expect(partial.warmCurve == nil && partial.coldCurve == nil)
            case let .epoch(start, report): events.append("\(start.rawValue) \(report.epoch)")
            }
        }
        #expect(events == ["solved", "warm 0", "warm 1", "warm 2", "cold 0", "cold 1", "cold 2"])
        #expect(solvedPerplexity == result.testPerplexity)
    }

    @Test func withoutTrainingItIsTheSolutionAlone() throws {
        var events = 0
        let alone = try ExplicitLanguageModelExperiment(data: Self.data).run(on: Self.corpus) { _ in events += 1 }
        #expect(events == 1 && alone.warmCurve == nil && alone.coldCurve == nil)
        var none = Self.training
        none.epochs = 0
        let zero = try ExplicitLanguageModelExperiment(data: Self.data, training: none, comparesColdStart: true)
            .run(on: Self.corpus)
        #expect(zero.warmCurve == nil && zero.coldCurve == nil && zero.test == alone.test)
    }

    /// An error thrown by the caller's event handler (e.g. a checkpoint that cannot be saved) stops the run.
    @Test func anEventHandlerErrorStopsTheRun() throws {
        struct Stop: Error {}
        var epochs = 0
        let experiment = ExplicitLanguageModelExperiment(data: Self.data, training: Self.training)
        #expect(throws: Stop.self) {
            try experiment.run(on: Self.corpus) { event in
                if case .epoch = event { epochs += 1; throw Stop() }
            }
        }
        #expect(epochs == 1)
    }
}
