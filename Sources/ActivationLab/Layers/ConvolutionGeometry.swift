/// The sizes of a 2-D convolution or pooling window over NCHW images, and the im2col / col2im
/// rearrangements that turn a convolution of a whole minibatch into one matrix product.
///
/// The column matrix has one row per (channel, kernel row, kernel column) — `C·KH·KW` rows — and one
/// column per (image, output row, output column) — `N·OH·OW` columns — so that
/// `output[OC, N·OH·OW] = weight[OC, C·KH·KW] · columns`. Zero padding appears as zeros in `columns`.
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
    /// Rows of the column matrix: C·KH·KW.
    var patchSize: Int { channels * kernelHeight * kernelWidth }
    /// Output positions per image: OH·OW.
    var outputArea: Int { outputHeight * outputWidth }

    /// The output columns `ow` whose input column `ow·stride − padding + offset` lies inside the image
    /// (the rest read padding). Works for rows too, with `size` = height and `count` = output height.
    @inline(__always)
    static func validRange(offset: Int, size: Int, count: Int, stride: Int, padding: Int) -> Range<Int> {
        // iw = o·s − p + k ≥ 0  ⇔  o ≥ ⌈(p − k)/s⌉;   iw ≤ size − 1  ⇔  o ≤ ⌊(size − 1 + p − k)/s⌋
        let lowNumerator = padding - offset
        let low = lowNumerator > 0 ? (lowNumerator + stride - 1) / stride : 0
        let highNumerator = size - 1 + padding - offset
        let high = highNumerator < 0 ? 0 : min(count, highNumerator / stride + 1)
        return min(low, high)..<high
    }

    /// Writes the column matrix of `batch` images (`x` is `[batch, C, H, W]`) into `columns`
    /// (`patchSize × batch·outputArea`). Rows `rows` only, so callers may split the work.
    func im2col(_ x: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>,
                rows: Range<Int>) {
        let (oh, ow) = (outputHeight, outputWidth)
        let planeSize = height * width
        let rowLength = batch * oh * ow
        for row in rows {
            let kw = row % kernelWidth
            let kh = (row / kernelWidth) % kernelHeight
            let c = row / (kernelWidth * kernelHeight)
            let valid = Self.validRange(offset: kw, size: width, count: ow, stride: stride, padding: padding)
            let shift = kw - padding  // input column = ow·stride + shift
            var dst = columns + row * rowLength
            for n in 0..<batch {
                let plane = x + (n * channels + c) * planeSize
                for r in 0..<oh {
                    let ih = r * stride - padding + kh
                    if ih < 0 || ih >= height {
                        for j in 0..<ow { dst[j] = 0 }
                    } else {
                        let src = plane + ih * width + shift
                        for j in 0..<valid.lowerBound { dst[j] = 0 }
                        if stride == 1 {
                            for j in valid { dst[j] = src[j] }
                        } else {
                            for j in valid { dst[j] = src[j * stride] }
                        }
                        for j in valid.upperBound..<ow { dst[j] = 0 }
                    }
                    dst += ow
                }
            }
        }
    }

    /// Adds the column-matrix gradient back onto the images (the adjoint of `im2col`):
    /// `dx` (`[batch, C, H, W]`, pre-zeroed or accumulating) gets every entry of `columns` at the
    /// input position it was read from. Channels `channelRange` only; different channels never
    /// touch the same memory, so callers may split the work across threads.
    func col2im(_ columns: UnsafePointer<Float>, batch: Int, into dx: UnsafeMutablePointer<Float>,
                channelRange: Range<Int>) {
        let (oh, ow) = (outputHeight, outputWidth)
        let planeSize = height * width
        let rowLength = batch * oh * ow
        for c in channelRange {
            for kh in 0..<kernelHeight {
                for kw in 0..<kernelWidth {
                    let row = (c * kernelHeight + kh) * kernelWidth + kw
                    let valid = Self.validRange(offset: kw, size: width, count: ow, stride: stride, padding: padding)
                    let shift = kw - padding
                    var src = UnsafePointer(columns + row * rowLength)
                    for n in 0..<batch {
                        let plane = dx + (n * channels + c) * planeSize
                        for r in 0..<oh {
                            let ih = r * stride - padding + kh
                            if ih >= 0 && ih < height {
                                let dst = plane + ih * width + shift
                                if stride == 1 {
                                    for j in valid { dst[j] += src[j] }
                                } else {
                                    for j in valid { dst[j * stride] += src[j] }
                                }
                            }
                            src += ow
                        }
                    }
                }
            }
        }
    }
}
