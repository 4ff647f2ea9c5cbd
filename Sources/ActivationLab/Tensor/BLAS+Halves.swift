extension BLAS {
    /// `gemm` with the rows of `C` (or its columns, `splittingColumns`) split in two halves, each a
    /// single-threaded product on its own core (`BatchHalves.runWithSerialBLAS`), instead of OpenBLAS's own
    /// threads: those spin in `sched_yield` after every product (7.5% of a LeNet step in a profile) and
    /// compete with the layers' own halves. The split depends only on `m` (or `n`), so results are the same
    /// for every run with the same thread count. Arguments as in `gemm`; products below `splitFrom`, every
    /// product on one thread (two half products in a row cost ~5% more than one), and every product when
    /// `split` is false, run as one call. `alongside`, if given, runs in each half just before its product,
    /// with the half's rows (or columns) of `C`, or with all of them for one call: per-row (per-column)
    /// work such as filling `C` with a bias then runs on the core that writes those rows next.
    static func gemmInHalves(
        if split: Bool = true, splittingColumns: Bool = false,
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int? = nil,
        b: UnsafePointer<Float>, ldb: Int? = nil,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int? = nil,
        alongside: ((Range<Int>) -> Void)? = nil
    ) {
        let lda = lda ?? (transposeA ? m : k)
        let ldc = ldc ?? n
        guard split, KernelChoice.current.usesCurrentPaths, ComputeContext.current.threads >= 2,
              (splittingColumns ? n : m) >= 2, m &* n &* k >= splitFrom else {
            alongside?(0..<(splittingColumns ? n : m))
            gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        if splittingColumns {
            let ldb = ldb ?? (transposeB ? k : n)
            BatchHalves.runWithSerialBLAS(n) { columns, _ in
                guard !columns.isEmpty else { return }
                alongside?(columns)
                // Columns j of op(B) start at B's column j, or at its row j when B is transposed.
                let bColumns = b + (transposeB ? columns.lowerBound &* ldb : columns.lowerBound)
                gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: columns.count, k: k, a: a, lda: lda,
                     b: bColumns, ldb: ldb, beta: beta, c: c + columns.lowerBound, ldc: ldc)
            }
            return
        }
        BatchHalves.runWithSerialBLAS(m) { rows, _ in
            guard !rows.isEmpty else { return }
            alongside?(rows)
            // Rows r of op(A) start at A's row r, or at its column r when A is transposed.
            let aRows = a + (transposeA ? rows.lowerBound : rows.lowerBound &* lda)
            gemm(transposeA: transposeA, transposeB: transposeB, m: rows.count, n: n, k: k, a: aRows, lda: lda,
                 b: b, ldb: ldb, beta: beta, c: c + rows.lowerBound &* ldc, ldc: ldc)
        }
    }

    /// Products with at least this many multiply-adds (m·n·k) split in halves: a sixteenth of
    /// `singleThreadBelow`, since handing a half to the pair runner's spinning worker costs far less than
    /// waking OpenBLAS's. It splits the MLP's 256→10 layer (327k), whose three products on one core were
    /// ~3% of a step.
    static let splitFrom = 1 << 17
}
