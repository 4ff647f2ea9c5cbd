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
                dense.splitsProductsInHalves = true
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

    /// Same inputs and thread count → the same bits, run after run (the split depends only on the sizes).
    @Test func bitIdenticalPerThreadCount() {
        for threads in [1, 2] {
            #expect(Self.run(.fast, threads: threads) == Self.run(.fast, threads: threads))
        }
    }

    /// The CNNs' fully connected layers split their products (their convolutions use our threads too); an
    /// MLP's stay on OpenBLAS's threads, which are faster for it.
    @Test func onlyConvolutionalModelsSplitTheirProducts() throws {
        func denseLayers(_ model: String) throws -> [Dense] {
            var configuration = TrainingConfiguration()
            configuration.model = model
            let session = try TrainingSession(configuration: configuration, sampleShape: [1, 28, 28], classCount: 10)
            return Self.layers(session.model).compactMap { $0 as? Dense }
        }
        for model in ["cnn:lenet", "cnn:resnet"] {
            let layers = try denseLayers(model)
            #expect(!layers.isEmpty && layers.allSatisfy(\.splitsProductsInHalves), "\(model)")
        }
        let mlp = try denseLayers("mlp:784-32-10")
        #expect(mlp.count == 2 && mlp.allSatisfy { !$0.splitsProductsInHalves })
    }

    static func layers(_ layer: any Layer) -> [any Layer] {
        if let sequential = layer as? Sequential { return sequential.layers.flatMap(layers) }
        return [layer]
    }
}
