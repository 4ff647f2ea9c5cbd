import Testing
@testable import ActivationLab

/// `Dense`'s products split in halves (`BLAS.gemmInHalves`: the forward product by output columns, ∂W by
/// rows of W, ∂X by samples) against OpenBLAS's own threads.
@Suite struct DenseHalvesTests {
    static func run(_ choice: KernelChoice, threads: Int) -> [[Float]] {
        // Odd batch and width: halves of 63 and 64 samples, 64 and 65 output columns.
        let x = GradientCheck.randomTensor([127, 300], seed: 71)
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

    /// Halves on two threads, one product on one thread, and OpenBLAS's threads agree up to rounding.
    @Test func agreesWithOneProductPerPass() {
        let whole = Self.run(.reference, threads: 2)
        for ours in [Self.run(.fast, threads: 2), Self.run(.fast, threads: 1)] {
            for (a, b) in zip(ours, whole) {
                #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
            }
        }
    }

    /// Same inputs → the same bits, run after run, and, for products this large, on one thread as on two:
    /// each half is the single-threaded product of its rows or columns. (Near `BLAS.splitFrom` a half can
    /// take another of OpenBLAS's small-matrix kernels than the whole product, which rounds differently.)
    @Test func bitIdenticalRunAfterRunAndOnOneOrTwoThreads() {
        for threads in [1, 2] {
            #expect(Self.run(.fast, threads: threads) == Self.run(.fast, threads: threads))
        }
        #expect(Self.run(.fast, threads: 1) == Self.run(.fast, threads: 2))
    }

    /// Every model's fully connected layers split their products, so a step runs on our two threads only.
    @Test func everyModelSplitsItsProducts() throws {
        func denseLayers(_ model: String) throws -> [Dense] {
            var configuration = TrainingConfiguration()
            configuration.model = model
            let session = try TrainingSession(configuration: configuration, sampleShape: [1, 28, 28], classCount: 10)
            return Self.layers(session.model).compactMap { $0 as? Dense }
        }
        for model in ["cnn:lenet", "cnn:resnet", "mlp:784-32-10"] {
            let layers = try denseLayers(model)
            #expect(!layers.isEmpty && layers.allSatisfy(\.splitsProductsInHalves), "\(model)")
        }
    }

    static func layers(_ layer: any Layer) -> [any Layer] {
        if let sequential = layer as? Sequential { return sequential.layers.flatMap(layers) }
        return [layer]
    }
}
