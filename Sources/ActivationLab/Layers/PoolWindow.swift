/// The window of a pooling layer over NCHW images: `size × size`, moved by `stride`, no padding.
///
/// The geometry `AvgPool2D` and `MaxPool2D` share — output sizes, the shape check, and the walk over
/// the windows of one image plane — so the two layers differ only in what they do inside a window.
struct PoolWindow: Sendable, Equatable {
    let size: Int
    let stride: Int

    /// - Parameter stride: defaults to `size` (non-overlapping windows).
    init(size: Int, stride: Int? = nil) {
        self.size = size
        self.stride = stride ?? size
    }

    /// The output rows (or columns) for `length` input rows (or columns).
    func outputLength(_ length: Int) -> Int { (length - size) / stride + 1 }

    /// The per-sample output shape `[C, OH, OW]`, or a `ModelError` naming `layer` when the input is
    /// not `[C, H, W]` or the window does not fit.
    func outputShape(_ layer: String, input shape: [Int]) throws -> [Int] {
        guard size > 0, stride > 0 else {
            throw ModelError("\(layer): kernel size and stride must be positive")
        }
        guard shape.count == 3 else {
            throw ModelError("\(layer) expects images [channels, height, width], got shape \(shape)")
        }
        guard size <= shape[1], size <= shape[2] else {
            throw ModelError("\(layer): window \(size)x\(size) is larger than the input \(shape[1])x\(shape[2])")
        }
        return [shape[0], outputLength(shape[1]), outputLength(shape[2])]
    }

    /// Calls `body(output, corner)` for every window of a `height × width` plane in row-major order:
    /// `output` is the window's position in the output plane, `corner` the offset of its top-left
    /// element in the input plane (element (u, v) of the window is at `corner + u·width + v`).
    @inline(__always)
    func forEachWindow(height: Int, width: Int, _ body: (_ output: Int, _ corner: Int) -> Void) {
        let (outputHeight, outputWidth) = (outputLength(height), outputLength(width))
        for i in 0..<outputHeight {
            for j in 0..<outputWidth { body(i * outputWidth + j, i * stride * width + j * stride) }
        }
    }
}
