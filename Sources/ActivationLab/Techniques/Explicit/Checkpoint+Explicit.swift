import Foundation

extension Checkpoint {
    /// A checkpoint of an explicit solution, so that a training run can start from it like from any saved
    /// model (`actlab train --load`): the configuration of a one-layer `mlp:F-C` on `dataset` with the
    /// `explicit` initializer and no epochs trained, and the solution as that layer's weight and bias.
    /// - Parameters:
    ///   - dataset: the dataset spec the solution was computed on.
    ///   - seed, validationFraction: recorded in the configuration, so that a run from the checkpoint holds
    ///     out the same validation split the solution was scored on.
    /// - Throws: `ExplicitError` if the solution does not fit the layer (it always does).
    public init(explicit solution: ExplicitResult, dataset: String, seed: UInt64, validationFraction: Double) throws {
        var configuration = TrainingConfiguration()
        configuration.dataset = dataset
        configuration.model = "mlp:\(solution.featureCount)-\(solution.classCount)"
        configuration.initializer = .explicit
        configuration.epochs = 0
        configuration.seed = seed
        configuration.validationFraction = validationFraction
        var rng = SeededGenerator(seed: seed)
        let dense = Dense(inputSize: solution.featureCount, outputSize: solution.classCount, initializer: .zeros, rng: &rng)
        try solution.apply(to: dense)
        self.init(configuration: configuration, parameters: dense.parameters)
    }
}
