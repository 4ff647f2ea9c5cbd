/// The explicit solution on a classification dataset, as `actlab explicit` runs it: load the data scaled to
/// [0, 1], solve on the training split, and score the solution on the validation and test splits.
public struct ExplicitClassificationExperiment: Sendable {
    /// A dataset spec (`DatasetSource`), e.g. `fashion-mnist` or `idx:DIR`.
    public var dataset: String
    /// The share of the training file held out for validation, and the seed of that split.
    public var validationFraction: Double
    public var seed: UInt64
    /// How the weights are read off the co-occurrences and how the scale is chosen.
    public var solver: ExplicitOptions

    public init(dataset: String, validationFraction: Double = 0.1, seed: UInt64 = 1,
                solver: ExplicitOptions = ExplicitOptions()) {
        self.dataset = dataset
        self.validationFraction = validationFraction
        self.seed = seed
        self.solver = solver
    }

    /// Loads, solves and evaluates.
    /// - Throws: `DataError` if the data cannot be loaded or split, `ExplicitError` if it cannot be solved.
    public func run() throws -> ExplicitClassificationResult {
        // Unit-range scaling keeps features non-negative, which the explicit solution needs; signed data is
        // noted before the scaling hides it.
        let raw = try DatasetSource(spec: dataset).load(validationFraction: validationFraction, seed: seed,
                                                        normalization: Normalization.none)
        let signed = SignedFeatures(raw.train)
        let splits = raw.normalized(.unitRange)
        let solution = try ExplicitSolver.solve(splits.train, options: solver)
        var result = ExplicitClassificationResult(
            datasetName: splits.train.name, trainCount: splits.train.count, solution: solution,
            validation: splits.validation.count > 0 ? solution.evaluate(splits.validation) : nil,
            test: solution.evaluate(splits.test))
        result.signedFeatures = signed
        return result
    }
}
