import CKernels

/// A direct (no im2col, no BLAS) stride-1 convolution: the register-blocked kernels of `CKernels`
/// (AVX2 + FMA when the CPU has them; `usesAVX2` says) read zero-padded input planes and write NCHW directly.
///
/// im2col + GEMM is at its worst on a small network's convolutions: the patch matrix is 25× the input
/// for a 5×5 kernel, and packing it for BLAS, and folding its gradient back (col2im), cost as much as
/// the products (LeNet's profile: sgemm 32%, im2col + col2im 15%, packing 6%). Here each image is copied
/// once into a zero-padded plane whose rows are long enough for the kernels' reads (`paddedWidth`), and
/// - forward runs one of two register blockings (`Layout`), whichever computes fewer wasted products,
/// - ∂W keeps 16 output channels (in the vector lanes) × 6 taps of sums while it walks the output positions,
/// - ∂X is the forward pass of the transposed convolution (`transposed`): the gradient, padded by
///   `kernel − 1 − padding`, convolved with the weights flipped and with their channel axes swapped.
///
/// Layouts: padded input `[N, C, paddedHeight, paddedWidth]` (zeros around the image and in the spare
/// columns), weights packed for the forward kernel's layout (`packWeights`).
struct DirectConvolution {
    let channels: Int
    let height: Int
    let width: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let rowPadding: Int
    let columnPadding: Int
    let outputChannels: Int
    /// Whether the weights handed to `packWeights` are those of the convolution this one transposes
    /// (`[channels, outputChannels, KH, KW]`, read flipped), rather than its own `[OC, C, KH, KW]`.
    let readsTransposedWeights: Bool
    /// Whether the kernels may run their AVX2 + FMA build (false under `KernelChoice.baseline`). Read on the
    /// calling thread: the batch halves run on threads that do not see the caller's `KernelChoice`.
    let wideInstructions: Bool

    init(geometry g: ConvolutionGeometry, outputChannels: Int) {
        self.init(channels: g.channels, height: g.height, width: g.width, kernelHeight: g.kernelHeight,
                  kernelWidth: g.kernelWidth, rowPadding: g.padding, columnPadding: g.padding,
                  outputChannels: outputChannels, readsTransposedWeights: false,
                  wideInstructions: KernelChoice.current.usesWideInstructions)
    }

    private init(channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int, rowPadding: Int,
                 columnPadding: Int, outputChannels: Int, readsTransposedWeights: Bool, wideInstructions: Bool) {
        self.readsTransposedWeights = readsTransposedWeights
        self.wideInstructions = wideInstructions
        self.channels = channels
        self.height = height
        self.width = width
        self.kernelHeight = kernelHeight
        self.kernelWidth = kernelWidth
        self.rowPadding = rowPadding
        self.columnPadding = columnPadding
        self.outputChannels = outputChannels
        layout = .blocked  // every stored property must be set before the shape's own properties can be read
        layout = fasterLayout
    }

    /// Whether the kernels run their AVX2 + FMA build on this CPU (with `KernelChoice.fast`).
    static var usesAVX2: Bool { ck_has_avx2_fma() }

    /// Whether `Conv2D` takes this path: stride 1, and padding less than the kernel (so the transposed
    /// convolution's padding, `kernel − 1 − padding`, is not negative).
    static func handles(_ g: ConvolutionGeometry) -> Bool {
        g.stride == 1 && g.padding < g.kernelHeight && g.padding < g.kernelWidth
    }

    var outputHeight: Int { height + 2 * rowPadding - kernelHeight + 1 }
    var outputWidth: Int { width + 2 * columnPadding - kernelWidth + 1 }
    /// The forward kernel's register blocking.
    enum Layout {
        /// 4 output channels × 2 rows × 8 columns (`ck_direct_forward`), weights `[⌈OC/4⌉, C·KH·KW, 4]`.
        case blocked
        /// 16 output channels (in the vector lanes) × 1 row × 6 columns (`ck_direct_forward_channel_lanes`),
        /// weights `[⌈OC/16⌉, KH, KW, C, 16]`; skips padding rows exactly.
        case channelLanes
    }

    /// The forward kernel's blocking, `fasterLayout` (kept: the hot path asks for it per weight).
    private(set) var layout: Layout

    /// The layout that should run faster: each computes the products of its blocks, including those on
    /// padding rows it cannot skip and on the columns and channels that round its blocks up, at a rate
    /// that grows with its innermost loop — kernel width for the blocked kernel, input channels for the
    /// channel-lane one. The rates, `KW / (KW + 2)` and `C / (C + 4)`, fit `bench/kernels.sh` on LeNet's and
    /// ResNet's layers (channel lanes 1.4–1.5× faster on ResNet's 16- and 32-channel 3×3 layers and on
    /// LeNet's ∂x, the blocked kernel 1.15–1.25× faster on LeNet's forward passes).
    private var fasterLayout: Layout {
        func roundUp(_ x: Int, _ m: Int) -> Int { (x + m - 1) / m * m }
        func kernelRows(_ first: Int, _ last: Int) -> Int {  // kernel rows reaching a data row from output rows first...last
            max(0, min(kernelHeight, rowPadding + height - first) - max(0, rowPadding - last))
        }
        let pairs = stride(from: 0, to: outputHeight, by: 2).reduce(0) { $0 + 2 * kernelRows($1, min($1 + 1, outputHeight - 1)) }
        let rows = (0..<outputHeight).reduce(0) { $0 + kernelRows($1, $1) }
        let blocked = pairs * roundUp(outputWidth, 8) * roundUp(outputChannels, 4)
        let lanes = rows * roundUp(outputWidth, 6) * laneChannels
        let kw = kernelWidth
        return lanes * (channels + 4) * kw < blocked * (kw + 2) * channels ? .channelLanes : .blocked
    }

    var channelGroups: Int { (outputChannels + 3) / 4 }
    /// Output columns rounded up to whole 8-wide blocks.
    var blockedWidth: Int { (outputWidth + 7) & ~7 }
    var paddedHeight: Int { height + 2 * rowPadding }
    /// Wide enough for the last block's reads at every kernel column, in either layout.
    var paddedWidth: Int { max(blockedWidth, (outputWidth + 5) / 6 * 6) + kernelWidth - 1 }
    var paddedImageSize: Int { channels * paddedHeight * paddedWidth }
    var outputSize: Int { outputChannels * outputHeight * outputWidth }
    var taps: Int { channels * kernelHeight * kernelWidth }
    /// Output channels rounded up to whole blocks of 16 vector lanes.
    var laneChannels: Int { (outputChannels + 15) / 16 * 16 }
    /// Floats of packed weights (`packWeights`).
    var packedWeightCount: Int { layout == .blocked ? channelGroups * taps * 4 : laneChannels * taps }

    /// The convolution whose forward pass maps this one's output gradient to its input gradient.
    var transposed: DirectConvolution {
        DirectConvolution(channels: outputChannels, height: outputHeight, width: outputWidth,
                          kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                          rowPadding: kernelHeight - 1 - rowPadding, columnPadding: kernelWidth - 1 - columnPadding,
                          outputChannels: channels, readsTransposedWeights: !readsTransposedWeights,
                          wideInstructions: wideInstructions)
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

    /// Weight (o, c, u, v) of this convolution (see `readsTransposedWeights`).
    @inline(__always)
    private func weight(_ w: UnsafePointer<Float>, _ o: Int, _ c: Int, _ u: Int, _ v: Int) -> Float {
        let (kh, kw) = (kernelHeight, kernelWidth)
        return readsTransposedWeights ? w[((c * outputChannels + o) * kh + kh - 1 - u) * kw + kw - 1 - v]
                                      : w[((o * channels + c) * kh + u) * kw + v]
    }

    /// The weights packed for `layout` (see `Layout`), zeros for the missing channels of the last block.
    func packWeights(_ w: UnsafePointer<Float>, into packed: UnsafeMutablePointer<Float>) {
        let (kh, kw) = (kernelHeight, kernelWidth)
        packed.initialize(repeating: 0, count: packedWeightCount)
        for o in 0..<outputChannels {
            for c in 0..<channels {
                for u in 0..<kh {
                    for v in 0..<kw {
                        let at = switch layout {
                        case .blocked: ((o / 4) * taps + (c * kh + u) * kw + v) * 4 + o % 4
                        case .channelLanes: ((((o / 16) * kh + u) * kw + v) * channels + c) * 16 + o % 16
                        }
                        packed[at] = weight(w, o, c, u, v)
                    }
                }
            }
        }
    }

    /// `y` (`[N, OC, OH, OW]`) for `images`, from the padded input and packed weights.
    func forward(padded: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                 images: Range<Int>, into y: UnsafeMutablePointer<Float>) {
        var g = kernelGeometry
        let (x, out) = (padded + images.lowerBound * paddedImageSize, y + images.lowerBound * outputSize)
        switch layout {
        case .blocked: ck_direct_forward(&g, x, weights, bias, images.count, out, wideInstructions)
        case .channelLanes: ck_direct_forward_channel_lanes(&g, x, weights, bias, images.count, out, wideInstructions)
        }
    }

    /// Floats of scratch `weightGradient` needs: ∂Y of 8 images transposed, and ∂W grouped by 16 channels.
    var weightScratchCount: Int { 8 * outputHeight * outputWidth * laneChannels + laneChannels * taps }

    /// Adds `images`' ∂W to `dw` (`[OC, C·KH·KW]`) and ∂b to `db` (`[OC]`), from the padded input and ∂Y
    /// (`[N, OC, OH, OW]`). The sums run in a fixed order, so the result depends only on the images.
    func weightGradient(padded: UnsafePointer<Float>, gradient dy: UnsafePointer<Float>, images: Range<Int>,
                        scratch: UnsafeMutablePointer<Float>, dw: UnsafeMutablePointer<Float>,
                        db: UnsafeMutablePointer<Float>) {
        var g = kernelGeometry
        let (oc, area, stride) = (outputChannels, outputHeight * outputWidth, laneChannels)
        let grouped = scratch + 8 * area * stride
        grouped.initialize(repeating: 0, count: stride * taps)
        ck_direct_weight_gradient(&g, padded + images.lowerBound * paddedImageSize, dy + images.lowerBound * oc * area,
                                  images.count, scratch, grouped, wideInstructions)
        for o in 0..<oc {
            for t in 0..<taps { dw[o * taps + t] += grouped[((o / 16) * taps + t) * 16 + o % 16] }
        }
        for n in images {
            for o in 0..<oc { db[o] += LaneSums.sum(dy + (n * oc + o) * area, count: area) }
        }
    }
}
