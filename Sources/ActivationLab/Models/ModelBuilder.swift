/// Builds a network from a `TrainingConfiguration`: the model spec, the hidden activation and the techniques
/// that change hidden layers (adversarial alternation, HD-FGD gated layers, transformed nonlinearities).
public struct ModelBuilder {
    public let configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) { self.configuration = configuration }

    /// The network for data of the given sample shape and class count.
    public func build(sampleShape: [Int], classCount: Int, rng: inout SeededGenerator) throws -> any Layer {
        // Resolved first, so every builder below (GatedWidth, TransformedModel) sees concrete widths.
        let spec = try configuration.resolvedModel(sampleShape: sampleShape, classCount: classCount)
        let activation = try ActivationCatalog.activation(named: configuration.activation)
        try configuration.validate()
        let initializer = configuration.initializer.initializer(for: activation)
        let schedule = configuration.adversarial
            ? AlternationSchedule(base: activation, reading: configuration.adversarialReading) : nil
        if configuration.transform != .none {
            return try TransformedModel.build(spec: spec, configuration: configuration, rng: &rng)
        }
        let model: any Layer
        switch spec {
        case let .mlp(widths):
            model = try buildMLP(widths: widths, activation: activation, schedule: schedule, initializer: initializer, rng: &rng)
        case .lenet:
            model = try CNNModels.lenet(sampleShape: sampleShape, classCount: classCount, activation: activation,
                                        schedule: schedule,
                                        gate: configuration.hdfgd ? try ActivationGate(decomposing: activation) : nil,
                                        initializer: initializer, rng: &rng)
        case .resnet:
            model = try CNNModels.resnet(sampleShape: sampleShape, classCount: classCount, activation: activation,
                                         schedule: schedule, initializer: initializer, rng: &rng)
        case .autoMLP:
            preconditionFailure("resolvedModel() leaves no auto widths")
        }
        _ = try model.outputShape(forInput: sampleShape)
        return model
    }

    private func buildMLP(widths baseline: [Int], activation: any Activation, schedule: AlternationSchedule?, initializer: Initializer,
                          rng: inout SeededGenerator) throws -> any Layer {
        let gate = configuration.hdfgd ? try ActivationGate(decomposing: activation) : nil
        let widths = configuration.matchParameters
            ? [baseline[0]] + GatedWidth.matchedHiddenWidths(baseline: baseline) + [baseline[baseline.count - 1]]
            : baseline
        var layers: [any Layer] = []
        for index in 0..<(widths.count - 1) {
            let (input, output) = (widths[index], widths[index + 1])
            let isHidden = index < widths.count - 2
            if isHidden, let gate {
                layers.append(GatedDense(inputSize: input, outputSize: output, gate: gate,
                                         adversarial: schedule?.usesPartner(layer: index) ?? false,
                                         initializer: initializer, rng: &rng))
                continue
            }
            layers.append(Dense(inputSize: input, outputSize: output, initializer: initializer, rng: &rng))
            if isHidden { layers.append(ActivationLayer(schedule?.activation(layer: index) ?? activation)) }
        }
        return Sequential(layers)
    }
}
