import CKernels

/// A direct (no im2col, no BLAS) stride-1 convolution: the register-blocked kernels of `CKernels`
/// (AVX2 + FMA when the CPU has them; `usesAVX2` says) read zero-padded input planes and write NCHW directly.
///
/// im2col + GEMM is at its worst on a small network's convolutions: the patch matrix is 25× the input
/// for a 5×5 kernel, and packing it for BLAS, and folding its gradient back (col2im), cost as much as
/// the products (LeNet's profile: sgemm 32%, im2col + col2im 15%, packing 6%). Here each image is copied
/// once into a zero-padded plane whose rows are long enough for 8-wide reads (`paddedWidth`), and
/// - forward keeps 4 output channels × 2 rows × 8 columns in registers while it walks the taps,
/// - ∂W keeps 4 output channels × 2 kernel columns of sums while it walks the output positions,
/// - ∂X is the forward pass of the transposed convolution (`transposed`): the gradient, padded by
///   `kernel − 1 − padding`, convolved with the weights flipped and with their channel axes swapped.
///
/// Layouts: padded input `[N, C, paddedHeight, paddedWidth]` (zeros around the image and in the spare
/// columns), padded output gradient `[N, OC, OH, blockedWidth]` (zeros past OW), weights regrouped
/// `[⌈OC/4⌉, C·KH·KW, 4]` (zeros for missing channels) so a tap's four weights are adjacent.
struct DirectConvolution {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let rowPadding: Int
    let columnPadding: Int
    let outputChannels: Int
    /// Whether the kernels may run their AVX2 + FMA build (false under `KernelChoice.baseline`). Read on the
    /// calling thread: the batch halves run on threads that do not see the caller's `KernelChoice`.
    let wideInstructions: Bool

    init(geometry g: ConvolutionGeometry, outputChannels: Int) {
        self.init(channels: g.channels, height: g.height, width: g.width, kernelHeight: g.kernelHeight,
                  kernelWidth: g.kernelWidth, rowPadding: g.padding, columnPadding: g.padding,
                  outputChannels: outputChannels, wideInstructions: KernelChoice.current != .baseline)
    }

    private init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, rowPadding: Int,
                 columnPadding: Int, outputChannels: Int, wideInstructions: Bool) {
        self.wideInstructions = wideInstructions
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.rowPadding = rowPadding
        self.columnPadding = columnPadding
        self.outputChannels = outputChannels
    }

    /// Whether `Conv2D` takes this path: stride 1, and padding less than the kernel (so the transposed
    /// convolution's padding, `kernel − 1 − padding`, is not negative).
    /// Whether the kernels run their AVX2 + FMA build on this CPU (with `KernelChoice.fast`).
    static var usesAVX2: Bool { ck_has_avx2_fma() }

    static func handles(_ g: ConvolutionGeometry) -> Bool {
        g.stride == 1 && g.padding < g.kernelHeight && g.padding < g.kernelWidth
    }

    var outputHeight: Int { height + 2 * rowPadding - kernelHeight + 1 }
    var outputWidth: Int { width + 2 * columnPadding - kernelWidth + 1 }
    var channelGroups: Int { (outputChannels + 3) / 4 }
    /// Output columns rounded up to whole 8-wide blocks.
    var blockedWidth: Int { (outputWidth + 7) & ~7 }
    var paddedHeight: Int { height + 2 * rowPadding }
    /// Wide enough for the last block's reads at every kernel column.
    var paddedWidth: Int { blockedWidth + kernelWidth - 1 }
    var paddedImageSize: Int { channels * paddedHeight * paddedWidth }
    var paddedGradientSize: Int { outputChannels * outputHeight * blockedWidth }
    var outputSize: Int { outputChannels * outputHeight * outputWidth }
    var taps: Int { channels * kernelHeight * kernelWidth }
    var groupedWeightCount: Int { channelGroups * taps * 4 }
    /// Eight partial sums per weight (`weightGradient`'s scratch).
    var weightLaneCount: Int { outputChannels * taps * 8 }

    /// The convolution whose forward pass maps this one's output gradient to its input gradient.
    var transposed: DirectConvolution {
        DirectConvolution(channels: outputChannels, height: outputHeight, width: outputWidth,
                          kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                          rowPadding: kernelHeight - 1 - rowPadding, columnPadding: kernelWidth - 1 - columnPadding,
                          outputChannels: channels, wideInstructions: wideInstructions)
    }

    private var kernelGeometry: ck_direct_geometry {
        ck_direct_geometry(channels: channels, paddedHeight: paddedHeight, firstDataRow: rowPadding, dataRows: height,
                           paddedWidth: paddedWidth,
                           kernelHeight: kernelHeight, kernelWidth: kernelWidth, outputChannels: outputChannels,
                           outputHeight: outputHeight, outputWidth: outputWidth)
    }

    /// Copies `images` of `x` (`[N, C, H, W]`) into `padded`, zeros around them (each float written once).
    func pad(_ x: UnsafePointer<Float>, images: Range<Int>, into padded: UnsafeMutablePointer<Float>) {
        let (c, h, w, pw) = (channels, height, width, paddedWidth)
        let below = paddedHeight - rowPadding - h
        let right = pw - columnPadding - w
        for n in images {
            for plane in 0..<c {
                var dst = padded + (n * c + plane) * paddedHeight * pw
                dst.initialize(repeating: 0, count: rowPadding * pw)
                dst += rowPadding * pw
                var src = x + (n * c + plane) * h * w
                for _ in 0..<h {
                    dst.initialize(repeating: 0, count: columnPadding)
                    (dst + columnPadding).update(from: src, count: w)
                    (dst + columnPadding + w).initialize(repeating: 0, count: right)
                    dst += pw
                    src += w
                }
                dst.initialize(repeating: 0, count: below * pw)
            }
        }
    }

    /// Weights `[OC, C, KH, KW]` regrouped as `[group, tap, 4]` (see the type's comment).
    func groupedWeights(_ w: UnsafePointer<Float>, into grouped: UnsafeMutablePointer<Float>) {
        grouped.initialize(repeating: 0, count: groupedWeightCount)
        for o in 0..<outputChannels {
            for t in 0..<taps { grouped[((o / 4) * taps + t) * 4 + o % 4] = w[o * taps + t] }
        }
    }

    /// The weights `[OC, C, KH, KW]` of this convolution regrouped for `transposed`: channel axes swapped
    /// and the kernel turned by 180°, `W'[c, o, u, v] = W[o, c, KH − 1 − u, KW − 1 − v]`.
    func transposedGroupedWeights(_ w: UnsafePointer<Float>, into grouped: UnsafeMutablePointer<Float>) {
        let t = transposed
        let (kh, kw, area) = (kernelHeight, kernelWidth, kernelHeight * kernelWidth)
        grouped.initialize(repeating: 0, count: t.groupedWeightCount)
        for o in 0..<outputChannels {
            for c in 0..<channels {
                for u in 0..<kh {
                    for v in 0..<kw {
                        let tap = (o * kh + u) * kw + v
                        grouped[((c / 4) * t.taps + tap) * 4 + c % 4] =
                            w[(o * channels + c) * area + (kh - 1 - u) * kw + (kw - 1 - v)]
                    }
                }
            }
        }
    }

    /// `y` (`[N, OC, OH, OW]`) for `images`, from the padded input and grouped weights.
    func forward(padded: UnsafePointer<Float>, grouped: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 images: Range<Int>, into y: UnsafeMutablePointer<Float>) {
        var g = kernelGeometry
        ck_direct_forward(&g, padded + images.lowerBound * paddedImageSize, grouped, bias, images.count,
                          y + images.lowerBound * outputSize, wideInstructions)
    }

    /// Copies `images` of `dy` (`[N, OC, OH, OW]`) into rows of `blockedWidth`, zeros past OW, so the
    /// gradient kernels read whole blocks.
    func padGradient(_ dy: UnsafePointer<Float>, images: Range<Int>, into padded: UnsafeMutablePointer<Float>) {
        let (oh, ow) = (outputHeight, outputWidth)
        for n in images {
            for row in 0..<(outputChannels * oh) {
                let dst = padded + (n * outputChannels * oh + row) * blockedWidth
                dst.update(from: dy + (n * outputChannels * oh + row) * ow, count: ow)
                (dst + ow).initialize(repeating: 0, count: blockedWidth - ow)
            }
        }
    }

    /// Adds `images`' ∂W to `dw` (`[OC, C·KH·KW]`) and ∂b to `db` (`[OC]`), from the padded input and
    /// padded output gradient. The kernel's eight partial sums per weight (in `lanes`, `weightLaneCount`
    /// floats) are added in a fixed order, so the result depends only on the images.
    func weightGradient(padded: UnsafePointer<Float>, gradient: UnsafePointer<Float>, images: Range<Int>,
                        lanes: UnsafeMutablePointer<Float>, dw: UnsafeMutablePointer<Float>,
                        db: UnsafeMutablePointer<Float>) {
        var g = kernelGeometry
        lanes.initialize(repeating: 0, count: weightLaneCount)
        ck_direct_weight_lanes(&g, padded + images.lowerBound * paddedImageSize,
                               gradient + images.lowerBound * paddedGradientSize, images.count, lanes,
                               wideInstructions)
        for i in 0..<(outputChannels * taps) {
            dw[i] += UnsafeRawPointer(lanes + i * 8).loadUnaligned(as: SIMD8<Float>.self).sum()
        }
        let planeSize = outputHeight * blockedWidth
        for n in images {
            for o in 0..<outputChannels {
                db[o] += LaneSums.sum(gradient + (n * outputChannels + o) * planeSize, count: planeSize)
            }
        }
    }
}
