import Foundation

/// Hessians by central differences of an analytic gradient, their spectra, and gradient-vs-Newton angles.
public enum Curvature {
    /// The authors' μ grid: 20 values log-spaced from 1e-4 to 10^−0.3 ≈ 0.5.
    public static let defaultMus: [Double] = (0..<20).map { pow(10, -4 + 3.7 * Double($0) / 19) }

    /// A μ is used only where the smallest eigenvalue of H + μI exceeds this (the authors' rule).
    public static let minimumShiftedEigenvalue = 1e-5

    /// H[i][j] = (g_i(w + h·e_j) − g_i(w − h·e_j)) / 2h, then symmetrised (H + Hᵀ)/2.
    ///
    /// - Returns: the row-major symmetrised Hessian and max|H − Hᵀ| / max|H| before symmetrising.
    public static func hessian(at point: [Double], step h: Double,
                               gradient: ([Double]) -> [Double]) -> (matrix: [Double], asymmetry: Double) {
        let n = point.count
        var matrix = [Double](repeating: 0, count: n * n)
        var w = point
        for j in 0..<n {
            w[j] = point[j] + h
            let up = gradient(w)
            w[j] = point[j] - h
            let down = gradient(w)
            w[j] = point[j]
            for i in 0..<n { matrix[i * n + j] = (up[i] - down[i]) / (2 * h) }
        }
        var asymmetry = 0.0, peak = 0.0
        for i in 0..<n {
            for j in 0..<n {
                peak = max(peak, abs(matrix[i * n + j]))
                guard j > i else { continue }
                asymmetry = max(asymmetry, abs(matrix[i * n + j] - matrix[j * n + i]))
                let mean = (matrix[i * n + j] + matrix[j * n + i]) / 2
                matrix[i * n + j] = mean
                matrix[j * n + i] = mean
            }
        }
        return (matrix, peak > 0 ? asymmetry / peak : 0)
    }

    /// θ(μ) = arccos(gᵀu / (‖g‖‖u‖)), u = (H + μI)⁻¹g, through the eigen-decomposition:
    /// with c = Vᵀg, gᵀu = Σ c_j²/(λ_j+μ) and ‖u‖² = Σ c_j²/(λ_j+μ)².
    public static func newtonAngles(eigen: SymmetricEigen, gradient g: [Double],
                                    mus: [Double] = defaultMus) -> [CurvatureReport.Angle] {
        let n = eigen.dimension
        let c = (0..<n).map { j in
            var total = 0.0
            for k in 0..<n { total += eigen.eigenvectors[j * n + k] * g[k] }
            return total
        }
        let gNorm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let lambdaMin = eigen.eigenvalues.first ?? 0
        return mus.map { mu in
            guard lambdaMin + mu > minimumShiftedEigenvalue, gNorm > 0 else { return .init(mu: mu, degrees: nil) }
            var dot = 0.0, uNorm2 = 0.0
            for j in 0..<n {
                let scaled = c[j] / (eigen.eigenvalues[j] + mu)
                dot += c[j] * scaled
                uNorm2 += scaled * scaled
            }
            let cosine = min(1, max(-1, dot / (gNorm * uNorm2.squareRoot())))
            return .init(mu: mu, degrees: acos(cosine) * 180 / .pi)
        }
    }

    /// The spectrum statistics and angles of a symmetric Hessian (row-major n×n) and a gradient.
    public static func report(hessian: [Double], gradient: [Double], transform: String = "", sizes: [Int] = [],
                              sampleCount: Int = 0, loss: Double = 0, step: Double = 0, asymmetry: Double = 0,
                              mus: [Double] = defaultMus) -> CurvatureReport {
        let n = gradient.count
        let eigen = SymmetricEigen(symmetric: hessian, dimension: n)
        let values = eigen.eigenvalues
        let largestMagnitude = values.map(abs).max() ?? 0
        let zero = max(1e-9, 10 * asymmetry) * largestMagnitude
        let smallestPositive = values.first { $0 > zero }
        let smallestMagnitude = values.map(abs).filter { $0 > zero }.min() ?? 0
        var diagonal = 0.0, offDiagonal = 0.0
        for i in 0..<n {
            for j in 0..<n {
                let v = hessian[i * n + j] * hessian[i * n + j]
                if i == j { diagonal += v } else { offDiagonal += v }
            }
        }
        let offRMS = n > 1 ? (offDiagonal / Double(n * (n - 1))).squareRoot() : 0
        let diagRMS = n > 0 ? (diagonal / Double(n)).squareRoot() : 0
        let maxValue = values.last ?? 0
        return CurvatureReport(
            transform: transform, sizes: sizes, weightCount: n, sampleCount: sampleCount, trainingSteps: 0,
            loss: loss, gradientNorm: gradient.reduce(0) { $0 + $1 * $1 }.squareRoot(),
            eigenvalues: values, largestEigenvalue: maxValue, smallestEigenvalue: values.first ?? 0,
            zeroTolerance: zero, zeroCount: values.filter { abs($0) <= zero }.count,
            smallestPositiveEigenvalue: smallestPositive, negativeCount: values.filter { $0 < -zero }.count,
            eigenvalueSpread: smallestPositive.map { maxValue / $0 },
            conditionNumber: smallestMagnitude > 0 ? largestMagnitude / smallestMagnitude : nil,
            offDiagonalRatio: diagRMS > 0 ? offRMS / diagRMS : 0,
            finiteDifferenceStep: step, asymmetry: asymmetry,
            angles: newtonAngles(eigen: eigen, gradient: gradient, mus: mus), diagnostics: [])
    }

    /// The curvature report of a shortcut network's full-batch training loss (mean softmax
    /// cross-entropy) with respect to its weights, from a Double central-difference Hessian.
    /// g is the full-batch gradient at the same point (the authors used the current minibatch
    /// gradient; interpretation).
    public static func analyze(network: ShortcutNetwork, inputs: Tensor, labels: [Int32], step: Double = 1e-3,
                               mus: [Double] = defaultMus) -> CurvatureReport {
        let evaluator = ShortcutLossEvaluator(network: network, inputs: inputs.reshaped([inputs.rows, network.sizes[0]]),
                                              labels: labels)
        let weights = ShortcutLossEvaluator.weightVector(of: network)
        let (loss, gradient) = evaluator.lossAndGradient(weights: weights)
        let (matrix, asymmetry) = hessian(at: weights, step: step) { evaluator.lossAndGradient(weights: $0).gradient }
        return report(hessian: matrix, gradient: gradient, transform: network.transform.rawValue,
                      sizes: network.sizes, sampleCount: labels.count, loss: loss, step: step,
                      asymmetry: asymmetry, mus: mus)
    }
}
