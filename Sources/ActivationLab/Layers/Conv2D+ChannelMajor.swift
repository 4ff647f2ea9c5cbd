/// `Conv2D`'s GEMM path with a channel-major patch matrix (`ConvolutionGeometry.im2colChannelMajor`), one
/// chunk of images at a time; `Conv2D.forward`/`backward` call these for kernels up to 3 wide.
extension Conv2D {
    /// One chunk of the forward pass with a channel-major patch matrix: `Y[OC, positions] = W · X̂`, then
    /// each image's rows copied out to NCHW with the bias added (no transposition).
    static func forwardChannelMajor(_ g: ConvolutionGeometry, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                                            bias: UnsafePointer<Float>, images part: Range<Int>,
                                            cols: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>,
                                            out: UnsafeMutablePointer<Float>, outputChannels oc: Int) {
        let (area, patch) = (g.outputArea, g.patchSize)
        let (first, width) = (part.lowerBound * area, part.count * area)
        let (patches, product) = (cols + first * patch, y + first * oc)
        g.im2colChannelMajor(x, images: part, into: patches)
        BLAS.gemm(m: oc, n: width, k: patch, a: w, b: patches, c: product)
        for (index, image) in part.enumerated() {
            for o in 0..<oc {
                let (src, dst, shift) = (product + o * width + index * area, out + (image * oc + o) * area, bias[o])
                for j in 0..<area { dst[j] = src[j] + shift }
            }
        }
    }

    /// One chunk of the backward pass with a channel-major patch matrix: ∂Y gathered to `[OC, positions]`
    /// (rows copied, no transposition), `∂W += ∂Y · X̂ᵀ`, and `∂X̂ = Wᵀ · ∂Y` folded back by col2im.
    static func backwardChannelMajor(_ g: ConvolutionGeometry, dy: UnsafePointer<Float>, w: UnsafePointer<Float>,
                                             images part: Range<Int>, cols: UnsafeMutablePointer<Float>,
                                             dyRows: UnsafeMutablePointer<Float>, dw: UnsafeMutablePointer<Float>,
                                             db: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?,
                                             outputChannels oc: Int) {
        let (area, patch) = (g.outputArea, g.patchSize)
        let (first, width) = (part.lowerBound * area, part.count * area)
        let (patches, gradient) = (cols + first * patch, dyRows + first * oc)
        for (index, image) in part.enumerated() {
            for o in 0..<oc {
                let src = dy + (image * oc + o) * area
                (gradient + o * width + index * area).update(from: src, count: area)
                db[o] += sum(src, count: area)
            }
        }
        BLAS.gemm(transposeB: true, m: oc, n: patch, k: width, a: gradient, b: patches, beta: 1, c: dw)
        guard let dx else { return }
        BLAS.gemm(transposeA: true, m: patch, n: width, k: oc, a: w, b: gradient, c: patches)
        g.col2imChannelMajor(patches, images: part, into: dx)
    }
}
