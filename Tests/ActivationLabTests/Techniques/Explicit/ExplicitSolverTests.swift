import Foundation
import Testing
@testable import ActivationLab

@Suite struct ExplicitSolverTests {
    @Test func exactOneHotSolutionIsAStationaryPoint() throws {
        let data = ExplicitTestData.oneHot()
        let f = try CoOccurrence(dataset: data)
        let weight = ExplicitSolver.exactOneHotWeights(f)
        let zeros = [Double](repeating: 0, count: data.classCount)
        let g = ExplicitTestData.gradient(data, weight: weight, bias: zeros)
        #expect(g.map(abs).max()! <= 1e-6)
        // Control: moving away from the solution gives a clearly non-zero gradient.
        var moved = weight
        moved[0] += 0.5
        let g2 = ExplicitTestData.gradient(data, weight: moved, bias: zeros)
        #expect(g2.map(abs).max()! > 1e-3)
    }

    @Test func coOccurrenceCountsFeatureTotalsPerClass() throws {
        let data = ExplicitTestData.multiHot(features: 4, classes: 3, samples: 50)
        let f = try CoOccurrence(dataset: data)
        for i in 0..<4 {
            for j in 0..<3 {
                let expected = (0..<data.count).filter { data.labels[$0] == j }
                    .reduce(0.0) { $0 + Double(data.features[flat: $1 * 4 + i]) }
                #expect(abs(f[feature: i, class: j] - expected) < 1e-9)
            }
        }
        #expect(f.classTotals.reduce(0, +) == 50)
    }

    @Test func profileReadingGivesTheExactSoftmaxForOneHotInputs() throws {
        let data = ExplicitTestData.oneHot()
        let f = try CoOccurrence(dataset: data)
        let exact = ExplicitSolver.exactOneHotWeights(f)
        let (weight, bias) = try ExplicitSolver.unitWeights(f, reading: .profile, pseudoCount: 0)
        let (features, classes) = (f.featureCount, f.classCount)
        for i in 0..<features {
            let p = ExplicitTestData.softmax((0..<classes).map { Double(weight[$0 * features + i]) + Double(bias[$0]) })
            let q = ExplicitTestData.softmax((0..<classes).map { exact[$0 * features + i] })
            for j in 0..<classes { #expect(abs(p[j] - q[j]) < 1e-5) }
        }
        // The logits themselves differ (a per-feature constant), so the intercept is doing the work.
        #expect(abs(Double(weight[0]) - exact[0]) > 1e-3)
    }

    @Test func fittedScaleIsOneForOneHotInputs() throws {
        let result = try ExplicitSolver.solve(ExplicitTestData.oneHot())
        #expect(abs(result.scale - 1) < 0.02)
    }

    @Test func fittedScaleMinimisesTrainingCrossEntropyOnAGrid() throws {
        let data = ExplicitTestData.multiHot()
        let fitted = try ExplicitSolver.solve(data)
        let best = fitted.evaluate(data).crossEntropy
        #expect(abs(best - fitted.trainCrossEntropy) < 1e-4)
        for factor in [0.25, 0.5, 0.8, 0.9, 1.1, 1.25, 2, 4] {
            let other = try ExplicitSolver.solve(data, options: ExplicitOptions(scale: .priming(1 / (fitted.scale * factor))))
            #expect(other.evaluate(data).crossEntropy >= best - 1e-6, "s = \(fitted.scale * factor)")
        }
        // The scale matters: the grid's ends are clearly worse.
        let far = try ExplicitSolver.solve(data, options: ExplicitOptions(scale: .priming(1 / (fitted.scale * 4))))
        #expect(far.evaluate(data).crossEntropy > best + 1e-3)
    }

    @Test func newtonAndGoldenSectionFindTheSameScale() throws {
        let data = ExplicitTestData.multiHot()
        let f = try CoOccurrence(dataset: data)
        let (weight, bias) = try ExplicitSolver.unitWeights(f, reading: .profile, pseudoCount: 0.01)
        let scores = data.features.matmul(Tensor(shape: [3, 12], scalars: weight), transposeOther: true).scalars
        let newton = ScaleSearch.fit(scores: scores, labels: data.labels, bias: bias)
        let golden = ScaleSearch.goldenSection(scores: scores, labels: data.labels, bias: bias)
        #expect(abs(newton.scale - golden.scale) < 1e-3 * golden.scale)
        // The analytic derivative matches a central difference in s.
        let h = 1e-3 * newton.scale
        let d = ScaleSearch.derivatives(scores: scores, labels: data.labels, bias: bias, scale: 2 * newton.scale)
        let up = ScaleSearch.crossEntropy(scores: scores, labels: data.labels, bias: bias, scale: 2 * newton.scale + h)
        let down = ScaleSearch.crossEntropy(scores: scores, labels: data.labels, bias: bias, scale: 2 * newton.scale - h)
        #expect(abs(d.first - (up - down) / (2 * h)) < 1e-3 * max(1, abs(d.first)))
    }

    @Test func negativeInputsAreAClearError() {
        var data = ExplicitTestData.multiHot(samples: 10)
        data.features[flat: 2 * 12 + 3] = -0.5
        do {
            _ = try ExplicitSolver.solve(data)
            Issue.record("negative input accepted")
        } catch let error as ExplicitError {
            #expect(error.description.contains("multi-hot"))
            #expect(error.description.contains("sample 2 feature 3 is -0.5"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func shiftIsFoldedIntoTheBias() throws {
        var data = ExplicitTestData.multiHot(samples: 200)
        data.features = data.features.map { $0 - 0.4 }
        let options = ExplicitOptions(scale: .priming(7), shift: 0.4)
        let shifted = try ExplicitSolver.solve(data, options: options)
        var moved = data
        moved.features = data.features.map { $0 + 0.4 }
        let plain = try ExplicitSolver.solve(moved, options: ExplicitOptions(scale: .priming(7)))
        let a = shifted.logits(for: data.features), b = plain.logits(for: moved.features)
        for k in 0..<a.count { #expect(abs(a[flat: k] - b[flat: k]) < 1e-3) }
    }

    @Test func rowReadingAndFixedPrimingNumber() throws {
        let data = ExplicitTestData.oneHot()
        let result = try ExplicitSolver.solve(data, options: ExplicitOptions(reading: .row, scale: .priming(1), pseudoCount: 0))
        let exact = ExplicitSolver.exactOneHotWeights(try CoOccurrence(dataset: data))
        #expect(result.scale == 1 && result.bias.scalars.allSatisfy { $0 == 0 })
        for k in exact.indices { #expect(abs(Double(result.weight[flat: k]) - exact[k]) < 1e-5) }
        #expect(throws: ExplicitError.self) {
            try ExplicitSolver.solve(data, options: ExplicitOptions(scale: .priming(0)))
        }
    }

    @Test func solutionLoadsIntoADenseLayer() throws {
        let data = ExplicitTestData.multiHot()
        let result = try ExplicitSolver.solve(data)
        var rng = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 12, outputSize: 3, rng: &rng)
        try result.apply(to: dense)
        let y = dense.forward(data.features, mode: .evaluation)
        let z = result.logits(for: data.features)
        for k in 0..<y.count { #expect(abs(y[flat: k] - z[flat: k]) < 1e-5) }
        let wrong = Dense(inputSize: 11, outputSize: 3, rng: &rng)
        #expect(throws: ExplicitError.self) { try result.apply(to: wrong) }
    }

    @Test func outputLayerOfADeeperModelIsSolvedOnItsHiddenFeatures() throws {
        let data = ExplicitTestData.multiHot()
        var rng = SeededGenerator(seed: 4)
        let hidden = Dense(inputSize: 12, outputSize: 8, rng: &rng)
        let output = Dense(inputSize: 8, outputSize: 3, rng: &rng)
        let model = Sequential([hidden, ActivationLayer(ReLU()), output])
        try ExplicitSolver.initializeOutputLayer(of: model, on: data)
        let features = ActivationLayer(ReLU()).forward(hidden.forward(data.features, mode: .evaluation), mode: .evaluation)
        let direct = try ExplicitSolver.solve(Dataset(name: "h", features: features, labels: data.labels, classCount: 3))
        for k in 0..<direct.weight.count { #expect(abs(output.weight.value[flat: k] - direct.weight[flat: k]) < 1e-5) }
        // Without a non-negative activation the hidden features are negative: a clear error.
        let linear = Sequential([Dense(inputSize: 12, outputSize: 8, rng: &rng), Dense(inputSize: 8, outputSize: 3, rng: &rng)])
        #expect(throws: ExplicitError.self) { try ExplicitSolver.initializeOutputLayer(of: linear, on: data) }
    }

    @Test func sparseAndDenseAccumulationAgree() throws {
        let data = ExplicitTestData.multiHot(features: 5, classes: 2, samples: 30)
        var offsets = [0], indices: [Int32] = [], values: [Float] = []
        for n in 0..<30 {
            for i in 0..<5 where data.features[flat: n * 5 + i] != 0 {
                indices.append(Int32(i))
                values.append(data.features[flat: n * 5 + i])
            }
            offsets.append(indices.count)
        }
        let sparse = SparseDataset(name: "s", featureCount: 5, classCount: 2, offsets: offsets, indices: indices,
                                   values: values, labels: data.labels)
        let a = try CoOccurrence(dataset: data), b = try CoOccurrence(sparse: sparse)
        for k in a.counts.indices { #expect(abs(a.counts[k] - b.counts[k]) < 1e-9) }
        let s1 = try ExplicitSolver.solve(data), s2 = try ExplicitSolver.solve(sparse)
        #expect(abs(s1.scale - s2.scale) < 1e-3 * s1.scale)
    }
}
