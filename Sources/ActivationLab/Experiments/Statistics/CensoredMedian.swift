/// A median that may be "not reached": censored runs count as +∞ (they never reached the target).
public enum CensoredMedian: Sendable, Equatable {
    case value(Double)
    /// At least half of the runs never reached the target, so the median is beyond the budget.
    case notReached
}
