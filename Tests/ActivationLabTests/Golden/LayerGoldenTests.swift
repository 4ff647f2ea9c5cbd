import Foundation
import Testing
@testable import ActivationLab

/// conv2d + bias → relu → max_pool2d, forward and backward, against PyTorch (float64) values written by
/// `scripts/golden_values.py` into `golden.json` ("layers"): four stride-1 chains (one input channel, six with
/// padding, LeNet's second layer, a 16-channel 3×3 layer), each run with the fast (direct) and reference
/// (im2col + GEMM) kernels.
@Suite("Layer golden values from PyTorch")
struct LayerGoldenTests {
    struct Chain: Decodable {
        struct Values: Decodable {
            let shape: [Int]
            let values: [Double]
            var tensor: Tensor { Tensor(shape: shape, scalars: values.map(Float.init)) }
        }

        let name: String
        let padding: Int
        let input: Values
        let weight: Values
        let bias: [Double]
        let outputGradient: Values
        let output: [Double]
        let inputGradient: [Double]
        let weightGradient: [Double]
        let biasGradient: [Double]
    }

    struct File: Decodable { let layers: [Chain] }

    static func chains() throws -> [Chain] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden.json")
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).layers
    }

    static func expectClose(_ ours: [Float], _ torch: [Double], _ what: String) {
        #expect(ours.count == torch.count, "\(what): \(ours.count) values, torch \(torch.count)")
        let worst = zip(ours, torch).map { abs(Double($0) - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst < 1e-5, "\(what): largest relative difference \(worst)")
    }

    @Test(arguments: KernelChoice.allCases)
    func convolutionReLUMaxPool(kernels: KernelChoice) throws {
        let chains = try Self.chains()
        #expect(chains.map(\.name) == ["conv-relu-maxpool-direct", "conv-relu-maxpool-gemm", "conv-relu-maxpool-lenet2",
                                       "conv-relu-maxpool-wide"])
        var layouts: [DirectConvolution.Layout] = []
        for chain in chains {
            let shape = chain.weight.shape
            var rng = SeededGenerator(seed: 1)
            let conv = Conv2D(inputChannels: shape[1], outputChannels: shape[0], kernelSize: (shape[2], shape[3]),
                              padding: chain.padding, rng: &rng)
            conv.weight.value = chain.weight.tensor
            conv.bias!.value = Tensor(shape: [shape[0]], scalars: chain.bias.map(Float.init))
            let network = Sequential([conv, ActivationLayer(ReLU()), MaxPool2D(kernelSize: 2)])
            let x = chain.input.tensor
            let geometry = ConvolutionGeometry(channels: shape[1], height: x.shape[2], width: x.shape[3],
                                               kernelHeight: shape[2], kernelWidth: shape[3], stride: 1,
                                               padding: chain.padding)
            // Both chains are stride 1, so the fast kernels take the direct path for both (the second with
            // several channels and padding); the reference kernels run them through im2col + GEMM.
            #expect(DirectConvolution.handles(geometry))
            let direct = DirectConvolution(geometry: geometry, outputChannels: shape[0])
            layouts += [direct.layout, direct.transposed.layout]
            let (y, dx) = kernels.run {
                let y = network.forward(x, mode: .training)
                return (y, network.backward(chain.outputGradient.tensor))
            }
            Self.expectClose(y.scalars, chain.output, "\(chain.name) output")
            Self.expectClose(dx.scalars, chain.inputGradient, "\(chain.name) ∂x")
            Self.expectClose(conv.weight.gradient.scalars, chain.weightGradient, "\(chain.name) ∂W")
            Self.expectClose(conv.bias!.gradient.scalars, chain.biasGradient, "\(chain.name) ∂b")
        }
        // The chains reach both register blockings of the direct path (forward or ∂x).
        #expect(layouts.contains(.blocked) && layouts.contains(.channelLanes))
    }
}
