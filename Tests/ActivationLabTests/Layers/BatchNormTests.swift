import Testing
@testable import ActivationLab

@Suite struct BatchNormTests {
    static func randomized(_ norm: BatchNorm, seed: UInt64) -> BatchNorm {
        norm.gamma.value = GradientCheck.randomTensor([norm.features], low: 0.5, high: 1.5, seed: seed)
        norm.beta.value = GradientCheck.randomTensor([norm.features], seed: seed + 1)
        return norm
    }

    @Test func trainingNormalisesEachFeatureAndUpdatesRunningStatistics() {
        let norm = BatchNorm(features: 2)
        // Feature 0: 1, 2, 3, 6 (mean 3, biased var 3.5, unbiased 14/3); feature 1: constant 5.
        let x = Tensor(shape: [4, 2], scalars: [1, 5, 2, 5, 3, 5, 6, 5])
        let y = norm.forward(x, mode: .training)
        let expected = [1, 2, 3, 6].map { (Double($0) - 3) / (3.5 + 1e-5).squareRoot() }
        for (i, e) in expected.enumerated() {
            #expect(abs(Double(y[i, 0]) - e) < 1e-5)
            #expect(y[i, 1] == 0)
        }
        #expect(abs(norm.runningMean.value[flat: 0] - 0.3) < 1e-6)
        #expect(abs(norm.runningMean.value[flat: 1] - 0.5) < 1e-6)
        #expect(abs(Double(norm.runningVariance.value[flat: 0]) - (0.9 + 0.1 * 14.0 / 3)) < 1e-6)
        #expect(abs(norm.runningVariance.value[flat: 1] - 0.9) < 1e-6)
    }

    @Test func channelStatisticsCoverBatchAndPositions() {
        let norm = BatchNorm(features: 2)
        let x = GradientCheck.randomTensor([3, 2, 4, 5], low: 2, high: 6)
        let y = norm.forward(x, mode: .training)
        for channel in 0..<2 {
            var values: [Double] = []
            for n in 0..<3 { for s in 0..<20 { values.append(Double(y[flat: (n * 2 + channel) * 20 + s])) } }
            let mean = values.reduce(0, +) / 60
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 60
            #expect(abs(mean) < 1e-5)
            #expect(abs(variance - 1) < 1e-3)
        }
    }

    @Test func evaluationUsesRunningStatistics() {
        let norm = BatchNorm(features: 2)
        norm.runningMean.value = Tensor(shape: [2], scalars: [1, -2])
        norm.runningVariance.value = Tensor(shape: [2], scalars: [4, 0.25])
        norm.gamma.value = Tensor(shape: [2], scalars: [2, 1])
        norm.beta.value = Tensor(shape: [2], scalars: [0.5, 0])
        let y = norm.forward(Tensor(shape: [1, 2], scalars: [5, -1]), mode: .evaluation)
        #expect(abs(Double(y[flat: 0]) - (2 * 4 / (4 + 1e-5).squareRoot() + 0.5)) < 1e-5)
        #expect(abs(Double(y[flat: 1]) - 1 / (0.25 + 1e-5).squareRoot()) < 1e-5)
        #expect(norm.runningMean.value.scalars == [1, -2], "evaluation must not update running statistics")
    }

    @Test func gradientsMatchFiniteDifferencesForFeatures() {
        let norm = Self.randomized(BatchNorm(features: 3), seed: 5)
        let failures = GradientCheck.mismatches(of: norm, input: GradientCheck.randomTensor([6, 3]))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func gradientsMatchFiniteDifferencesForImages() {
        let norm = Self.randomized(BatchNorm(features: 2), seed: 6)
        let failures = GradientCheck.mismatches(of: norm, input: GradientCheck.randomTensor([2, 2, 3, 3]),
                                                coordinatesPerTensor: 36)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func gradientsMatchFiniteDifferencesInEvaluation() {
        let norm = Self.randomized(BatchNorm(features: 2), seed: 7)
        norm.runningMean.value = Tensor(shape: [2], scalars: [0.3, -0.2])
        norm.runningVariance.value = Tensor(shape: [2], scalars: [0.5, 2])
        let failures = GradientCheck.mismatches(of: norm, input: GradientCheck.randomTensor([2, 2, 2, 2]), mode: .evaluation)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func parametersBuffersAndShapes() throws {
        let norm = BatchNorm(features: 4)
        #expect(norm.parameters.map(\.name) == ["gamma", "beta"])
        #expect(norm.parameters.allSatisfy { !$0.decays })
        #expect(norm.buffers.map(\.name) == ["running_mean", "running_var"])
        #expect(Sequential([norm, BatchNorm(features: 4)]).buffers.count == 4)
        #expect(try norm.outputShape(forInput: [4]) == [4])
        #expect(try norm.outputShape(forInput: [4, 5, 5]) == [4, 5, 5])
        #expect(throws: ModelError.self) { try norm.outputShape(forInput: [3, 5, 5]) }
        #expect(throws: ModelError.self) { try norm.outputShape(forInput: [4, 5]) }
    }
}

/// The lane-wise row sums of the fast kernels (`LaneSums`) against the single running sums of the reference.
@Suite struct BatchNormKernelTests {
    @Test func fastAndReferenceKernelsAgree() {
        let x = GradientCheck.randomTensor([3, 4, 5, 7], low: -2, high: 3, seed: 91)
        func run(_ choice: KernelChoice) -> [[Float]] {
            choice.run {
                let norm = BatchNorm(features: 4)
                let y = norm.forward(x, mode: .training)
                let dx = norm.backward(GradientCheck.randomTensor(y.shape, seed: 92))
                return [y.scalars, dx.scalars, norm.gamma.gradient.scalars, norm.beta.gradient.scalars,
                        norm.runningMean.value.scalars, norm.runningVariance.value.scalars]
            }
        }
        for (fast, reference) in zip(run(.fast), run(.reference)) {
            #expect(zip(fast, reference).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) })
        }
    }
}
