import Testing
@testable import ActivationLab

@Suite struct DropoutTests {
    @Test func keepsAboutOneMinusPAndRescales() {
        let dropout = Dropout(rate: 0.3, seed: 1)
        let x = Tensor(repeating: 2, shape: [100, 1000])
        let y = dropout.forward(x, mode: .training)
        let kept = y.scalars.filter { $0 != 0 }
        let fraction = Double(kept.count) / Double(x.count)
        #expect(abs(fraction - 0.7) < 0.005, "kept \(fraction)")
        #expect(kept.allSatisfy { abs($0 - 2 / 0.7) < 1e-5 })
        // The gradient passes exactly where the input did, with the same scale.
        let dx = dropout.backward(Tensor(repeating: 1, shape: x.shape))
        for i in stride(from: 0, to: x.count, by: 97) { #expect(dx[flat: i] * 2 == y[flat: i]) }
    }

    @Test func evaluationIsTheIdentity() {
        let dropout = Dropout(rate: 0.5, seed: 2)
        let x = GradientCheck.randomTensor([4, 10])
        #expect(dropout.forward(x, mode: .evaluation) == x)
        #expect(dropout.backward(x) == x)
    }

    @Test func masksAreDeterministicPerSeedAndFreshPerCall() {
        let x = Tensor(repeating: 1, shape: [8, 64])
        let a = Dropout(rate: 0.5, seed: 9), b = Dropout(rate: 0.5, seed: 9), c = Dropout(rate: 0.5, seed: 10)
        let first = a.forward(x, mode: .training)
        #expect(first == b.forward(x, mode: .training))
        #expect(first != c.forward(x, mode: .training))
        #expect(first != a.forward(x, mode: .training))
    }

    @Test func gradientsMatchFiniteDifferencesWithAFixedMask() {
        let dropout = Dropout(rate: 0.4, seed: 3)
        dropout.reusesMask = true
        let failures = GradientCheck.mismatches(of: dropout, input: GradientCheck.randomTensor([4, 6]))
        #expect(failures.isEmpty, "\(failures)")
        #expect(dropout.forward(Tensor(repeating: 1, shape: [4, 6]), mode: .training).scalars.contains(0))
    }

    @Test func rejectsInvalidRates() {
        #expect(throws: ModelError.self) { try Dropout(rate: 1, seed: 0).outputShape(forInput: [10]) }
        #expect(throws: ModelError.self) { try Dropout(rate: -0.1, seed: 0).outputShape(forInput: [10]) }
        #expect((try? Dropout(rate: 0, seed: 0).outputShape(forInput: [10])) == [10])
    }
}
