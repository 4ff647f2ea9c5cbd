import Testing
@testable import ActivationLab

@Suite struct TensorTests {
    @Test func matmulMatchesTheDefinitionInEveryOrientation() {
        let a = GradientCheck.randomTensor([3, 4], seed: 1), b = GradientCheck.randomTensor([4, 5], seed: 2)
        func naive(_ x: Tensor, _ y: Tensor) -> Tensor {
            var out = Tensor(zeros: [x.shape[0], y.shape[1]])
            for i in 0..<x.shape[0] { for j in 0..<y.shape[1] { for k in 0..<x.shape[1] { out[i, j] += x[i, k] * y[k, j] } } }
            return out
        }
        let expected = naive(a, b)
        for product in [a.matmul(b), a.transposed().matmul(b, transposeSelf: true),
                        a.matmul(b.transposed(), transposeOther: true)] {
            #expect(zip(product.scalars, expected.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        }
    }

    @Test func reductionsAndRowOperations() {
        var t = Tensor(shape: [2, 3], scalars: [1, 5, 2, -1, 0, 7])
        #expect(t.argmaxRows() == [1, 2])
        #expect(t.sumRows().scalars == [0, 5, 9])
        #expect(t.sum() == 14)
        t.addRowVector(Tensor(shape: [3], scalars: [1, 1, 1]))
        #expect(t.scalars == [2, 6, 3, 0, 1, 8])
        #expect(t.gatherRows([1, 1, 0]).scalars == [0, 1, 8, 0, 1, 8, 2, 6, 3])
    }

    @Test func generatorIsDeterministicAndWellSpread() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let first = (0..<5).map { _ in a.next() }
        #expect(first == (0..<5).map { _ in b.next() })
        #expect(first != (0..<5).map { _ in c.next() })
        var rng = SeededGenerator(seed: 7)
        let normals = (0..<20_000).map { _ in Double(rng.normal()) }
        let mean = normals.reduce(0, +) / Double(normals.count)
        let variance = normals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(normals.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
        let uniforms = (0..<20_000).map { _ in rng.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(uniforms.reduce(0, +) / 20_000 - 0.5) < 0.01)
        var counts = [Int](repeating: 0, count: 3)
        for _ in 0..<30_000 { counts[rng.integer(below: 3)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
    }
}
