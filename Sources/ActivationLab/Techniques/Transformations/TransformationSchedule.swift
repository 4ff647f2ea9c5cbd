/// When and on what a trainer re-estimates the transformations of a `ShortcutNetwork`:
/// every `every` steps, on the current minibatch, optionally with Gaussian input noise.
///
/// The authors re-estimated every iteration early in training and once per epoch later, on the
/// minibatch or the training set with input noise σ = 0.3 (`ltmlp_train2.m`). A fixed interval on
/// the current minibatch is our simplification (interpretation).
public struct TransformationSchedule: Sendable, Equatable, Codable {
    /// Re-estimate before steps 0, N, 2N, …; 0 means never.
    public var every: Int
    /// The standard deviation of Gaussian noise added to the re-estimation batch (0: none).
    public var inputNoise: Float

    public init(every: Int = 1, inputNoise: Float = 0) {
        self.every = every
        self.inputNoise = inputNoise
    }

    /// Whether to re-estimate before the given 0-based training step.
    public func shouldReestimate(step: Int) -> Bool {
        every > 0 && step % every == 0
    }

    /// The batch to re-estimate on: `inputs`, plus N(0, σ²) noise when `inputNoise > 0`.
    public func reestimationBatch(from inputs: Tensor, using rng: inout SeededGenerator) -> Tensor {
        guard inputNoise > 0 else { return inputs }
        var noisy = inputs
        let sigma = inputNoise
        noisy.withUnsafeMutableBufferPointer { x in
            for i in 0..<x.count { x[i] += sigma * rng.normal() }
        }
        return noisy
    }

    /// Re-estimates `network` on `batch` if this step is due; returns the diagnostics when it did.
    @discardableResult
    public func apply(to network: ShortcutNetwork, step: Int, batch: Tensor,
                      using rng: inout SeededGenerator) -> [TransformationDiagnostics]? {
        guard shouldReestimate(step: step) else { return nil }
        return network.reestimate(on: reestimationBatch(from: batch, using: &rng))
    }
}
