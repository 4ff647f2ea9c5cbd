/// Sums over a contiguous row in eight running lanes, so the loop vectorises (a single running Float sum
/// is a serial dependency the compiler may not reorder). The lanes are added in a fixed order, so a
/// result depends only on the data. Used by batch normalisation's statistics and bias gradients.
enum LaneSums {
    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Σ row[i].
    static func sum(_ row: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= count {
            lanes += load(row + i)
            i &+= 8
        }
        var total = lanes.sum()
        while i < count {
            total += row[i]
            i &+= 1
        }
        return total
    }

    /// Σ (row[i] − mean)².
    static func squaredDeviations(_ row: UnsafePointer<Float>, count: Int, mean: Float) -> Float {
        var lanes = SIMD8<Float>()
        let m = SIMD8<Float>(repeating: mean)
        var i = 0
        while i &+ 8 <= count {
            let d = load(row + i) - m
            lanes += d * d
            i &+= 8
        }
        var total = lanes.sum()
        while i < count {
            total += (row[i] - mean) * (row[i] - mean)
            i &+= 1
        }
        return total
    }

    /// (Σ a[i], Σ a[i]·b[i]).
    static func sumAndDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> (Float, Float) {
        var sums = SIMD8<Float>(), dots = SIMD8<Float>()
        var i = 0
        while i &+ 8 <= count {
            let x = load(a + i)
            sums += x
            dots += x * load(b + i)
            i &+= 8
        }
        var (sum, dot) = (sums.sum(), dots.sum())
        while i < count {
            sum += a[i]
            dot += a[i] * b[i]
            i &+= 1
        }
        return (sum, dot)
    }
}
