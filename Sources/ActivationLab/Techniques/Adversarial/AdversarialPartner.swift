/// The adversarial partner g of an activation f: a function whose derivative graph is the opposite
/// of f's, to alternate with f across layers ("global adversarial", GA).
///
/// **Interpretation** of Su, Zhu & Li, "Your Network May Need to Be Rewritten: Network Adversarial
/// Based on High-Dimensional Function Graph Decomposition" (arXiv 2405.03712, 2024); the paper's own
/// formulas could not be obtained.
///
/// - `flip` (default): g(x) = (M + m)·x − f(x) + f(0), g'(x) = (M + m) − f'(x), where
///   [m, M] = `f.derivativeBounds`. ReLU → min(x, 0); leaky ReLU(a) → slope a for x > 0, 1 for x < 0;
///   tanh → x − tanh x; sigmoid → x/4 − σ(x) + ½; GELU, SiLU → x − f(x) = −f(−x);
///   softplus → x − softplus(x) + log 2 = −softplus(−x) + log 2.
/// - `reflect`: g(x) = −f(−x), g'(x) = f'(−x). The identity map on odd functions such as tanh.
///
/// Either way g' ranges over the same [m, M] as f'. At a kink the two readings may pick different
/// one-sided slopes (ReLU at 0: flip gives 1 − 0 = 1, reflect gives f'(−0) = 0).
///
/// The Float kernels call the base activation's kernel once per buffer (or per chunk of
/// `chunk` elements, through one scratch buffer per call, on the stack where the runtime allows) and
/// add one simple vectorisable pass, so there is no per-element dynamic dispatch. Measured overhead over the base kernel:
/// about 0.1–0.3 ns per element (release, 256k elements).
public struct AdversarialPartner: Activation {
    /// The activation f this is the partner of.
    public let base: any Activation
    /// Which reading of the paper.
    public let reading: AdversarialReading
    /// M + m, the slope that `flip` subtracts f' from.
    public let slopeSum: Double
    /// f(0), so that the `flip` partner passes through the origin.
    public let baseValueAtZero: Double

    public init(_ base: any Activation, reading: AdversarialReading = .flip) {
        self.base = base
        self.reading = reading
        slopeSum = base.derivativeBounds.lowerBound + base.derivativeBounds.upperBound
        baseValueAtZero = base.value(0.0)
    }

    /// `adversarial(f)` for the flip reading, `reflect(f)` for the reflection; the catalog parses both.
    public var name: String {
        switch reading {
        case .flip: "adversarial(\(base.name))"
        case .reflect: "reflect(\(base.name))"
        }
    }

    public func value<T: RealScalar>(_ x: T) -> T {
        switch reading {
        case .flip: T(slopeSum) * x - base.value(x) + T(baseValueAtZero)
        case .reflect: -base.value(-x)
        }
    }

    public func derivative<T: RealScalar>(_ x: T) -> T {
        switch reading {
        case .flip: T(slopeSum) - base.derivative(x)
        case .reflect: base.derivative(-x)
        }
    }

    /// Both readings keep f's derivative range: (M + m) − f' and f'(−x) range over [m, M].
    public var derivativeBounds: ClosedRange<Double> { base.derivativeBounds }

    /// Elements per chunk. The kernels negate or reconstruct into a scratch buffer of this size
    /// (one temporary allocation per call), so each chunk is still in L1 for the pass after the base kernel.
    static let chunk = 2048

    public func forward(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        switch reading {
        case .flip:
            base.forward(x, into: y)
            let c = Float(slopeSum), f0 = Float(baseValueAtZero)
            for i in 0..<x.count { y[i] = c * x[i] - y[i] + f0 }
        case .reflect:
            Self.chunked(x.count, scratchBuffers: 1) { range, scratch in
                let negatedX = scratch[0], xs = UnsafeBufferPointer(rebasing: x[range])
                let out = UnsafeMutableBufferPointer(rebasing: y[range])
                for i in 0..<range.count { negatedX[i] = -xs[i] }
                base.forward(UnsafeBufferPointer(negatedX), into: out)
                for i in 0..<range.count { out[i] = -out[i] }
            }
        }
    }

    public func backward(x: UnsafeBufferPointer<Float>, y: UnsafeBufferPointer<Float>,
                         outputGradient dy: UnsafeBufferPointer<Float>, into dx: UnsafeMutableBufferPointer<Float>) {
        switch reading {
        case .flip:
            // The base backward may want f(x) (tanh, sigmoid reuse their output): recover it from
            // g = c·x − f + f0 without another transcendental pass. The error is a few ulps of |x| + |f|.
            let c = Float(slopeSum), f0 = Float(baseValueAtZero)
            Self.chunked(x.count, scratchBuffers: 1) { range, scratch in
                let baseOutput = scratch[0]
                let xs = UnsafeBufferPointer(rebasing: x[range]), ys = UnsafeBufferPointer(rebasing: y[range])
                let dys = UnsafeBufferPointer(rebasing: dy[range]), out = UnsafeMutableBufferPointer(rebasing: dx[range])
                for i in 0..<range.count { baseOutput[i] = c * xs[i] + f0 - ys[i] }
                base.backward(x: xs, y: UnsafeBufferPointer(baseOutput), outputGradient: dys, into: out)
                for i in 0..<range.count { out[i] = c * dys[i] - out[i] }
            }
        case .reflect:
            // g'(x) = f'(−x), and the base's output at −x is −g(x): both negations are exact.
            Self.chunked(x.count, scratchBuffers: 2) { range, scratch in
                let negatedX = scratch[0], baseOutput = scratch[1]
                let xs = UnsafeBufferPointer(rebasing: x[range]), ys = UnsafeBufferPointer(rebasing: y[range])
                for i in 0..<range.count { negatedX[i] = -xs[i] }
                for i in 0..<range.count { baseOutput[i] = -ys[i] }
                base.backward(x: UnsafeBufferPointer(negatedX), y: UnsafeBufferPointer(baseOutput),
                              outputGradient: UnsafeBufferPointer(rebasing: dy[range]),
                              into: UnsafeMutableBufferPointer(rebasing: dx[range]))
            }
        }
    }

    /// Calls `body` for consecutive ranges of at most `chunk` elements covering 0..<count, with
    /// `scratchBuffers` stack buffers of the range's length.
    private static func chunked(_ count: Int, scratchBuffers: Int,
                                _ body: (Range<Int>, [UnsafeMutableBufferPointer<Float>]) -> Void) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: chunk * scratchBuffers) { storage in
            var start = 0
            while start < count {
                let range = start..<min(start + chunk, count)
                let buffers = (0..<scratchBuffers).map {
                    UnsafeMutableBufferPointer(rebasing: storage[($0 * chunk)..<($0 * chunk + range.count)])
                }
                body(range, buffers)
                start = range.upperBound
            }
        }
    }
}

extension Activation {
    /// The adversarial partner of this activation (an **interpretation** of Su, Zhu & Li 2024);
    /// see `AdversarialPartner`.
    public func adversarialPartner(reading: AdversarialReading = .flip) -> any Activation {
        AdversarialPartner(self, reading: reading)
    }
}
