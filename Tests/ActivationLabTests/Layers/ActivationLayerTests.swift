import Testing
@testable import ActivationLab

/// Large activation layers run on both cores, in chunks: the values must be those of one pass over the whole
/// tensor, and the diagnostics' gradient norm (summed per chunk) that of the whole ∂X.
struct ActivationLayerTests {
    /// 130 × 211 = 27 430 elements (above the two-core threshold, not a multiple of the 4096-element chunks).
    @Test(arguments: ActivationCatalog.entries.map(\.name))
    func chunksGiveTheWholeTensorsValues(name: String) throws {
        let activation = try ActivationCatalog.activation(named: name)
        var rng = SeededGenerator(seed: 3)
        let shape = [130, 211]
        let x = Tensor(shape: shape, scalars: (0..<27_430).map { _ in Float.random(in: -6...6, using: &rng) })
        let dy = Tensor(shape: shape, scalars: (0..<27_430).map { _ in Float.random(in: -1...1, using: &rng) })
        let (y, dx) = activation.kernels(x: x.scalars, outputGradient: dy.scalars)
        let norm = Tensor(shape: shape, scalars: dx).norm()
        var gradientNorms: [Double] = []
        for threads in [1, 2] {
            let layer = ActivationLayer(activation)
            let (output, inputGradient) = ComputeContext(threads: threads).run {
                (layer.forward(x, mode: .training), layer.backward(dy, needsInputGradient: true)!)
            }
            #expect(output.scalars.map(\.bitPattern) == y.map(\.bitPattern), "\(name), threads \(threads)")
            #expect(inputGradient.scalars.map(\.bitPattern) == dx.map(\.bitPattern), "\(name), threads \(threads)")
            let reported = try #require(layer.diagnostics(namePrefix: "").first).gradientNorm
            #expect(abs(reported - norm) <= 1e-5 * norm, "\(name): diagnostic norm \(reported) vs \(norm)")
            gradientNorms.append(reported)
        }
        #expect(gradientNorms[0] == gradientNorms[1], "\(name): the diagnostic norm depends on the thread count")
    }
}
