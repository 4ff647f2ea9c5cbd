/// im2col and col2im in the channel-major layout: a chunk of images' patch matrix is
/// `[C·KH·KW, images·OH·OW]`, one row per (channel, kernel row, kernel column) and one column per output
/// position, so that `Y[OC, positions] = W · patches` comes out channel by channel, as NCHW wants it.
///
/// For stride 1 a row of the patch matrix is, output row by output row, a contiguous run of an input
/// row (shifted by the kernel column, zeros where it hangs over the padding), so both directions are
/// vectorised copies and adds of whole rows instead of the position-major layout's 3- or 5-float kernel
/// rows, which cost more in loop overhead than in data (im2col + col2im were 40% of a `cnn:resnet` step).
extension ConvolutionGeometry {
    /// Whether the channel-major layout is the faster one. Measured on one thread, CPU time per training
    /// sample against the position-major layout: 1.31× faster for `cnn:resnet` (3×3 and 1×1 kernels),
    /// 5% slower for LeNet's 5×5 second convolution (whose 8-wide output rows are as short as its
    /// kernel rows, and whose `[positions, OC]` product suits OpenBLAS better). So: kernels up to 3 wide.
    var prefersChannelMajor: Bool { kernelWidth <= 3 }

    /// Writes the patch matrix of `images` (`x` is `[N, C, H, W]`) into `patches`
    /// (`patchSize × images.count·outputArea`, row-major).
    func im2colChannelMajor(_ x: UnsafePointer<Float>, images: Range<Int>, into patches: UnsafeMutablePointer<Float>) {
        let width = images.count &* outputArea
        forEachPatchRow(images: images) { row, image, source in
            let dst = patches + (row &* width &+ image &* outputArea)
            source.copy(x, into: dst)
        }
    }

    /// The adjoint of `im2colChannelMajor`: adds every entry of the patch-matrix gradient onto the input
    /// position it was read from. `dx` must be zeroed or hold gradient to accumulate into.
    func col2imChannelMajor(_ patches: UnsafePointer<Float>, images: Range<Int>, into dx: UnsafeMutablePointer<Float>) {
        let width = images.count &* outputArea
        forEachPatchRow(images: images) { row, image, source in
            source.accumulate(patches + (row &* width &+ image &* outputArea), into: dx)
        }
    }

    /// Where one image's output positions read one (channel, kernel row, kernel column) from.
    struct PatchRowSource {
        let geometry: ConvolutionGeometry
        /// Offset of the image's channel plane in `[N, C, H, W]`.
        let plane: Int
        let kernelRow: Int
        let kernelColumn: Int

        /// The output columns `j` whose input column `j·s − p + v` lies inside the image (the same for every
        /// output row), and the offset of output column 0's input column from its row's start.
        var columns: Range<Int> {
            let g = geometry
            let left = kernelColumn &- g.padding
            if g.stride == 1 { return min(g.outputWidth, max(0, -left))..<max(0, min(g.outputWidth, g.width &- left)) }
            let first = left >= 0 ? 0 : (-left &+ g.stride &- 1) / g.stride
            let end = g.width &- left <= 0 ? 0 : min(g.outputWidth, (g.width &- left &+ g.stride &- 1) / g.stride)
            return min(first, end)..<end
        }

        /// For output row `i`: the offset in `[N, C, H, W]` of the input value output column 0 reads (it may lie
        /// outside the row when column 0 reads padding), or nil when the row is in the padding.
        @inline(__always)
        func row(_ i: Int) -> Int? {
            let g = geometry
            let inputRow = i &* g.stride &- g.padding &+ kernelRow
            return inputRow >= 0 && inputRow < g.height ? plane &+ inputRow &* g.width &+ kernelColumn &- g.padding : nil
        }

        /// `dst[i·OW + j]` = the input value output position (i, j) reads, 0 in the padding.
        @inline(__always)
        func copy(_ x: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>) {
            let (ow, s, columns) = (geometry.outputWidth, geometry.stride, self.columns)
            for i in 0..<geometry.outputHeight {
                let out = dst + i &* ow
                guard let row = row(i) else {
                    out.initialize(repeating: 0, count: ow)
                    continue
                }
                for j in 0..<columns.lowerBound { out[j] = 0 }
                if s == 1 {
                    ConvolutionGeometry.copy(x + (row &+ columns.lowerBound), to: out + columns.lowerBound,
                                             count: columns.count)
                } else {
                    for j in columns { out[j] = x[row &+ j &* s] }
                }
                for j in columns.upperBound..<ow { out[j] = 0 }
            }
        }

        /// The adjoint of `copy`: adds `src[i·OW + j]` onto the input value it was read from.
        @inline(__always)
        func accumulate(_ src: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
            let (ow, s, columns) = (geometry.outputWidth, geometry.stride, self.columns)
            for i in 0..<geometry.outputHeight {
                guard let row = row(i) else { continue }
                let from = src + i &* ow
                if s == 1 {
                    ConvolutionGeometry.accumulate(from + columns.lowerBound, into: dx + (row &+ columns.lowerBound),
                                                   count: columns.count)
                } else {
                    for j in columns { dx[row &+ j &* s] += from[j] }
                }
            }
        }
    }

    /// Calls `body(row, image index within the chunk, source)` for every patch-matrix row and image.
    @inline(__always)
    private func forEachPatchRow(images: Range<Int>, _ body: (Int, Int, PatchRowSource) -> Void) {
        let planeSize = height &* width
        for (index, n) in images.enumerated() {
            for c in 0..<channels {
                let plane = (n &* channels &+ c) &* planeSize
                for u in 0..<kernelHeight {
                    for v in 0..<kernelWidth {
                        let row = (c &* kernelHeight &+ u) &* kernelWidth &+ v
                        body(row, index, PatchRowSource(geometry: self, plane: plane, kernelRow: u, kernelColumn: v))
                    }
                }
            }
        }
    }
}
