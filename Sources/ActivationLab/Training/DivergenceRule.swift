import Foundation

/// When a run counts as diverged: the one rule `Trainer` applies to every training step's loss and every
/// validation evaluation (documented in `docs/protocol.md`, "Divergence").
///
/// A loss diverges when it is non-finite (NaN or ±∞), or when it blows up: it exceeds
/// `growthFactor` (100) times the run's **reference loss**, which is the larger of
/// - the loss of the run's first training step (computed before any update, so it is the starting value
///   whatever the head's loss scale), and
/// - ln(classes), the cross-entropy of a uniform guess, so that a head whose starting loss happens to be
///   tiny does not make ordinary noise look like a blow-up.
///
/// Why 100×: a healthy run's loss falls from its start; a spike of two orders of magnitude over the
/// starting value is never recovered from in practice (`--lr 1000` on an MLP reaches 1e20 within a few
/// steps), and no pinned run (`BehaviourPinTests`) comes within 10× of the limit. A blown-up run ends like
/// a non-finite one: status `diverged` (exit status 3 for `actlab train`), a diverged tuning trial scores 0.
public struct DivergenceRule: Sendable, Equatable {
    /// How many times the reference loss a loss may reach before the run counts as diverged.
    public static let growthFactor = 100.0

    /// The starting value the limit is relative to (see the type's documentation).
    public let referenceLoss: Double

    /// The rule for a run whose first training step had loss `firstLoss`, on `classCount` classes.
    public init(firstLoss: Double, classCount: Int) {
        let uniformGuess = log(Double(max(classCount, 2)))
        referenceLoss = firstLoss.isFinite ? max(abs(firstLoss), uniformGuess) : uniformGuess
    }

    /// The largest loss that does not count as a blow-up.
    public var limit: Double { Self.growthFactor * referenceLoss }

    /// Why `loss` means divergence, or nil if it does not: `value` ends "the training loss …" ("became NaN",
    /// "reached 3.1e+27") and `detail` follows the loss's position (", over 100× its starting value 2.3").
    public func violation(_ loss: Double) -> (value: String, detail: String)? {
        if !loss.isFinite { return ("became \(Trainer.text(loss))", "") }
        guard loss > limit else { return nil }
        return (String(format: "reached %.3g", loss),
                String(format: ", over %g× its starting value %.3g", Self.growthFactor, referenceLoss))
    }
}
