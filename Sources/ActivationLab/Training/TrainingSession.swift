/// One training run assembled from a configuration: model, head, optimiser and trainer.
///
/// This is what `actlab train` and every cell of `actlab compare` run.
public struct TrainingSession {
    public let configuration: TrainingConfiguration
    public let model: any Layer
    public let head: any Head
    public let trainer: Trainer

    /// Validates the configuration and builds everything for data with this shape.
    /// - Parameter compute: the threads the session's preparation and training may use.
    public init(configuration: TrainingConfiguration, sampleShape: [Int], classCount: Int,
                compute: ComputeContext = .current) throws {
        try configuration.validate()
        self.configuration = configuration
        var rng = SeededGenerator.derived(seed: configuration.seed, stream: 0x1_0DE1)
        model = try ModelBuilder(configuration: configuration).build(sampleShape: sampleShape, classCount: classCount, rng: &rng)
        head = try HeadCatalog.head(named: configuration.head, options: configuration.headOptions)
        let optimizer: any Optimizer
        switch configuration.optimizer {
        case .sgd:
            optimizer = SGD(momentum: Float(configuration.momentum), nesterov: configuration.nesterov,
                            weightDecay: Float(configuration.weightDecay))
        case .adam:
            optimizer = Adam(weightDecay: Float(configuration.weightDecay))
        case .adamw:
            optimizer = Adam(weightDecay: Float(configuration.weightDecay), decoupled: true)
        }
        trainer = Trainer(model: model, head: head, optimizer: optimizer, learningRate: Float(configuration.learningRate),
                          schedule: configuration.schedule,
                          batchSize: configuration.batchSize, patience: configuration.patience,
                          evaluateEvery: configuration.evaluateEvery, compute: compute)
        if configuration.transform.transformsUnits {
            trainer.hooks.append(TransformationHook(schedule: TransformationSchedule(every: configuration.transformEvery),
                                                    seed: configuration.seed))
        }
    }

    /// Trains on `splits.train`, validating on `splits.validation` as it goes, then, if the run finished
    /// and there is a test split, evaluates the trained model on `splits.test` (`TrainingResult.test`):
    /// the final accuracy a comparison reports comes from data that chose nothing.
    public func run(on splits: DataSplits, shouldStop: () -> Bool = { false },
                    onEvent: (TrainingEvent) -> Void = { _ in }) -> TrainingResult {
        var result = trainer.train(train: splits.train, validation: splits.validation, epochs: configuration.epochs,
                                   seed: configuration.seed, shouldStop: shouldStop, onEvent: onEvent)
        if result.status == .finished && splits.test.count > 0 {
            result.test = trainer.compute.run { Evaluation.run(model: model, head: head, on: splits.test) }
        }
        return result
    }
}

extension TrainingSession {
    /// Data-dependent initialisation before training (`--init explicit`).
    /// Transformed networks get their first α, β, γ from the start of the training set.
    public func prepare(with train: Dataset) throws {
        try trainer.compute.run { try prepareInContext(with: train) }
    }

    private func prepareInContext(with train: Dataset) throws {
        if let network = model as? ShortcutNetwork, network.transform.transformsUnits, train.count > 0 {
            network.reestimate(on: train.rows(0..<min(train.count, 1000)))
        }
        guard configuration.initializer == .explicit else { return }
        try ExplicitInitialization.apply(to: model, training: train)
    }
}
