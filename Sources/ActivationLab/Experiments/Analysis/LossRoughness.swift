import Foundation

/// How unsteady a run's training loss is, in one number that does not reward learning slowly: the root
/// mean square of the second differences of the log per-epoch training loss,
/// `√(mean((ℓₑ₊₁ − 2ℓₑ + ℓₑ₋₁)²))` with `ℓ = log L`.
///
/// A steady decline — fast or slow, straight or exponential — has small second differences on the log
/// scale; jumps and oscillation have large ones. (The mean absolute change, used before, was smallest for
/// a curve that barely moved.) Needs three finite, positive epoch losses; a log scale makes it independent
/// of the loss's units, so heads with different losses compare.
public enum LossRoughness {
    public static func of(trainLoss: [Double]) -> Double? {
        let logs = trainLoss.filter { $0.isFinite && $0 > 0 }.map { log($0) }
        guard logs.count == trainLoss.count, logs.count >= 3 else { return nil }
        let squares = (1..<(logs.count - 1)).map { i -> Double in
            let second = logs[i + 1] - 2 * logs[i] + logs[i - 1]
            return second * second
        }
        return (squares.reduce(0, +) / Double(squares.count)).squareRoot()
    }
}
