/// Options of the minibatch training loop of a `SparseSoftmaxModel`.
public struct SparseTrainingOptions: Sendable {
    /// `.sgd` (plain SGD, no momentum) or `.adam` (the lazy "sparse Adam" of PyTorch's `SparseAdam`:
    /// moments and weights of a feature row change only on steps whose batch contains that feature).
    public var optimizer: OptimizerKind = .adam
    public var learningRate: Double = 1e-3
    public var batchSize = 128
    public var epochs = 5
    /// Seeds the shuffle of the samples each epoch.
    public var seed: UInt64 = 1

    public init(optimizer: OptimizerKind = .adam, learningRate: Double = 1e-3, batchSize: Int = 128,
                epochs: Int = 5, seed: UInt64 = 1) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.epochs = epochs
        self.seed = seed
    }
}
