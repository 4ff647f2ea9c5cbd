/// One run's time to the target, or the time it was last seen without reaching it (right-censored).
///
/// Times are in training steps (or any positive unit, the same for every run of a comparison). A run that
/// diverged, or ran its whole budget below the target, is `censored` at the last step it was observed:
/// the target was not reached by then and may never be. It is never imputed as "budget + 1".
public enum CensoredTime: Sendable, Hashable {
    /// The first evaluation at which the run's validation accuracy was ≥ the target.
    case reached(Double)
    /// The run ended (budget spent, divergence) at this time without reaching the target.
    case censored(Double)

    /// The time of the event or of the censoring.
    public var time: Double {
        switch self {
        case .reached(let time), .censored(let time): time
        }
    }

    public var isReached: Bool {
        if case .reached = self { true } else { false }
    }

    /// The restricted time `min(T, τ)` of restricted-mean-survival analysis: the time to target if it was
    /// reached by τ, τ otherwise.
    ///
    /// A censored run counts as τ whatever its censoring time: it is taken to have run the whole budget τ
    /// or to have diverged (and then it never reaches the target). Why restricted: the time of a run that
    /// does not reach the target within τ is unknown, but its restricted time is exactly τ, so every run
    /// has a known value and nothing is imputed.
    public func restricted(to tau: Double) -> Double {
        switch self {
        case .reached(let time): min(time, tau)
        case .censored: tau
        }
    }
}
