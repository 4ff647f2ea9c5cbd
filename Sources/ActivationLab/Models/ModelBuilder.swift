/// Builds a network from a `TrainingConfiguration`: the model spec, the hidden activation and the techniques
/// that change hidden layers (adversarial alternation, HD-FGD gated layers, transformed nonlinearities).
public struct ModelBuilder {
    public let configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) { self.configuration = configuration }

    /// The network for data of the given sample shape and class count.
    public func build(sampleShape: [Int], classCount: Int, rng: inout SeededGenerator) throws -> any Layer {
        let spec = try ModelSpec.parse(configuration.model)
        try spec.validate(sampleShape: sampleShape, classCount: classCount)
        let activation = try ActivationCatalog.activation(named: configuration.activation)
        let initializer = try resolvedInitializer(for: activation)
        let schedule = try activationSchedule(base: activation)
        if configuration.transform != "none" {
            return try TransformedModel.build(spec: spec, configuration: configuration, activation: activation, rng: &rng)
        }
        if configuration.matchParameters && !configuration.hdfgd {
            throw ModelError("--match-parameters only applies with --hdfgd")
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
            if configuration.hdfgd { throw ModelError("--hdfgd replaces dense hidden layers; cnn:resnet has none (use an mlp or cnn:lenet)") }
            model = try CNNModels.resnet(sampleShape: sampleShape, classCount: classCount, activation: activation,
                                         schedule: schedule, initializer: initializer, rng: &rng)
        }
        _ = try model.outputShape(forInput: sampleShape)
        return model
    }

    /// The activation of each hidden site: f everywhere, or f and its adversarial partner alternating.
    func activationSchedule(base: any Activation) throws -> AlternationSchedule? {
        guard configuration.adversarial else { return nil }
        guard let reading = AdversarialReading(rawValue: configuration.adversarialReading) else {
            throw ModelError("--adversarial-reading must be flip or reflect, got '\(configuration.adversarialReading)'")
        }
        return AlternationSchedule(base: base, reading: reading)
    }

    /// The initialiser named by the configuration; `auto` picks He for ReLU-like activations and Glorot otherwise.
    func resolvedInitializer(for activation: any Activation) throws -> Initializer {
        switch configuration.initializer {
        case "auto", "explicit":
            let reluLike = ["relu", "leaky-relu", "very-leaky-relu", "elu", "gelu", "silu"]
                .contains { activation.name.hasPrefix($0) }
            return reluLike ? .he : .glorotUniform
        default:
            guard let initializer = Initializer(rawValue: configuration.initializer) else {
                throw ModelError("--init '\(configuration.initializer)' is unknown; use auto, explicit, \(Initializer.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return initializer
        }
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
