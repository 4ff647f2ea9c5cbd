/// One tuning trial of a variant, for its tuning curve: the tried values and what they gave.
public struct TuningTrialSummary: Codable, Sendable, Equatable {
    /// Option key → value tried.
    public var values: [String: Double]
    /// Final validation accuracy of the trial; nil when it diverged or failed.
    @NullEncoded public var validationAccuracy: Double?
    public var diverged: Bool
}
