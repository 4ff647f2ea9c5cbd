#if canImport(Accelerate)
import Accelerate
#else
import COpenBLAS
#endif

extension BLAS {
    /// Double-precision `C = alpha · op(A) · op(B) + beta · C` (row-major `cblas_dgemm`), for the
    /// analyses that need more than Float (finite-difference Hessians), with the threads of
    /// `ComputeContext.current`.
    public static func dgemm(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Double = 1,
        a: UnsafePointer<Double>, lda: Int? = nil,
        b: UnsafePointer<Double>, ldb: Int? = nil,
        beta: Double = 0,
        c: UnsafeMutablePointer<Double>, ldc: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        let lda = lda ?? (transposeA ? m : k)
        let ldb = ldb ?? (transposeB ? k : n)
        let ldc = ldc ?? n
        BLASThreadGate.shared.run(threads: ComputeContext.current.threads) {
            cblas_dgemm(CblasRowMajor,
                        transposeA ? CblasTrans : CblasNoTrans,
                        transposeB ? CblasTrans : CblasNoTrans,
                        Int32(m), Int32(n), Int32(k),
                        alpha, a, Int32(lda), b, Int32(ldb),
                        beta, c, Int32(ldc))
        }
    }
}
