import Foundation

/// What the protocol has decided so far, stored as the experiment's `protocol` JSON so every process of a
/// sharded or resumed comparison uses the same target, tuned values and step costs.
public struct ProtocolRecord: Codable, Sendable, Equatable {
    public var settings: ProtocolSettings
    /// The target time-to-target uses, once fixed (from the settings or from the pilot).
    public var targetAccuracy: Double?
    /// How the target was set, in words: "fixed", "pilot on seed 2000001: 99% of its best 0.8912".
    public var targetSource: String?
    /// Variant name → option key → tuned value (empty when nothing is tuned).
    public var tunedValues: [String: [String: Double]] = [:]
    /// Variant name → median seconds per training step in the interleaved benchmark.
    public var stepSeconds: [String: Double] = [:]
    /// How `stepSeconds` was measured, in words.
    public var stepCostMethod: String?

    public init(settings: ProtocolSettings) { self.settings = settings }

    /// Decodes the stored JSON; an empty object (stores written before the protocol) is nil.
    public static func decode(_ json: String) throws -> ProtocolRecord? {
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed != "{}", !trimmed.isEmpty else { return nil }
        return try JSONCoding.decode(ProtocolRecord.self, trimmed)
    }

    public var json: String { JSONCoding.string(self) }

    /// `record` (or an empty one, for stores without a protocol) judged against `target` instead: for
    /// looking at a comparison with another target after the fact. It says so, as the new target was not
    /// fixed before the runs.
    public static func overriding(_ record: ProtocolRecord?, target: Double) -> ProtocolRecord {
        var result = record ?? ProtocolRecord(settings: ProtocolSettings())
        let original = record?.targetAccuracy.map { String(format: "%.1f%%", $0 * 100) }
        result.targetSource = "chosen after the runs, not pre-registered" + (original.map { "; the comparison ran against \($0)" } ?? "")
        result.targetAccuracy = target
        return result
    }
}
