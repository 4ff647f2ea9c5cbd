/// A per-feature affine map `x' = (x − shift) · scale`, optionally clipped to [0, 1], fitted on training features.
public struct FeatureScaler: Sendable, Equatable {
    /// Subtracted from each feature.
    public var shift: [Float]
    /// Multiplies each shifted feature.
    public var scale: [Float]
    /// Whether results are clipped to [0, 1].
    public var clipsToUnitRange: Bool

    /// The identity map (nothing to do).
    public var isIdentity: Bool { shift.isEmpty }

    /// The smallest and largest value, NaNs skipped, in SIMD lanes (a split of Fashion-MNIST is 42M values,
    /// scanned once per seed): lane-wise `v < low ? v : low` is the scalar rule, so the result is the same.
    static func range(_ x: UnsafeBufferPointer<Float>) -> (low: Float, high: Float) {
        typealias Lanes = SIMD16<Float>
        var low = Lanes(repeating: .infinity), high = Lanes(repeating: -.infinity)
        let blocks = x.count / Lanes.scalarCount
        let raw = UnsafeRawPointer(x.baseAddress)
        for block in 0..<blocks {
            let v = raw!.loadUnaligned(fromByteOffset: block * MemoryLayout<Lanes>.size, as: Lanes.self)
            low.replace(with: v, where: v .< low)
            high.replace(with: v, where: v .> high)
        }
        var scalarLow = Float.infinity, scalarHigh = -Float.infinity
        for lane in 0..<Lanes.scalarCount {
            scalarLow = low[lane] < scalarLow ? low[lane] : scalarLow
            scalarHigh = high[lane] > scalarHigh ? high[lane] : scalarHigh
        }
        for v in x[(blocks * Lanes.scalarCount)...] {
            scalarLow = v < scalarLow ? v : scalarLow
            scalarHigh = v > scalarHigh ? v : scalarHigh
        }
        return (scalarLow, scalarHigh)
    }

    /// Fits the map for `method` on `features` (`[N, ...]`; each of the `columns` values is one feature).
    public init(fitting features: Tensor, method: Normalization) {
        shift = []
        scale = []
        clipsToUnitRange = false
        let n = features.rows, d = features.columns
        guard n > 0, d > 0 else { return }
        switch method {
        case .none:
            return
        case .unitRange:
            // Pixels as read are already in [0, 1]: one pass over the flat buffer says so, and nothing changes.
            let (globalLow, globalHigh) = features.withUnsafeBufferPointer(Self.range)
            if globalLow >= 0 && globalHigh <= 1 { return }
            var low = [Float](repeating: .infinity, count: d)
            var high = [Float](repeating: -.infinity, count: d)
            features.withUnsafeBufferPointer { x in
                low.withUnsafeMutableBufferPointer { low in
                    high.withUnsafeMutableBufferPointer { high in
                        for r in 0..<n {
                            let row = x.baseAddress! + r * d
                            for j in 0..<d {
                                low[j] = row[j] < low[j] ? row[j] : low[j]
                                high[j] = row[j] > high[j] ? row[j] : high[j]
                            }
                        }
                    }
                }
            }
            shift = low
            // In Double: max − min of features near ±3.4e38 overflows Float (and ∞ · 0 is NaN).
            scale = zip(low, high).map { low, high in
                guard high > low else { return 1 }
                let scale = 1 / (high - low)
                return scale.isFinite && scale > 0 ? scale : Self.finite(1 / (Double(high) - Double(low)))
            }
            clipsToUnitRange = true
        case .standardize, .center:
            // Double accumulators: a Float sum over 60 000 rows loses digits the variance needs.
            var mean = [Double](repeating: 0, count: d)
            var sumOfSquares = [Double](repeating: 0, count: d)
            features.withUnsafeBufferPointer { x in
                mean.withUnsafeMutableBufferPointer { mean in
                    sumOfSquares.withUnsafeMutableBufferPointer { sumOfSquares in
                        for r in 0..<n {
                            let row = x.baseAddress! + r * d
                            for j in 0..<d { mean[j] += Double(row[j]) }
                        }
                        for j in 0..<d { mean[j] /= Double(n) }
                        for r in 0..<n {
                            let row = x.baseAddress! + r * d
                            for j in 0..<d {
                                let c = Double(row[j]) - mean[j]
                                sumOfSquares[j] += c * c
                            }
                        }
                    }
                }
            }
            shift = mean.map { Float($0) }
            if method == .center {
                scale = [Float](repeating: 1, count: d)
                return
            }
            scale = sumOfSquares.map { ss in
                let std = (ss / Double(n)).squareRoot()
                return std > 1e-12 ? Self.finite(1 / std) : 1
            }
        }
    }

    /// `value` as a Float, clamped to the finite range.
    private static func finite(_ value: Double) -> Float {
        Float(min(max(value, -Double(Float.greatestFiniteMagnitude)), Double(Float.greatestFiniteMagnitude)))
    }

    /// Applies the map to every row of `features` in place. A value whose Float arithmetic overflows (features
    /// near ±3.4e38) is recomputed in Double and clamped to Float's finite range: never ∞ or NaN.
    public func apply(to features: inout Tensor) {
        guard !isIdentity else { return }
        let d = features.columns, n = features.rows
        precondition(d == shift.count, "scaler fitted on \(shift.count) features, applied to \(d)")
        let clip = clipsToUnitRange
        shift.withUnsafeBufferPointer { shift in
            scale.withUnsafeBufferPointer { scale in
                features.withUnsafeMutableBufferPointer { x in
                    for r in 0..<n {
                        let row = x.baseAddress! + r * d
                        for j in 0..<d {
                            var v = (row[j] - shift[j]) * scale[j]
                            if !v.isFinite { v = Self.finite((Double(row[j]) - Double(shift[j])) * Double(scale[j])) }
                            row[j] = clip ? min(max(v, 0), 1) : v
                        }
                    }
                }
            }
        }
    }
}
