import Testing
@testable import ActivationLab

/// `stepAndZeroGradients`: the same update as `step`, gradients left zero, and `Parameter`'s record of a known
/// zero gradient cleared by every write.
@Suite struct GradientZeroingTests {
    /// Parameters of several sizes (below and above the two-core threshold, not multiples of a chunk) with
    /// gradients and values from a seeded generator.
    func parameters(seed: UInt64) -> [Parameter] {
        var rng = SeededGenerator(seed: seed)
        return [1, 300, 40_000, 70_001].enumerated().map { index, count in
            let value = Tensor(shape: [count], scalars: (0..<count).map { _ in Float.random(in: -1...1, using: &rng) })
            let parameter = Parameter(name: "p\(index)", value: value, decays: index % 2 == 0)
            parameter.gradient = Tensor(shape: [count], scalars: (0..<count).map { _ in Float.random(in: -1...1, using: &rng) })
            return parameter
        }
    }

    /// SGD plain, with momentum and weight decay, Nesterov; Adam (the protocol's default).
    static func optimizer(_ kind: String) -> any Optimizer {
        switch kind {
        case "sgd": SGD()
        case "momentum": SGD(momentum: 0.9, weightDecay: 1e-3)
        case "nesterov": SGD(momentum: 0.9, nesterov: true, weightDecay: 1e-3)
        default: Adam()
        }
    }

    @Test(arguments: ["sgd", "momentum", "nesterov", "adam"], [1, 2])
    func zeroingStepUpdatesLikeStepThenZeroes(_ kind: String, threads: Int) {
        let (plain, zeroing) = (Self.optimizer(kind), Self.optimizer(kind))
        let (a, b) = (parameters(seed: 7), parameters(seed: 7))
        ComputeContext(threads: threads).run {
            for round in 0..<3 {
                plain.step(a, learningRate: 0.05)
                zeroing.stepAndZeroGradients(b, learningRate: 0.05)
                for (x, y) in zip(a, b) {
                    #expect(x.value.scalars == y.value.scalars, "round \(round), \(x.name)")
                    #expect(y.gradient.scalars.allSatisfy { $0 == 0 } && y.gradientIsZero)
                    // The next gradients: the same for both, written through the accessor as backward does.
                    let next = x.gradient.scalars.map { $0 * 0.5 + 0.25 }
                    x.gradient = Tensor(shape: x.gradient.shape, scalars: next)
                    y.gradient.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] = next[i] } }
                    #expect(!y.gradientIsZero)
                }
            }
        }
    }

    @Test func zeroGradientSkipsOnlyAKnownZeroGradient() {
        let parameter = Parameter(name: "w", value: Tensor(zeros: [50_000]))
        #expect(parameter.gradientIsZero)  // a new parameter's gradient is zeros
        parameter.gradient.withUnsafeMutableBufferPointer { $0[49_999] = 3 }
        #expect(!parameter.gradientIsZero)
        parameter.zeroGradient()
        #expect(parameter.gradientIsZero && parameter.gradient[flat: 49_999] == 0)
        parameter.gradient = Tensor(shape: [50_000], scalars: [Float](repeating: 1, count: 50_000))
        #expect(!parameter.gradientIsZero)
        parameter.gradient.fill(2)
        #expect(!parameter.gradientIsZero)
        parameter.zeroGradient()
        #expect(parameter.gradient.scalars.allSatisfy { $0 == 0 })
    }

    @Test func aCopyOfTheGradientKeepsItsValuesWhenAnOptimiserClearsIt() {
        let parameter = parameters(seed: 3)[2]
        let before = parameter.gradient
        SGD(momentum: 0.9).stepAndZeroGradients([parameter], learningRate: 0.1)
        #expect(before.scalars.contains { $0 != 0 })
        #expect(parameter.gradient.scalars.allSatisfy { $0 == 0 })
    }
}
