import Testing
@testable import ActivationLab

@Suite struct MatrixTransposeTests {
    @Test(arguments: [(1, 1), (4, 4), (5, 7), (8, 3), (13, 16), (576, 16)])
    func matchesTheDefinition(rows: Int, columns: Int) {
        let src = (0..<rows * columns).map { Float($0) }
        var dst = [Float](repeating: -1, count: rows * columns)
        src.withUnsafeBufferPointer { s in
            dst.withUnsafeMutableBufferPointer { d in
                MatrixTranspose.transpose(s.baseAddress!, rows: rows, columns: columns, into: d.baseAddress!)
            }
        }
        var expected = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows { for j in 0..<columns { expected[j * rows + i] = src[i * columns + j] } }
        #expect(dst == expected)
    }
}
