extension Comparison {
    /// The comparison a stored experiment was started with, rebuilt from its definition (base configuration,
    /// variant specs, seeds) and its protocol settings, so it can be resumed without repeating its flags.
    public init(stored experiment: Experiment, protocol record: ProtocolRecord?) throws {
        let spec = experiment.spec
        guard let base = try JSONCoding.configuration(spec.configuration) else {
            throw StoreError("experiment '\(spec.name)' has no stored base configuration to resume from")
        }
        let variants = try spec.variants.map { try VariantSpec($0, base: base) }
        try self.init(name: spec.name, base: base, variants: variants, seeds: spec.seeds,
                      targetAccuracy: record?.settings.targetAccuracy ?? (spec.targetAccuracy > 0 ? spec.targetAccuracy : 1),
                      protocolSettings: record?.settings)
    }
}
