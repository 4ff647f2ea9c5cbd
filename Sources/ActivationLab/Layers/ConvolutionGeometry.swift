/// The sizes of a 2-D convolution or pooling window over NCHW images, and the im2col / col2im
/// rearrangements that turn a convolution of a whole minibatch into one matrix product.
///
/// The patch matrix has one row per output position — (image, output row, output column),
/// `N·OH·OW` rows — and one column per (channel, kernel row, kernel column), `C·KH·KW` columns, so
/// that `output[N·OH·OW, OC] = patches · weightᵀ`. (This is the transpose of the classic im2col
/// layout; with OpenBLAS it makes every product of a LeNet-sized convolution faster, because the long
/// dimension becomes the one BLAS splits across threads.) Zero padding appears as zeros.
struct ConvolutionGeometry: Equatable {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    let padding: Int

    var outputHeight: Int { (height + 2 * padding - kernelHeight) / stride + 1 }
    var outputWidth: Int { (width + 2 * padding - kernelWidth) / stride + 1 }
    /// Columns of the patch matrix: C·KH·KW.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Output positions per image: OH·OW.
    var outputArea: Int { outputHeight * outputWidth }

    /// Writes the patch rows of `images` (`x` is `[N, C, H, W]`) into `patches`
    /// (`N·OH·OW × patchSize`, row-major). Different images fill different rows, so callers may split
    /// the batch across threads.
    func im2col(_ x: UnsafePointer<Float>, images: Range<Int>, into patches: UnsafeMutablePointer<Float>) {
        let (oh, ow, kw) = (outputHeight, outputWidth, kernelWidth)
        let planeSize = height * width
        var dst = patches + images.lowerBound * outputArea * patchSize
        for n in images {
            let image = x + n * channels * planeSize
            for r in 0..<oh {
                for q in 0..<ow {
                    let left = q * stride - padding
                    let inside = left >= 0 && left + kw <= width
                    for c in 0..<channels {
                        let plane = image + c * planeSize
                        for u in 0..<kernelHeight {
                            let ih = r * stride - padding + u
                            if ih < 0 || ih >= height {
                                for v in 0..<kw { dst[v] = 0 }
                            } else if inside {
                                let src = plane + ih * width + left
                                for v in 0..<kw { dst[v] = src[v] }
                            } else {
                                let src = plane + ih * width
                                for v in 0..<kw {
                                    let iw = left + v
                                    dst[v] = iw >= 0 && iw < width ? src[iw] : 0
                                }
                            }
                            dst += kw
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of `im2col`: adds every entry of the patch-matrix gradient onto the input position
    /// it was read from. `dx` (`[N, C, H, W]`) must be zeroed or hold gradient to accumulate into.
    /// Different images touch disjoint memory, so callers may split the batch across threads.
    func col2im(_ patches: UnsafePointer<Float>, images: Range<Int>, into dx: UnsafeMutablePointer<Float>) {
        let (oh, ow, kw) = (outputHeight, outputWidth, kernelWidth)
        let planeSize = height * width
        var src = patches + images.lowerBound * outputArea * patchSize
        for n in images {
            let image = dx + n * channels * planeSize
            for r in 0..<oh {
                for q in 0..<ow {
                    let left = q * stride - padding
                    let inside = left >= 0 && left + kw <= width
                    for c in 0..<channels {
                        let plane = image + c * planeSize
                        for u in 0..<kernelHeight {
                            let ih = r * stride - padding + u
                            if ih < 0 || ih >= height {
                                // Padding: nothing to add back.
                            } else if inside {
                                let target = plane + ih * width + left
                                for v in 0..<kw { target[v] += src[v] }
                            } else {
                                let target = plane + ih * width
                                for v in 0..<kw {
                                    let iw = left + v
                                    if iw >= 0 && iw < width { target[iw] += src[v] }
                                }
                            }
                            src += kw
                        }
                    }
                }
            }
        }
    }
}

extension ConvolutionGeometry {
    /// The per-sample output shape `[C, OH, OW]` of a pooling window without padding, or a `ModelError`
    /// naming `layer` when the input is not `[C, H, W]` or the window does not fit.
    static func poolingOutputShape(_ layer: String, kernelSize: Int, stride: Int, input shape: [Int]) throws -> [Int] {
        guard kernelSize > 0, stride > 0 else {
            throw ModelError("\(layer): kernel size and stride must be positive")
        }
        guard shape.count == 3 else {
            throw ModelError("\(layer) expects images [channels, height, width], got shape \(shape)")
        }
        guard kernelSize <= shape[1], kernelSize <= shape[2] else {
            throw ModelError("\(layer): window \(kernelSize)x\(kernelSize) is larger than the input \(shape[1])x\(shape[2])")
        }
        return [shape[0], (shape[1] - kernelSize) / stride + 1, (shape[2] - kernelSize) / stride + 1]
    }
}
