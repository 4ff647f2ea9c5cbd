/// A number with its 95% interval, as every output (terminal, HTML, Markdown, JSON) shows it.
public struct Estimate: Codable, Sendable, Equatable {
    public var estimate: Double
    @NullEncoded public var ciLow: Double?
    @NullEncoded public var ciHigh: Double?
    /// Two-sided p-value of "no difference", where the estimate is a comparison.
    @NullEncoded public var p: Double?
    /// `p` after Holm's adjustment across the variants of the comparison.
    @NullEncoded public var pHolm: Double?

    public init(estimate: Double, interval: ClosedRange<Double>?, p: Double? = nil, pHolm: Double? = nil) {
        self.estimate = estimate
        ciLow = interval?.lowerBound
        ciHigh = interval?.upperBound
        self.p = p
        self.pHolm = pHolm
    }

    public var interval: ClosedRange<Double>? {
        guard let ciLow, let ciHigh else { return nil }
        return ciLow...ciHigh
    }
}

/// A mean with its interval (test accuracy across seeds).
public struct MeanEstimate: Codable, Sendable, Equatable {
    public var mean: Double
    @NullEncoded public var ciLow: Double?
    @NullEncoded public var ciHigh: Double?

    public init(_ summary: Summary) {
        mean = summary.mean
        ciLow = summary.confidenceInterval?.lowerBound
        ciHigh = summary.confidenceInterval?.upperBound
    }

    public var interval: ClosedRange<Double>? {
        guard let ciLow, let ciHigh else { return nil }
        return ciLow...ciHigh
    }
}
