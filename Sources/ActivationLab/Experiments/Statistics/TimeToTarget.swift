/// When one run first reached the target validation accuracy, or that it never did (censored).
public enum TimeToTarget: Sendable, Equatable {
    /// First epoch (1-based) with validation accuracy ≥ target, and the elapsed seconds at its end.
    case reached(epoch: Int, seconds: Double)
    /// The run ended (budget spent, early stop or divergence) after `epochsRun` epochs below the target.
    case notReached(epochsRun: Int)

    /// Scans `curve` for the first epoch whose validation accuracy is ≥ `target`.
    public init(_ curve: RunCurve, target: Double) {
        if let index = curve.validationAccuracy.firstIndex(where: { $0 >= target }) {
            self = .reached(epoch: index + 1, seconds: curve.elapsedSeconds[index])
        } else {
            self = .notReached(epochsRun: curve.validationAccuracy.count)
        }
    }

    public var epoch: Int? { if case .reached(let epoch, _) = self { epoch } else { nil } }
    public var seconds: Double? { if case .reached(_, let seconds) = self { seconds } else { nil } }
}
