/// Builds a network from a `TrainingConfiguration`: the model spec, the hidden activation and the techniques
/// that change hidden layers.
public struct ModelBuilder {
    public let configuration: TrainingConfiguration

    public init(configuration: TrainingConfiguration) { self.configuration = configuration }

    /// The network for data of the given sample shape and class count.
    public func build(sampleShape: [Int], classCount: Int, rng: inout SeededGenerator) throws -> any Layer {
        let spec = try ModelSpec.parse(configuration.model)
        try spec.validate(sampleShape: sampleShape, classCount: classCount)
        let activation = try ActivationCatalog.activation(named: configuration.activation)
        let initializer = try resolvedInitializer(for: activation)
        switch spec {
        case let .mlp(widths):
            return buildMLP(widths: widths, activation: activation, initializer: initializer, rng: &rng)
        case .lenet, .resnet:
            throw ModelError("--model \(spec) is not available yet")
        }
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

    private func buildMLP(widths: [Int], activation: any Activation, initializer: Initializer,
                          rng: inout SeededGenerator) -> any Layer {
        var layers: [any Layer] = []
        for index in 0..<(widths.count - 1) {
            layers.append(Dense(inputSize: widths[index], outputSize: widths[index + 1],
                                initializer: initializer, rng: &rng))
            if index < widths.count - 2 { layers.append(ActivationLayer(activation)) }
        }
        return Sequential(layers)
    }
}
