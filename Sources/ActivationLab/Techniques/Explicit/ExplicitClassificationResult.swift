/// What an `ExplicitClassificationExperiment` found: the solution and its held-out scores.
public struct ExplicitClassificationResult: Sendable {
    /// The training split's name and size.
    public var datasetName: String
    public var trainCount: Int
    /// The closed-form solution (weights in `Dense` layout, scale, timings).
    public var solution: ExplicitResult
    /// Accuracy and mean cross-entropy on the validation split (nil when none is held out) and the test set.
    public var validation: (accuracy: Double, crossEntropy: Double)?
    public var test: (accuracy: Double, crossEntropy: Double)
    /// Negative training values, which the unit-range scaling turned into amounts (nil: there were none).
    public var signedFeatures: SignedFeatures?

    public init(datasetName: String, trainCount: Int, solution: ExplicitResult,
                validation: (accuracy: Double, crossEntropy: Double)?, test: (accuracy: Double, crossEntropy: Double)) {
        self.datasetName = datasetName
        self.trainCount = trainCount
        self.solution = solution
        self.validation = validation
        self.test = test
    }
}
