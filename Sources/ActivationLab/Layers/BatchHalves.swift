import Dispatch

/// Splits batch loops (im2col, col2im, pooling, and whole convolution passes) over the machine's two cores.
///
/// Each half must write disjoint memory (or its own partial result, combined afterwards in a fixed
/// order), so results never depend on scheduling. The split points depend only on `count`; with
/// `BLAS.setThreadCount(1)` the halves run one after the other, giving bit-identical results on one core.
enum BatchHalves {
    /// Runs `body` on the two halves of `0..<count` (concurrently unless one thread is configured or
    /// there is nothing to split). `body` receives the half's range and its index (0 or 1), and always
    /// runs for both halves — the first is empty when `count` < 2 — so per-half partial results are
    /// always initialised.
    static func run(_ count: Int, _ body: (Range<Int>) -> Void) {
        run(count) { range, _ in body(range) }
    }

    static func run(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        let middle = count / 2
        guard count >= 2, BLAS.threadCount >= 2 else {
            body(0..<middle, 0)
            body(middle..<count, 1)
            return
        }
        withoutActuallyEscaping(body) { body in
            // Safe: concurrentPerform returns only after both halves finish, and the halves are disjoint.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                work(part == 0 ? 0..<middle : middle..<count, part)
            }
        }
    }

    /// `run`, with BLAS single-threaded meanwhile, for halves that call matrix products themselves:
    /// two single-threaded products on half the rows beat one two-threaded OpenBLAS product on the
    /// skinny matrices of a convolution (OC = 16 or 32 columns) by up to 2×.
    static func runWithSerialBLAS(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        BLAS.withSingleThread { run(count, body) }
    }
}
