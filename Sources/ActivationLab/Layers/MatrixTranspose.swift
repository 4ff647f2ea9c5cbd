/// Out-of-place transposition of a row-major `rows × columns` block, in 4×4 tiles held in SIMD
/// registers: convolutions move every activation between `[positions, channels]` (what the GEMM
/// produces) and `[channels, positions]` (NCHW), and a scalar strided loop there costs as much as a
/// quarter of the matrix product.
enum MatrixTranspose {
    /// `dst[j·rows + i] = src[i·columns + j]`.
    static func transpose(_ src: UnsafePointer<Float>, rows: Int, columns: Int, into dst: UnsafeMutablePointer<Float>) {
        let fullRows = rows & ~3
        let fullColumns = columns & ~3
        var i = 0
        while i < fullRows {
            var j = 0
            while j < fullColumns {
                let r0 = load(src + (i &* columns &+ j))
                let r1 = load(src + ((i &+ 1) &* columns &+ j))
                let r2 = load(src + ((i &+ 2) &* columns &+ j))
                let r3 = load(src + ((i &+ 3) &* columns &+ j))
                store(SIMD4(r0[0], r1[0], r2[0], r3[0]), dst + (j &* rows &+ i))
                store(SIMD4(r0[1], r1[1], r2[1], r3[1]), dst + ((j &+ 1) &* rows &+ i))
                store(SIMD4(r0[2], r1[2], r2[2], r3[2]), dst + ((j &+ 2) &* rows &+ i))
                store(SIMD4(r0[3], r1[3], r2[3], r3[3]), dst + ((j &+ 3) &* rows &+ i))
                j &+= 4
            }
            for jj in fullColumns..<columns {
                for ii in i..<(i &+ 4) { dst[jj &* rows &+ ii] = src[ii &* columns &+ jj] }
            }
            i &+= 4
        }
        for ii in fullRows..<rows {
            for jj in 0..<columns { dst[jj &* rows &+ ii] = src[ii &* columns &+ jj] }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD4<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self)
    }

    @inline(__always)
    private static func store(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
    }
}
