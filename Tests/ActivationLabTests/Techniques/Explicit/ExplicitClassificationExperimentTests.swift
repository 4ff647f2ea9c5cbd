import Foundation
import Testing
@testable import ActivationLab

@Suite struct ExplicitClassificationExperimentTests {
    /// The bundled sample, solved as `actlab explicit --dataset sample` did before the pipeline moved here.
    @Test func matchesTheStepsItReplaces() throws {
        var solver = ExplicitOptions(scale: .priming(20))
        solver.seed = 3
        let result = try ExplicitClassificationExperiment(dataset: "sample", validationFraction: 0.2, seed: 3,
                                                          solver: solver).run()
        let splits = try DatasetSource.sample.load(validationFraction: 0.2, seed: 3, normalization: .unitRange)
        let solution = try ExplicitSolver.solve(splits.train, options: solver)
        #expect(result.solution.weight == solution.weight && result.solution.bias == solution.bias)
        #expect(result.datasetName == splits.train.name && result.trainCount == 1600)
        let validation = try #require(result.validation)
        #expect(validation == solution.evaluate(splits.validation))
        #expect(result.test == solution.evaluate(splits.test))
        #expect(result.test.accuracy > 0.5)
    }

    @Test func withoutAValidationSplitThereIsNoValidationScore() throws {
        let result = try ExplicitClassificationExperiment(dataset: "sample", validationFraction: 0).run()
        #expect(result.validation == nil && result.trainCount == 2000)
    }
}
