import Foundation
import Testing
@testable import ActivationLab

@Suite struct SymmetricEigenTests {
    @Test func tridiagonalToeplitzHasKnownEigenvalues() {
        let eigen = SymmetricEigen(symmetric: [2, 1, 0, 1, 2, 1, 0, 1, 2], dimension: 3)
        let expected = [2 - 2.0.squareRoot(), 2, 2 + 2.0.squareRoot()]
        for (value, truth) in zip(eigen.eigenvalues, expected) { #expect(abs(value - truth) < 1e-12) }
        // The eigenvector of 2 is (1, 0, −1)/√2 up to sign.
        let v = eigen.eigenvector(1)
        #expect(abs(abs(v[0]) - 0.5.squareRoot()) < 1e-12 && abs(v[1]) < 1e-12 && abs(v[0] + v[2]) < 1e-12)
    }

    @Test func randomSymmetricMatrixIsReconstructed() {
        let n = 30
        var rng = SeededGenerator(seed: 4)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in i..<n { a[i * n + j] = Double(rng.normal()); a[j * n + i] = a[i * n + j] } }
        let eigen = SymmetricEigen(symmetric: a, dimension: n)
        #expect(zip(eigen.eigenvalues, eigen.eigenvalues.dropFirst()).allSatisfy { $0 <= $1 })
        var worstResidual = 0.0, worstOrthogonality = 0.0
        for j in 0..<n {
            let v = eigen.eigenvector(j)
            for i in 0..<n {
                var av = 0.0
                for k in 0..<n { av += a[i * n + k] * v[k] }
                worstResidual = max(worstResidual, abs(av - eigen.eigenvalues[j] * v[i]))
            }
            for k in 0..<n {
                let w = eigen.eigenvector(k)
                let dot = zip(v, w).reduce(0) { $0 + $1.0 * $1.1 }
                worstOrthogonality = max(worstOrthogonality, abs(dot - (j == k ? 1 : 0)))
            }
        }
        #expect(worstResidual < 1e-10, "‖Av − λv‖∞ = \(worstResidual)")
        #expect(worstOrthogonality < 1e-12, "VᵀV − I = \(worstOrthogonality)")
        // Trace is preserved.
        let trace = (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }
        #expect(abs(eigen.eigenvalues.reduce(0, +) - trace) < 1e-10)
    }

    @Test func diagonalRepeatedAndTinyCases() {
        let eigen = SymmetricEigen(symmetric: [3, 0, 0, 0, -1, 0, 0, 0, 3], dimension: 3)
        #expect(eigen.eigenvalues == [-1, 3, 3])
        #expect(SymmetricEigen(symmetric: [5], dimension: 1).eigenvalues == [5])
        #expect(SymmetricEigen(symmetric: [], dimension: 0).eigenvalues.isEmpty)
    }
}
