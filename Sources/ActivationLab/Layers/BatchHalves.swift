import CKernels

/// Splits loops (convolution passes, im2col, col2im, pooling, activations, batch gathering, optimiser updates)
/// over the machine's two cores.
///
/// Each half must write disjoint memory (or its own partial result, combined afterwards in a fixed
/// order), so results never depend on scheduling. The split points depend only on `count`; with a
/// single-threaded `ComputeContext` the halves run one after the other, giving bit-identical results
/// on one core.
enum BatchHalves {
    /// Runs `body` on the two halves of `0..<count` (concurrently unless the current context has one
    /// thread or there is nothing to split). `body` receives the half's range and its index (0 or 1),
    /// and always runs for both halves — the first is empty when `count` < 2 — so per-half partial
    /// results are always initialised. The halves run in the caller's context.
    static func run(_ count: Int, _ body: (Range<Int>) -> Void) {
        run(count) { range, _ in body(range) }
    }

    static func run(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        run(count, halvesIn: .current, body)
    }

    /// `run` over the elements `0..<count`, split on a multiple of `block` elements (so vectorised loops see whole
    /// blocks, and the split depends only on `count`); `body` gets the half's element range and its index.
    static func run(elements count: Int, block: Int, _ body: (Range<Int>, Int) -> Void) {
        run((count + block - 1) / block) { blocks, half in
            body(blocks.lowerBound * block..<min(blocks.upperBound * block, count), half)
        }
    }

    /// `run`, with single-threaded BLAS in each half, for halves that call matrix products themselves:
    /// two single-threaded products on half the rows beat one two-threaded OpenBLAS product on the
    /// skinny matrices of a convolution (OC = 16 or 32 columns) by up to 2×.
    static func runWithSerialBLAS(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        run(count, halvesIn: .singleThreaded, body)
    }

    /// Runs the halves with `context` installed: worker threads inherit no context of their own.
    private static func run(_ count: Int, halvesIn context: ComputeContext, _ body: (Range<Int>, Int) -> Void) {
        let middle = count / 2
        guard count >= 2, ComputeContext.current.threads >= 2 else {
            context.run {
                body(0..<middle, 0)
                body(middle..<count, 1)
            }
            return
        }
        runPair { part in context.run { body(part == 0 ? 0..<middle : middle..<count, part) } }
    }

    /// Runs `body(0)` here and `body(1)` on the pair runner's worker thread (`ck_run_pair`), which spins
    /// between pairs: `DispatchQueue.concurrentPerform` woke a sleeping thread for every pair, tens of
    /// microseconds each time, and a LeNet step has ~30 pairs (the larger part of session 8's LeNet 1.13×,
    /// bench/README.md).
    private static func runPair(_ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var work = body
            withUnsafeMutablePointer(to: &work) { pointer in
                ck_run_pair({ context, part in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(part)
                }, pointer)
            }
        }
    }
}
