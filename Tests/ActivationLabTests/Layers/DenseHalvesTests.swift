import Testing
@testable import ActivationLab

/// `Dense`'s products split in row halves (`BLAS.gemmInHalves`) against OpenBLAS's own threads.
@Suite struct DenseHalvesTests {
    static func run(_ choice: KernelChoice, threads: Int) -> [[Float]] {
        let x = GradientCheck.randomTensor([127, 300], seed: 71)  // odd batch: halves of 63 and 64 rows
        return choice.run {
            ComputeContext(threads: threads).run {
                var rng = SeededGenerator(seed: 72)
                let dense = Dense(inputSize: 300, outputSize: 129, rng: &rng)
                let y = dense.forward(x, mode: .training)
                let dx = dense.backward(GradientCheck.randomTensor(y.shape, seed: 73))
                return [y.scalars, dx.scalars, dense.weight.gradient.scalars, dense.bias.gradient.scalars]
            }
        }
    }

    @Test func agreesWithOneProductPerPass() {
        let (halves, whole) = (Self.run(.fast, threads: 2), Self.run(.reference, threads: 2))
        for (a, b) in zip(halves, whole) {
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        }
    }

    @Test func bitIdenticalAcrossThreadCounts() {
        #expect(Self.run(.fast, threads: 1) == Self.run(.fast, threads: 2))
    }
}
