import Foundation
import Testing
@testable import ActivationLab

@Suite struct CurvatureTests {
    @Test func hessianOfKnownFunctions() {
        // f(w) = ½wᵀAw + bᵀw: H = A (exact for central differences).
        let a: [Double] = [4, 1, -2, 1, 3, 0.5, -2, 0.5, 5]
        let quadratic = Curvature.hessian(at: [0.3, -1, 2], step: 1e-3) { w in
            (0..<3).map { i in (0..<3).reduce(1.5) { $0 + a[i * 3 + $1] * w[$1] } }
        }
        for i in 0..<9 { #expect(abs(quadratic.matrix[i] - a[i]) < 1e-9) }
        #expect(quadratic.asymmetry < 1e-9)
        // f(w) = exp(w0) + w0·w1²: H = [[exp(w0), 2w1], [2w1, 2w0]].
        let w = [0.4, -0.7]
        let smooth = Curvature.hessian(at: w, step: 1e-3) { w in [exp(w[0]) + w[1] * w[1], 2 * w[0] * w[1]] }
        let truth = [exp(w[0]), 2 * w[1], 2 * w[1], 2 * w[0]]
        for i in 0..<4 { #expect(abs(smooth.matrix[i] - truth[i]) < 1e-6, "\(i): \(smooth.matrix[i]) vs \(truth[i])") }
    }

    @Test func angleIsZeroForScaledIdentity() {
        let n = 5
        var h = [Double](repeating: 0, count: n * n)
        for i in 0..<n { h[i * n + i] = 2.5 }
        let report = Curvature.report(hessian: h, gradient: [1, -2, 0.5, 3, 0.1])
        #expect(report.angles.count == 20)
        for angle in report.angles { #expect(angle.degrees.map { $0 < 1e-5 } == true, "\(angle)") }
        #expect(report.eigenvalueSpread == 1 && report.conditionNumber == 1 && report.offDiagonalRatio == 0)
    }

    @Test func angleAndSpreadForDiagonalHessian() {
        // H = diag(1, 4), g = (1, 1), μ = 0: u = (1, 1/4).
        let report = Curvature.report(hessian: [1, 0, 0, 4], gradient: [1, 1], mus: [0, 1e3])
        let expected = acos(1.25 / (2.0.squareRoot() * (1 + 1.0 / 16).squareRoot())) * 180 / .pi
        #expect(abs(report.angles[0].degrees! - expected) < 1e-9)
        #expect(report.angles[1].degrees! < 0.1, "large μ turns u towards g")
        #expect(report.eigenvalueSpread == 4 && report.largestEigenvalue == 4 && report.negativeCount == 0)
        // A negative eigenvalue disables the μ that do not make H + μI positive definite.
        let indefinite = Curvature.report(hessian: [-0.01, 0, 0, 1], gradient: [1, 1], mus: [0.005, 0.02])
        #expect(indefinite.angles[0].degrees == nil)
        #expect(indefinite.angles[1].degrees != nil)
        #expect(indefinite.negativeCount == 1 && indefinite.smallestPositiveEigenvalue == 1)
        #expect(indefinite.conditionNumber == 100)
    }

    static func tinyProblem(transform: TransformMode = .abg) throws -> (ShortcutNetwork, Tensor, [Int32]) {
        let network = try ShortcutNetworkTests.randomNetwork(sizes: [3, 4, 3, 3], transform: transform, seed: 21)
        let x = ShortcutNetworkTests.normalBatch(rows: 12, columns: 3, seed: 22)
        let labels: [Int32] = (0..<12).map { Int32($0 % 3) }
        return (network, x, labels)
    }

    @Test func doubleEvaluatorMatchesLayerAndFiniteDifferences() throws {
        let (network, x, labels) = try Self.tinyProblem()
        let evaluator = ShortcutLossEvaluator(network: network, inputs: x, labels: labels)
        let weights = ShortcutLossEvaluator.weightVector(of: network)
        #expect(evaluator.weightCount == 3 * 4 + 3 * 3 + 4 * 3 + 3 * 3 + 4 * 3 + 3 * 3)
        let (loss, gradient) = evaluator.lossAndGradient(weights: weights)
        // Against the Float layer and head.
        let result = SoftmaxCrossEntropy().evaluate(logits: network.forward(x, mode: .training), labels: labels)
        for p in network.parameters { p.zeroGradient() }
        _ = network.backward(result.gradient, needsInputGradient: false)
        let floatGradient = network.weights.flatMap { $0.flatMap { $0.gradient.scalars.map(Double.init) } }
        #expect(abs(loss - result.loss) < 1e-5)
        let scale = gradient.map(abs).max()!
        for i in 0..<gradient.count { #expect(abs(gradient[i] - floatGradient[i]) < 1e-4 * scale, "weight \(i)") }
        // Against Double central differences of the loss.
        for i in stride(from: 0, to: weights.count, by: 5) {
            var plus = weights, minus = weights
            plus[i] += 1e-5
            minus[i] -= 1e-5
            let numeric = (evaluator.lossAndGradient(weights: plus).loss - evaluator.lossAndGradient(weights: minus).loss) / 2e-5
            #expect(abs(numeric - gradient[i]) < 1e-8 + 1e-6 * abs(numeric), "weight \(i): \(numeric) vs \(gradient[i])")
        }
    }

    @Test func outputLayerHessianBlockMatchesAnalytic() throws {
        let (network, x, labels) = try Self.tinyProblem()
        let report = Curvature.analyze(network: network, inputs: x, labels: labels)
        #expect(report.asymmetry < 1e-5, "finite-difference asymmetry \(report.asymmetry)")
        let evaluator = ShortcutLossEvaluator(network: network, inputs: x, labels: labels)
        let (matrix, _) = Curvature.hessian(at: ShortcutLossEvaluator.weightVector(of: network), step: 1e-3) {
            evaluator.lossAndGradient(weights: $0).gradient
        }
        // Output weights W(3,0), W(3,1), W(3,2) come last; their block is
        // (1/N)·Σ_t (diag p − ppᵀ)[k,k'] · y_m[j] · y_m'[j'].
        var outputs = [x]
        for l in 1..<network.depth {
            outputs.append(network.activate(layer: l, network.preActivation(layer: l, inputs: outputs)).output)
        }
        let p = Softmax.probabilities(network.preActivation(layer: network.depth, inputs: outputs))
        let n = evaluator.weightCount
        let classes = 3
        var blocks: [(m: Int, offset: Int)] = []
        var offset = n - classes * (3 + 4 + 3)
        for m in 0..<3 {
            blocks.append((m, offset))
            offset += classes * network.sizes[m]
        }
        var worst = 0.0, peak = 0.0
        for (m, om) in blocks {
            for (m2, om2) in blocks {
                for k in 0..<classes {
                    for j in 0..<network.sizes[m] {
                        for k2 in 0..<classes {
                            for j2 in 0..<network.sizes[m2] {
                                var truth = 0.0
                                for t in 0..<x.rows {
                                    let pk = Double(p[t, k]), pk2 = Double(p[t, k2])
                                    truth += ((k == k2 ? pk : 0) - pk * pk2) * Double(outputs[m][t, j]) * Double(outputs[m2][t, j2])
                                }
                                truth /= Double(x.rows)
                                let row = om + k * network.sizes[m] + j, column = om2 + k2 * network.sizes[m2] + j2
                                worst = max(worst, abs(matrix[row * n + column] - truth))
                                peak = max(peak, abs(truth))
                            }
                        }
                    }
                }
            }
        }
        #expect(worst < 1e-5 * peak + 1e-7, "worst \(worst) of \(peak)")
        #expect(report.weightCount == n && report.eigenvalues.count == n)
        // Softmax is invariant to adding one vector to every output unit's weights: 3 + 4 + 3 flat directions.
        #expect(report.zeroCount >= 3 + 4 + 3)
        for (m, om) in blocks {
            for j in 0..<network.sizes[m] {
                var flat = [Double](repeating: 0, count: n)
                for k in 0..<classes { flat[om + k * network.sizes[m] + j] = 1 }
                var residual = 0.0
                for i in 0..<n { residual = max(residual, abs((0..<n).reduce(0.0) { $0 + matrix[i * n + $1] * flat[$1] })) }
                #expect(residual < 1e-6 * peak, "H·v for the flat direction (\(m), \(j)): \(residual)")
            }
        }
        var trace = 0.0
        for i in 0..<n { trace += matrix[i * n + i] }
        let eigenvalueSum: Double = report.eigenvalues.reduce(0, +)
        #expect(abs(eigenvalueSum - trace) < 1e-8)
    }

    @Test func experimentRunsAllVariantsAndEncodes() throws {
        let data = SyntheticTeacherDataset.make(samples: 60, features: 4, classes: 3, seed: 5)
        let experiment = CurvatureExperiment(hidden: [5, 4], steps: 15, batchSize: 20, learningRate: 0.2, seed: 3)
        var reports: [CurvatureReport] = []
        for mode in TransformMode.allCases {
            let report = try experiment.run(data: data, transform: mode)
            #expect(report.transform == mode.rawValue && report.trainingSteps == 15)
            #expect(report.loss.isFinite && report.loss < log(3.0) + 0.5)
            #expect(report.angles.contains { $0.degrees != nil })
            #expect(report.diagnostics.count == 2)
            reports.append(report)
        }
        // none and shortcuts both train the untransformed shortcut network here; ab moves α.
        #expect(reports[0].diagnostics[0].meanAlpha == 0 && reports[2].diagnostics[0].meanAlpha < 0)
        #expect(reports[0].eigenvalues == reports[1].eigenvalues)
        let decoded = try JSONDecoder().decode([CurvatureReport].self, from: JSONEncoder().encode(reports))
        #expect(decoded.map(\.eigenvalues) == reports.map(\.eigenvalues))
    }

    @Test func syntheticDataIsSeededAndUsesAllClasses() {
        let a = SyntheticTeacherDataset.make(samples: 300, features: 6, classes: 3, seed: 9)
        let b = SyntheticTeacherDataset.make(samples: 300, features: 6, classes: 3, seed: 9)
        #expect(a.features == b.features && a.labels == b.labels)
        #expect(Set(a.labels).count == 3)
        #expect(SyntheticTeacherDataset.make(samples: 300, features: 6, classes: 3, seed: 10).labels != a.labels)
    }
}
