import Foundation

/// An A/B comparison: a baseline and other variants, each trained with every seed on one dataset and
/// model for a fixed epoch budget, judged against a target validation accuracy.
public struct Comparison: Sendable, Equatable {
    /// The store's name for it; comparisons with the same name must have the same definition.
    public var name: String
    /// Every run starts from this configuration (dataset, model, epochs and shared options) …
    public var base: TrainingConfiguration
    /// … then applies its variant. The baseline is listed first.
    public var variants: [VariantSpec]
    public var seeds: [UInt64]
    /// The fixed target of a comparison without a protocol (`protocolSettings` nil).
    public var targetAccuracy: Double
    /// How the comparison is tuned and judged (`ProtocolRunner`); nil for a plain sweep at the variants'
    /// own settings against `targetAccuracy` (reproductions, stores written before the protocol).
    public var protocolSettings: ProtocolSettings?

    /// - Parameters:
    ///   - name: nil derives a stable name from the definition, so rerunning the same command finds it.
    ///   - variants: variant specs (`tanh+lr=0.1`) applied to `base`; the baseline's is added first if missing.
    public init(name: String?, base: TrainingConfiguration, baseline: String, variants: [String],
                seeds: [UInt64], targetAccuracy: Double, protocolSettings: ProtocolSettings? = nil) throws {
        let specs = [baseline] + variants.filter { $0 != baseline }
        try self.init(name: name, base: base, variants: try specs.map { try VariantSpec($0, base: base) },
                      seeds: seeds, targetAccuracy: targetAccuracy, protocolSettings: protocolSettings)
    }

    /// A comparison of `variants`, the baseline first.
    public init(name: String?, base: TrainingConfiguration, variants: [VariantSpec],
                seeds: [UInt64], targetAccuracy: Double, protocolSettings: ProtocolSettings? = nil) throws {
        guard !variants.isEmpty else { throw ComparisonError.noVariants }
        guard Set(variants.map(\.name)).count == variants.count else { throw ComparisonError.duplicateVariant }
        guard !seeds.isEmpty else { throw ComparisonError.noSeeds }
        guard variants.count <= OptionLimits.runs / seeds.count else {
            throw ComparisonError.tooManyRuns(variants: variants.count, seeds: seeds.count)
        }
        guard targetAccuracy > 0, targetAccuracy <= 1 else { throw ComparisonError.targetAccuracy(targetAccuracy) }
        self.variants = variants
        self.base = base
        self.seeds = seeds
        self.targetAccuracy = targetAccuracy
        self.protocolSettings = protocolSettings
        if let protocolSettings { try protocolSettings.validate(evaluationSeeds: seeds) }
        self.name = name ?? ""
        if name == nil { self.name = defaultName }
    }

    public var baseline: VariantSpec { variants[0] }

    /// `dataset/model: baseline vs a, b (#hash)`, where the hash covers the whole definition.
    var defaultName: String {
        let summary = "\(base.dataset)/\(base.model): \(baseline.name) vs \(variants.dropFirst().map(\.name).joined(separator: ", "))"
        let settings = protocolSettings.map { JSONCoding.string($0) } ?? ""
        return "\(summary) #\(Self.fingerprint(experimentSpec(named: "").configuration + "\(seeds)\(targetAccuracy)\(base.epochs)" + settings))"
    }

    /// The store's record of this comparison.
    public func experimentSpec(named name: String? = nil) -> ExperimentSpec {
        let configuration = (try? JSONCoding.encoder().encode(base)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ExperimentSpec(name: name ?? self.name, dataset: base.dataset, model: base.model, baseline: baseline.name,
                              variants: variants.map(\.name), seeds: seeds, epochs: base.epochs,
                              targetAccuracy: protocolSettings.map { $0.targetAccuracy ?? 0 } ?? targetAccuracy,
                              configuration: configuration)
    }

    /// The full configuration of one cell.
    public func configuration(for cell: Cell) -> TrainingConfiguration? {
        guard var configuration = variants.first(where: { $0.name == cell.variant })?.configuration else { return nil }
        configuration.seed = cell.seed
        return configuration
    }

    /// FNV-1a, printed as 8 hex digits: short and stable across platforms (unlike `Hasher`).
    static func fingerprint(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return String(String(hash, radix: 16).suffix(8))
    }
}
