import Foundation

/// One option tuned per variant: its key and the range searched, on a log scale where the option's
/// plausible values span orders of magnitude (learning rate, weight decay).
public struct TuningDimension: Sendable, Equatable {
    public let key: String
    public let range: ClosedRange<Double>
    public let logScale: Bool

    public init(key: String, low: Double, high: Double, logScale: Bool) throws {
        try Self.checkTunable(key)
        guard low.isFinite, high.isFinite, low < high, !logScale || low > 0 else {
            throw ConfigurationError.rejected(key: "tune", reason: "'\(key)' needs a range LOW:HIGH with LOW < HIGH" + (logScale ? ", both > 0" : ""))
        }
        self.key = key
        self.range = low...high
        self.logScale = logScale
    }

    /// Throws unless `key` is a numeric option a variant may set.
    static func checkTunable(_ key: String) throws {
        guard let option = TrainingOption.named(key), option.numeric != nil, option.scope == .variant else {
            let numeric = TrainingOption.variantOptions.filter { $0.numeric != nil }.map(\.key)
            throw ConfigurationError.rejected(key: "tune", reason: "'\(key)' is not a numeric variant option; tunable: \(numeric.joined(separator: ", "))")
        }
    }

    /// The value at `u` ∈ [0, 1): log-uniform or uniform over the range.
    public func value(at u: Double) -> Double {
        let (low, high) = (range.lowerBound, range.upperBound)
        return logScale ? exp(log(low) + u * (log(high) - log(low))) : low + u * (high - low)
    }

    /// The default range of a key, or nil if it has none (give one as `key=LOW:HIGH`).
    /// `lr` 1e-3…1 and `weight-decay` 1e-6…1e-2 log-uniform; momentum 0.5…0.99 uniform; `batch-size` 16…512 log.
    public static func standard(_ key: String) throws -> TuningDimension? {
        try checkTunable(key)
        return switch key {
        case "lr": try TuningDimension(key: key, low: 1e-3, high: 1, logScale: true)
        case "weight-decay": try TuningDimension(key: key, low: 1e-6, high: 1e-2, logScale: true)
        case "momentum": try TuningDimension(key: key, low: 0.5, high: 0.99, logScale: false)
        case "batch-size": try TuningDimension(key: key, low: 16, high: 512, logScale: true)
        case "target-scale": try TuningDimension(key: key, low: 0.25, high: 4, logScale: true)
        case "transform-every": try TuningDimension(key: key, low: 5, high: 500, logScale: true)
        default: nil
        }
    }
}
