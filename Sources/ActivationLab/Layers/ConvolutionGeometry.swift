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
        let (kw, width) = (kernelWidth, width)
        var dst = patches + images.lowerBound &* outputArea &* patchSize
        forEachKernelRow(images: images) { row in
            switch row {
            case .padding:
                for v in 0..<kw { dst[v] = 0 }
            case .inside(let start):
                Self.copy(x + start, to: dst, count: kw)
            case let .clipped(imageRow, left):
                let src = x + imageRow
                for v in 0..<kw {
                    let iw = left &+ v
                    dst[v] = iw >= 0 && iw < width ? src[iw] : 0
                }
            }
            dst += kw
        }
    }

    /// The adjoint of `im2col`: adds every entry of the patch-matrix gradient onto the input position
    /// it was read from. `dx` (`[N, C, H, W]`) must be zeroed or hold gradient to accumulate into.
    /// Different images touch disjoint memory, so callers may split the batch across threads.
    func col2im(_ patches: UnsafePointer<Float>, images: Range<Int>, into dx: UnsafeMutablePointer<Float>) {
        let (kw, width) = (kernelWidth, width)
        var src = patches + images.lowerBound &* outputArea &* patchSize
        forEachKernelRow(images: images) { row in
            switch row {
            case .padding:
                break  // nothing to add back
            case .inside(let start):
                Self.accumulate(src, into: dx + start, count: kw)
            case let .clipped(imageRow, left):
                let target = dx + imageRow
                for v in 0..<kw {
                    let iw = left &+ v
                    if iw >= 0 && iw < width { target[iw] += src[v] }
                }
            }
            src += kw
        }
    }

    /// Where the `kernelWidth` values of one kernel row of a patch lie in the input `[N, C, H, W]`.
    enum KernelRow {
        /// In the zero padding above or below the image.
        case padding
        /// Inside the image: the offset of its first value.
        case inside(Int)
        /// Across the left or right padding: the offset of the image row and the column of its first
        /// value (negative or past the width where it is padding).
        case clipped(imageRow: Int, left: Int)
    }

    /// Calls `body` for every kernel row of every patch of `images`, in patch-matrix order (image, output
    /// row, output column, channel, kernel row): the one walk `im2col` and its adjoint `col2im` share.
    @inline(__always)
    func forEachKernelRow(images: Range<Int>, _ body: (KernelRow) -> Void) {
        let (oh, ow, kh, kw) = (outputHeight, outputWidth, kernelHeight, kernelWidth)
        let planeSize = height &* width
        for n in images {
            let image = n &* channels &* planeSize
            for r in 0..<oh {
                let top = r &* stride &- padding
                let rows = max(0, -top)..<min(kh, height &- top)  // kernel rows inside the image
                for q in 0..<ow {
                    let left = q &* stride &- padding
                    let inside = left >= 0 && left &+ kw <= width
                    for c in 0..<channels {
                        let plane = image &+ c &* planeSize
                        for u in 0..<kh {
                            let imageRow = plane &+ (top &+ u) &* width
                            if !rows.contains(u) {
                                body(.padding)
                            } else if inside {
                                body(.inside(imageRow &+ left))
                            } else {
                                body(.clipped(imageRow: imageRow, left: left))
                            }
                        }
                    }
                }
            }
        }
    }

    /// `dst[0..<count] = src[0..<count]`, four floats at a time (kernel rows are short: a memcpy call
    /// per row would cost more than the copy).
    @inline(__always)
    static func copy(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i &+ 4 <= count {
            UnsafeMutableRawPointer(dst + i).storeBytes(
                of: UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<Float>.self), as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < count {
            dst[i] = src[i]
            i &+= 1
        }
    }

    /// `dst[0..<count] += src[0..<count]`, four floats at a time.
    @inline(__always)
    static func accumulate(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i &+ 4 <= count {
            let sum = UnsafeRawPointer(dst + i).loadUnaligned(as: SIMD4<Float>.self)
                + UnsafeRawPointer(src + i).loadUnaligned(as: SIMD4<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: sum, as: SIMD4<Float>.self)
            i &+= 4
        }
        while i < count {
            dst[i] += src[i]
            i &+= 1
        }
    }
}
