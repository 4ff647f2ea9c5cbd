import Testing
@testable import ActivationLab

@Suite struct ResidualBlockTests {
    @Test func identityShortcutWithZeroWeightsPassesTheInputThroughSecondActivation() {
        var rng = SeededGenerator(seed: 1)
        let block = ResidualBlock(inputChannels: 2, outputChannels: 2, first: Tanh(), second: ReLU(), rng: &rng)
        #expect(block.projection == nil)
        block.conv2.weight.value.fill(0)  // main path: BN of a constant 0 gives β = 0
        let x = GradientCheck.randomTensor([2, 2, 3, 3])
        let y = block.forward(x, mode: .training)
        #expect(y.scalars == x.scalars.map { max($0, 0) })
    }

    // Convolutions feeding batch norm have weight gradients that are differences of nearly cancelling
    // terms (BN makes the output invariant to each filter's scale), and Float central differences through
    // BN's curvature are off by ~1e-4 absolute there (Richardson extrapolation over steps 3e-2, 1e-2
    // agrees with the analytic value). So gradients below 2e-2 are compared in absolute terms: with the
    // fast kernels' rounding, weight#0[20] of the projection block (analytic −0.0023172 on both kernel
    // sets) differs from its central difference by 1.9e-4 at step 1e-2 and by 5e-4 at step 1e-3, so
    // 1e-2 · 1e-2 was inside the noise; `fastAndReferenceKernelsAgree` checks the kernels tightly.
    static let scale = 2e-2

    /// The analytic gradients of a projection block (its conv2 takes the direct path) with the fast
    /// kernels equal the reference kernels' up to Float rounding.
    @Test func fastAndReferenceKernelsAgree() {
        func gradients(_ choice: KernelChoice) -> [[Float]] {
            choice.run {
                var rng = SeededGenerator(seed: 3)
                let block = ResidualBlock(inputChannels: 2, outputChannels: 3, stride: 2, first: Sigmoid(), second: Tanh(),
                                          rng: &rng)
                let y = block.forward(GradientCheck.randomTensor([2, 2, 5, 5]), mode: .training)
                let dx = block.backward(GradientCheck.randomTensor(y.shape, seed: 9))
                return [y.scalars, dx.scalars] + block.parameters.map(\.gradient.scalars)
            }
        }
        for (fast, reference) in zip(gradients(.fast), gradients(.reference)) {
            #expect(zip(fast, reference).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
    }

    @Test func identityBlockGradients() {
        var rng = SeededGenerator(seed: 2)
        let block = ResidualBlock(inputChannels: 2, outputChannels: 2, first: Tanh(), second: Sigmoid(), rng: &rng)
        let failures = GradientCheck.mismatches(of: block, input: GradientCheck.randomTensor([2, 2, 4, 4]),
                                                scale: Self.scale, coordinatesPerTensor: 16)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func projectionBlockGradients() {
        var rng = SeededGenerator(seed: 3)
        let block = ResidualBlock(inputChannels: 2, outputChannels: 3, stride: 2, first: Sigmoid(), second: Tanh(),
                                  rng: &rng)
        #expect(block.projection != nil)
        let failures = GradientCheck.mismatches(of: block, input: GradientCheck.randomTensor([2, 2, 5, 5]),
                                                scale: Self.scale, coordinatesPerTensor: 16)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func structureAndShapes() throws {
        var rng = SeededGenerator(seed: 4)
        let block = ResidualBlock(inputChannels: 16, outputChannels: 32, stride: 2, first: ReLU(), second: Tanh(),
                                  rng: &rng)
        #expect(try block.outputShape(forInput: [16, 32, 32]) == [32, 16, 16])
        #expect(throws: ModelError.self) { try block.outputShape(forInput: [8, 32, 32]) }
        // conv1, conv2, projection conv have no bias; three BNs have γ and β.
        #expect(block.parameters.map(\.name) == ["weight", "gamma", "beta", "weight", "gamma", "beta",
                                                 "weight", "gamma", "beta"])
        #expect(block.buffers.count == 6)
        #expect(block.children.compactMap { ($0 as? ActivationLayer)?.activation.name } == ["relu", "tanh"])
        let same = ResidualBlock(inputChannels: 8, outputChannels: 8, first: ReLU(), second: ReLU(), rng: &rng)
        #expect(same.projection == nil)
        #expect(try same.outputShape(forInput: [8, 5, 5]) == [8, 5, 5])
    }

    @Test func firstBlockCanSkipTheInputGradient() {
        var rng = SeededGenerator(seed: 5)
        let block = ResidualBlock(inputChannels: 1, outputChannels: 2, first: ReLU(), second: ReLU(), rng: &rng)
        let y = block.forward(GradientCheck.randomTensor([2, 1, 4, 4]), mode: .training)
        #expect(block.backward(y, needsInputGradient: false) == nil)
        #expect(block.conv1.weight.gradient.norm() > 0)
        #expect(block.projection!.conv.weight.gradient.norm() > 0)
    }
}
