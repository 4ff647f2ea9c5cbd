/// A number with its 95% interval, as every output (terminal, HTML, Markdown, JSON) shows it.
public struct Estimate: Codable, Sendable, Equatable {
    public var estimate: Double
    public var ciLow: Double?
    public var ciHigh: Double?
    /// Two-sided p-value of "no difference", where the estimate is a comparison.
    public var p: Double?
    /// `p` after Holm's adjustment across the variants of the comparison.
    public var pHolm: Double?

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

    enum CodingKeys: String, CodingKey {
        case estimate, p
        case ciLow = "ci_low", ciHigh = "ci_high", pHolm = "p_holm"
    }

    /// Encodes nil fields as JSON null, so every key of the summary format is always present.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(estimate, forKey: .estimate)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(p, forKey: .p)
        try container.encode(pHolm, forKey: .pHolm)
    }
}

/// A mean with its interval (test accuracy across seeds).
public struct MeanEstimate: Codable, Sendable, Equatable {
    public var mean: Double
    public var ciLow: Double?
    public var ciHigh: Double?

    public init(_ summary: Summary) {
        mean = summary.mean
        ciLow = summary.confidenceInterval?.lowerBound
        ciHigh = summary.confidenceInterval?.upperBound
    }

    enum CodingKeys: String, CodingKey {
        case mean
        case ciLow = "ci_low", ciHigh = "ci_high"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mean, forKey: .mean)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
    }
}
