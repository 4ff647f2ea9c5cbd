/// Element-wise arithmetic and the few reductions the layers need, written as tight loops over
/// contiguous buffers so the optimiser vectorises them.
extension Tensor {
    /// `self += alpha · other` (axpy).
    public mutating func add(_ other: Tensor, scaledBy alpha: Float = 1) {
        precondition(count == other.count, "add: element counts differ, \(shape) vs \(other.shape)")
        other.withUnsafeBufferPointer { src in
            withUnsafeMutableBufferPointer { dst in
                for i in 0..<dst.count { dst[i] += alpha * src[i] }
            }
        }
    }

    /// Multiplies every element by `factor`.
    public mutating func scale(by factor: Float) {
        withUnsafeMutableBufferPointer { dst in
            for i in 0..<dst.count { dst[i] *= factor }
        }
    }

    /// Sets every element to `value`.
    public mutating func fill(_ value: Float) {
        withUnsafeMutableBufferPointer { dst in
            for i in 0..<dst.count { dst[i] = value }
        }
    }

    /// Applies `transform` to every element.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }

    /// The element-wise sum.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        var out = lhs
        out.add(rhs)
        return out
    }

    /// The element-wise difference.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        var out = lhs
        out.add(rhs, scaledBy: -1)
        return out
    }

    /// Every element multiplied by a scalar.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        var out = lhs
        out.scale(by: rhs)
        return out
    }

    /// The element-wise (Hadamard) product.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        precondition(lhs.count == rhs.count, "multiply: element counts differ, \(lhs.shape) vs \(rhs.shape)")
        var out = lhs
        rhs.withUnsafeBufferPointer { r in
            out.withUnsafeMutableBufferPointer { o in
                for i in 0..<o.count { o[i] *= r[i] }
            }
        }
        return out
    }

    /// Adds `vector` (length `columns`) to every row.
    public mutating func addRowVector(_ vector: Tensor) {
        let (height, width) = (rows, columns)
        precondition(vector.count == width, "addRowVector: vector has \(vector.count) elements, rows have \(width)")
        vector.withUnsafeBufferPointer { v in
            withUnsafeMutableBufferPointer { dst in
                for r in 0..<height {
                    let base = r * width
                    for j in 0..<width { dst[base + j] += v[j] }
                }
            }
        }
    }

    /// The column sums (summing over rows): shape `[columns]`.
    public func sumRows() -> Tensor {
        let (height, width) = (rows, columns)
        var out = [Float](repeating: 0, count: width)
        withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<height {
                    let base = r * width
                    for j in 0..<width { o[j] += src[base + j] }
                }
            }
        }
        return Tensor(shape: [width], scalars: out)
    }

    /// The sum of all elements, accumulated in Double.
    public func sum() -> Double {
        withUnsafeBufferPointer { src in
            var total = 0.0
            for x in src { total += Double(x) }
            return total
        }
    }

    /// The Euclidean norm of all elements.
    public func norm() -> Double {
        withUnsafeBufferPointer { src in
            var total = 0.0
            for x in src { total += Double(x) * Double(x) }
            return total.squareRoot()
        }
    }

    /// The Euclidean norm, summed in Float SIMD lanes and folded into a Double every 4096 elements:
    /// relative error around 1e-6, for diagnostics in the training loop where `norm()` is too slow.
    public func fastNorm() -> Double {
        withUnsafeBufferPointer { Self.fastSumOfSquares($0) }.squareRoot()
    }

    /// The sum of squares of `values`, as `fastNorm` adds them up.
    static func fastSumOfSquares(_ values: UnsafeBufferPointer<Float>) -> Double {
        guard let base = values.baseAddress else { return 0 }
        var total = 0.0
        var start = 0
        while start < values.count {
            let end = Swift.min(start + 4096, values.count)
            var lanes = SIMD8<Float>()
            var i = start
            while i + 8 <= end {
                let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                lanes += v * v
                i += 8
            }
            var partial = lanes.sum()
            while i < end {
                partial += base[i] * base[i]
                i += 1
            }
            total += Double(partial)
            start = end
        }
        return total
    }

    /// The index of the largest element in each row.
    public func argmaxRows() -> [Int] {
        let width = columns
        return withUnsafeBufferPointer { src in
            (0..<rows).map { r in
                var best = 0
                var bestValue = src[r * width]
                for j in 1..<max(width, 1) where src[r * width + j] > bestValue {
                    best = j
                    bestValue = src[r * width + j]
                }
                return best
            }
        }
    }

    /// Whether every element is finite.
    public var isFinite: Bool {
        withUnsafeBufferPointer { src in src.allSatisfy { $0.isFinite } }
    }

    /// The transpose of a matrix.
    public func transposed() -> Tensor {
        precondition(rank == 2, "transposed needs a matrix, got \(shape)")
        let (m, n) = (shape[0], shape[1])
        var out = [Float](repeating: 0, count: count)
        withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for i in 0..<m { for j in 0..<n { dst[j * m + i] = src[i * n + j] } }
            }
        }
        return Tensor(shape: [n, m], scalars: out)
    }
}
