/// Transformed-nonlinearity networks (Raiko et al. 2012; Vatanen et al. 2013).
enum TransformedModel {
    static func build(spec: ModelSpec, configuration: TrainingConfiguration, activation: any Activation,
                      rng: inout SeededGenerator) throws -> any Layer {
        throw ModelError("--transform is not available yet")
    }
}
