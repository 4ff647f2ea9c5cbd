/// `Conv2D`'s direct path (`DirectConvolution`): stride 1.
extension Conv2D {
    /// Forward through `DirectConvolution`: pad each image into `columns`, then the register-blocked kernel
    /// writes NCHW with the bias added; the halves of the batch run on their own cores.
    func directForward(_ input: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
        let direct = DirectConvolution(geometry: g, outputChannels: outputChannels)
        let n = input.shape[0]
        let padded = columns.reserve(n * direct.paddedImageSize)
        let packed = directWeights.reserve(direct.packedWeightCount)
        weight.value.withUnsafeBufferPointer { direct.packWeights($0.baseAddress!, into: packed) }
        return Tensor.uninitialized(shape: [n, outputChannels, g.outputHeight, g.outputWidth]) { out in
            input.withUnsafeBufferPointer { x in
                let bias = bias?.value.scalars ?? []
                bias.withUnsafeBufferPointer { b in
                    BatchHalves.run(n) { images in
                        direct.pad(x.baseAddress!, images: images, into: padded)
                        direct.forward(padded: padded, weights: packed, bias: b.isEmpty ? nil : b.baseAddress!,
                                       images: images, into: out.baseAddress!)
                    }
                }
            }
        }
    }

    /// Backward through `DirectConvolution`: each half adds its ∂W and ∂b to its own `partials`; when asked,
    /// it also pads ∂Y for the transposed convolution and runs it forward into its images' ∂X.
    func directBackward(_ outputGradient: Tensor, geometry g: ConvolutionGeometry,
                        partials: UnsafeMutablePointer<Float>, needsInputGradient: Bool) -> Tensor? {
        let direct = DirectConvolution(geometry: g, outputChannels: outputChannels)
        let transposed = direct.transposed
        let n = batch
        let partSize = outputChannels * direct.taps + outputChannels
        let padded = UnsafePointer(columns.reserve(n * direct.paddedImageSize))
        // Scratch: each half's weight-gradient scratch, then (for ∂X) the flipped weights and the padded ∂Y.
        let halfScratch = direct.weightScratchCount
        let inputCount = needsInputGradient ? transposed.packedWeightCount + n * transposed.paddedImageSize : 0
        let scratch = directScratch.reserve(2 * halfScratch + inputCount)
        let flipped = scratch + 2 * halfScratch
        let dyForInput = flipped + transposed.packedWeightCount
        if needsInputGradient {
            weight.value.withUnsafeBufferPointer { transposed.packWeights($0.baseAddress!, into: flipped) }
        }
        func pass(_ dx: UnsafeMutablePointer<Float>?) {
            outputGradient.withUnsafeBufferPointer { dy in
                BatchHalves.run(n) { images, half in
                    let dw = partials + half * partSize
                    dw.initialize(repeating: 0, count: partSize)
                    direct.weightGradient(padded: padded, gradient: dy.baseAddress!, images: images,
                                          scratch: scratch + half * halfScratch, dw: dw,
                                          db: dw + outputChannels * direct.taps)
                    guard let dx else { return }
                    transposed.pad(dy.baseAddress!, images: images, into: dyForInput)
                    transposed.forward(padded: dyForInput, weights: flipped, bias: nil, images: images, into: dx)
                }
            }
        }
        guard needsInputGradient else {
            pass(nil)
            return nil
        }
        return Tensor.uninitialized(shape: [n, inputChannels, g.height, g.width]) { dx in pass(dx.baseAddress!) }
    }
}
