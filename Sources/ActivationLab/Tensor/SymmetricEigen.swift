import Foundation

/// The eigen-decomposition `A = V·diag(λ)·Vᵀ` of a real symmetric matrix, in Double.
///
/// Householder reduction to tridiagonal form followed by the implicit QL algorithm (EISPACK
/// `tred2`/`tql2`, as in JAMA). Cyclic Jacobi would be simpler, but costs ~10 sweeps of 4n³ flops;
/// this is ~(4/3 + 3)·n³ in total, which matters for Hessians of ~1,000 weights.
public struct SymmetricEigen: Sendable {
    /// The dimension n.
    public let dimension: Int
    /// The eigenvalues, ascending.
    public let eigenvalues: [Double]
    /// The orthonormal eigenvectors: eigenvector j is `eigenvectors[j*n ..< (j+1)*n]`.
    public let eigenvectors: [Double]

    /// Decomposes a symmetric n×n matrix given row-major (only its symmetric part is meaningful).
    public init(symmetric matrix: [Double], dimension n: Int) {
        precondition(matrix.count == n * n, "SymmetricEigen: \(matrix.count) elements for n = \(n)")
        dimension = n
        guard n > 0 else {
            eigenvalues = []
            eigenvectors = []
            return
        }
        var v = matrix  // row-major V[i][j] = v[i*n + j]
        var d = [Double](repeating: 0, count: n)
        var e = [Double](repeating: 0, count: n)
        Self.tridiagonalize(&v, &d, &e, n)
        // Column-major from here, so the QL rotations sweep contiguous eigenvectors.
        var columns = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { columns[j * n + i] = v[i * n + j] } }
        Self.diagonalize(&columns, &d, &e, n)
        eigenvalues = d
        eigenvectors = columns
    }

    /// Eigenvector j as an array.
    public func eigenvector(_ j: Int) -> [Double] { Array(eigenvectors[(j * dimension)..<((j + 1) * dimension)]) }

    /// Householder tridiagonalisation (EISPACK tred2): on return `v` holds the orthogonal transform,
    /// `d` the diagonal and `e` the sub-diagonal (e[0] = 0).
    private static func tridiagonalize(_ v: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
        for j in 0..<n { d[j] = v[(n - 1) * n + j] }
        for i in stride(from: n - 1, to: 0, by: -1) {
            var scale = 0.0
            var h = 0.0
            for k in 0..<i { scale += abs(d[k]) }
            if scale == 0 {
                e[i] = d[i - 1]
                for j in 0..<i {
                    d[j] = v[(i - 1) * n + j]
                    v[i * n + j] = 0
                    v[j * n + i] = 0
                }
            } else {
                for k in 0..<i {
                    d[k] /= scale
                    h += d[k] * d[k]
                }
                var f = d[i - 1]
                var g = h.squareRoot()
                if f > 0 { g = -g }
                e[i] = scale * g
                h -= f * g
                d[i - 1] = f - g
                for j in 0..<i { e[j] = 0 }
                for j in 0..<i {
                    f = d[j]
                    v[j * n + i] = f
                    g = e[j] + v[j * n + j] * f
                    if j + 1 <= i - 1 {
                        for k in (j + 1)...(i - 1) {
                            g += v[k * n + j] * d[k]
                            e[k] += v[k * n + j] * f
                        }
                    }
                    e[j] = g
                }
                f = 0
                for j in 0..<i {
                    e[j] /= h
                    f += e[j] * d[j]
                }
                let hh = f / (h + h)
                for j in 0..<i { e[j] -= hh * d[j] }
                for j in 0..<i {
                    f = d[j]
                    g = e[j]
                    for k in j...(i - 1) { v[k * n + j] -= f * e[k] + g * d[k] }
                    d[j] = v[(i - 1) * n + j]
                    v[i * n + j] = 0
                }
            }
            d[i] = h
        }
        // Accumulate the transformations.
        for i in 0..<(n - 1) {
            v[(n - 1) * n + i] = v[i * n + i]
            v[i * n + i] = 1
            let h = d[i + 1]
            if h != 0 {
                for k in 0...i { d[k] = v[k * n + i + 1] / h }
                for j in 0...i {
                    var g = 0.0
                    for k in 0...i { g += v[k * n + i + 1] * v[k * n + j] }
                    for k in 0...i { v[k * n + j] -= g * d[k] }
                }
            }
            for k in 0...i { v[k * n + i + 1] = 0 }
        }
        for j in 0..<n {
            d[j] = v[(n - 1) * n + j]
            v[(n - 1) * n + j] = 0
        }
        v[(n - 1) * n + n - 1] = 1
        e[0] = 0
    }

    /// Implicit QL on the tridiagonal matrix (EISPACK tql2), accumulating into the column-major
    /// `columns` (column j = eigenvector j); sorts ascending.
    private static func diagonalize(_ columns: inout [Double], _ d: inout [Double], _ e: inout [Double], _ n: Int) {
        for i in 1..<max(n, 1) { e[i - 1] = e[i] }
        e[n - 1] = 0
        var f = 0.0
        var tst1 = 0.0
        let eps = Double.ulpOfOne
        columns.withUnsafeMutableBufferPointer { vs in
            for l in 0..<n {
                tst1 = max(tst1, abs(d[l]) + abs(e[l]))
                var m = l
                while m < n - 1 && abs(e[m]) > eps * tst1 { m += 1 }
                if m > l {
                    repeat {
                        var g = d[l]
                        var p = (d[l + 1] - g) / (2 * e[l])
                        var r = hypot(p, 1)
                        if p < 0 { r = -r }
                        d[l] = e[l] / (p + r)
                        d[l + 1] = e[l] * (p + r)
                        let dl1 = d[l + 1]
                        var h = g - d[l]
                        if l + 2 < n { for i in (l + 2)..<n { d[i] -= h } }
                        f += h
                        p = d[m]
                        var c = 1.0, c2 = 1.0, c3 = 1.0
                        let el1 = e[l + 1]
                        var s = 0.0, s2 = 0.0
                        for i in stride(from: m - 1, through: l, by: -1) {
                            c3 = c2
                            c2 = c
                            s2 = s
                            g = c * e[i]
                            h = c * p
                            r = hypot(p, e[i])
                            e[i + 1] = s * r
                            s = e[i] / r
                            c = p / r
                            p = c * d[i] - s * g
                            d[i + 1] = h + s * (c * g + s * d[i])
                            let left = i * n, right = (i + 1) * n
                            for k in 0..<n {
                                let upper = vs[right + k]
                                vs[right + k] = s * vs[left + k] + c * upper
                                vs[left + k] = c * vs[left + k] - s * upper
                            }
                        }
                        p = -s * s2 * c3 * el1 * e[l] / dl1
                        e[l] = s * p
                        d[l] = c * p
                    } while abs(e[l]) > eps * tst1
                }
                d[l] += f
                e[l] = 0
            }
            // Selection sort, ascending, swapping eigenvectors along.
            for i in 0..<(n - 1) {
                var k = i
                var p = d[i]
                for j in (i + 1)..<n where d[j] < p {
                    k = j
                    p = d[j]
                }
                if k != i {
                    d[k] = d[i]
                    d[i] = p
                    for t in 0..<n { vs.swapAt(i * n + t, k * n + t) }
                }
            }
        }
    }
}
