/// Batch normalisation (Ioffe & Szegedy, ICML 2015) with PyTorch's `BatchNorm1d`/`BatchNorm2d`
/// semantics, per feature of `[N, D]` input or per channel of `[N, C, H, W]` input:
///
///     x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β
///
/// Training uses the batch's μ and biased σ² (over N, or over N·H·W positions) and updates the running
/// statistics `r ← (1 − momentum)·r + momentum·batch`, with the *unbiased* variance for `running_var`.
/// Evaluation normalises with the running statistics. Backward in training mode goes through the batch
/// statistics (M values per channel, g = ∂y·γ):
///
///     ∂x = (1/√(σ² + ε)) · (g − mean(g) − x̂·mean(g·x̂)),   ∂γ = Σ ∂y·x̂,   ∂β = Σ ∂y
///
/// The running statistics are `buffers` (saved in checkpoints, invisible to optimisers).
public final class BatchNorm: Layer {
    public let features: Int
    public let momentum: Float
    public let epsilon: Float
    /// γ, `[features]`, starts at 1.
    public let gamma: Parameter
    /// β, `[features]`, starts at 0.
    public let beta: Parameter
    /// Running mean, `[features]`, starts at 0 (PyTorch's `running_mean`).
    public let runningMean: Buffer
    /// Running (unbiased) variance, `[features]`, starts at 1 (PyTorch's `running_var`).
    public let runningVariance: Buffer

    private var normalized = Tensor(zeros: [0])
    private var inverseStd: [Float] = []
    private var trainingStatistics = false

    /// - Parameters:
    ///   - features: D for `[N, D]` input, C for `[N, C, H, W]`.
    ///   - momentum: weight of the current batch in the running statistics (PyTorch's default 0.1).
    ///   - epsilon: added to the variance before the square root.
    public init(features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        gamma = Parameter(name: "gamma", value: Tensor(repeating: 1, shape: [features]), decays: false)
        beta = Parameter(name: "beta", value: Tensor(zeros: [features]), decays: false)
        runningMean = Buffer(name: "running_mean", value: Tensor(zeros: [features]))
        runningVariance = Buffer(name: "running_var", value: Tensor(repeating: 1, shape: [features]))
    }

    public var parameters: [Parameter] { [gamma, beta] }
    public var buffers: [Buffer] { [runningMean, runningVariance] }
    public var description: String { "BatchNorm(\(features))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        guard shape.count == 1 || shape.count == 3 else {
            throw ModelError("\(description) expects [features] or [channels, height, width] per sample, got shape \(shape)")
        }
        guard shape[0] == features else {
            throw ModelError("\(description) expects \(features) features/channels, got \(shape[0]) (shape \(shape))")
        }
        guard momentum >= 0, momentum <= 1, epsilon > 0 else {
            throw ModelError("\(description): momentum must be in [0, 1] and epsilon positive")
        }
        return shape
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition((input.rank == 2 || input.rank == 4) && input.shape[1] == features,
                     "\(description): input \(input.shape)")
        let (n, c) = (input.shape[0], features)
        let spatial = input.rank == 4 ? input.shape[2] * input.shape[3] : 1
        let count = n * spatial
        let fast = KernelChoice.current.usesCurrentPaths
        var mean = [Float](repeating: 0, count: c)
        var variance = [Float](repeating: 0, count: c)
        trainingStatistics = mode == .training
        if trainingStatistics {
            precondition(count > 1, "\(description): batch statistics need more than one value per channel")
            // Two passes in Double per (image, channel) row: mean, then the centred second moment.
            var sums = [Double](repeating: 0, count: c)
            var squares = [Double](repeating: 0, count: c)
            input.withUnsafeBufferPointer { x in
                for image in 0..<n {
                    for channel in 0..<c {
                        let row = x.baseAddress! + (image * c + channel) * spatial
                        sums[channel] += Double(Self.rowSum(row, spatial, fast: fast))
                    }
                }
                for channel in 0..<c { mean[channel] = Float(sums[channel] / Double(count)) }
                for image in 0..<n {
                    for channel in 0..<c {
                        let row = x.baseAddress! + (image * c + channel) * spatial
                        squares[channel] += Double(Self.rowSquaredDeviations(row, spatial, mean[channel], fast: fast))
                    }
                }
            }
            let unbiased = Double(count) / Double(count - 1)
            runningMean.value.withUnsafeMutableBufferPointer { rm in
                runningVariance.value.withUnsafeMutableBufferPointer { rv in
                    for channel in 0..<c {
                        variance[channel] = Float(squares[channel] / Double(count))
                        rm[channel] = (1 - momentum) * rm[channel] + momentum * mean[channel]
                        rv[channel] = (1 - momentum) * rv[channel] + momentum * Float(squares[channel] / Double(count) * unbiased)
                    }
                }
            }
        } else {
            mean = runningMean.value.scalars
            variance = runningVariance.value.scalars
        }
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }

        var xhat = Tensor.uninitialized(shape: input.shape) { _ in }  // every element is written below
        let output = Tensor.uninitialized(shape: input.shape) { y in
            input.withUnsafeBufferPointer { x in
                xhat.withUnsafeMutableBufferPointer { h in
                    gamma.value.withUnsafeBufferPointer { g in
                        beta.value.withUnsafeBufferPointer { b in
                            for image in 0..<n {
                                for channel in 0..<c {
                                    let base = (image * c + channel) * spatial
                                    let (m, inv, scale, shift) = (mean[channel], inverseStd[channel], g[channel], b[channel])
                                    for s in base..<base + spatial {
                                        let value = (x[s] - m) * inv
                                        h[s] = value
                                        y[s] = scale * value + shift
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        normalized = xhat
        return output
    }

    // The per-(image, channel) row reductions: in SIMD lanes with the fast kernels, one running sum with
    // the reference kernels (the order the layer had before; `KernelChoice`).
    private static func rowSum(_ row: UnsafePointer<Float>, _ count: Int, fast: Bool) -> Float {
        if fast { return LaneSums.sum(row, count: count) }
        var sum: Float = 0
        for s in 0..<count { sum += row[s] }
        return sum
    }

    private static func rowSquaredDeviations(_ row: UnsafePointer<Float>, _ count: Int, _ m: Float, fast: Bool) -> Float {
        if fast { return LaneSums.squaredDeviations(row, count: count, mean: m) }
        var sum: Float = 0
        for s in 0..<count { sum += (row[s] - m) * (row[s] - m) }
        return sum
    }

    private static func rowSumAndDot(_ dy: UnsafePointer<Float>, _ h: UnsafePointer<Float>, _ count: Int,
                                     fast: Bool) -> (Float, Float) {
        if fast { return LaneSums.sumAndDot(dy, h, count: count) }
        var (a, b): (Float, Float) = (0, 0)
        for s in 0..<count {
            a += dy[s]
            b += dy[s] * h[s]
        }
        return (a, b)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let shape = normalized.shape
        precondition(outputGradient.count == normalized.count, "\(description): gradient \(outputGradient.shape)")
        let (n, c) = (shape[0], features)
        let spatial = normalized.count / max(n * c, 1)
        let count = n * spatial
        let fast = KernelChoice.current.usesCurrentPaths
        var sumDy = [Double](repeating: 0, count: c)
        var sumDyXhat = [Double](repeating: 0, count: c)
        outputGradient.withUnsafeBufferPointer { dy in
            normalized.withUnsafeBufferPointer { h in
                for image in 0..<n {
                    for channel in 0..<c {
                        let base = (image * c + channel) * spatial
                        let (a, b) = Self.rowSumAndDot(dy.baseAddress! + base, h.baseAddress! + base, spatial, fast: fast)
                        sumDy[channel] += Double(a)
                        sumDyXhat[channel] += Double(b)
                    }
                }
            }
        }
        gamma.gradient.withUnsafeMutableBufferPointer { dg in
            beta.gradient.withUnsafeMutableBufferPointer { db in
                for channel in 0..<c {
                    dg[channel] += Float(sumDyXhat[channel])
                    db[channel] += Float(sumDy[channel])
                }
            }
        }
        guard needsInputGradient else { return nil }
        // Per channel: ∂x = k·(∂y − a − x̂·b) with k = γ/√(σ²+ε); in evaluation the statistics are
        // constants, so a = b = 0.
        let g = gamma.value.scalars
        let k = (0..<c).map { g[$0] * inverseStd[$0] }
        let a = (0..<c).map { trainingStatistics ? Float(sumDy[$0] / Double(count)) : 0 }
        let b = (0..<c).map { trainingStatistics ? Float(sumDyXhat[$0] / Double(count)) : 0 }
        return Tensor.uninitialized(shape: shape) { dx in
            outputGradient.withUnsafeBufferPointer { dy in
                normalized.withUnsafeBufferPointer { h in
                    for image in 0..<n {
                        for channel in 0..<c {
                            let base = (image * c + channel) * spatial
                            let (kc, ac, bc) = (k[channel], a[channel], b[channel])
                            for s in base..<base + spatial { dx[s] = kc * (dy[s] - ac - h[s] * bc) }
                        }
                    }
                }
            }
        }
    }
}
