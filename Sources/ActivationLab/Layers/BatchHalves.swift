import CKernels

/// Splits loops over the machine's two cores: in two halves (convolution passes, im2col, col2im, pooling),
/// or in chunks claimed by whichever core is free (activations, batch gathering, optimiser updates,
/// gradient zeroing).
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

    /// Runs `body` over the elements `0..<count` in chunks (`chunkSize`), claimed one at a time by this
    /// thread, from the front, and the pair runner's worker, from the back (`ck_run_chunks`): this thread
    /// starts at once, the worker takes what is left when it arrives, and a worker that arrives after the
    /// last chunk is not waited for (on two cores shared with OpenBLAS's spinning worker it is often late;
    /// see `pair_runner.c`). Both on time, each runs the half a static split gives it. `body` gets the
    /// chunk's element range and index; which thread runs a chunk varies, so chunks must write disjoint
    /// memory, or per-chunk partial results combined in chunk order afterwards. The chunks depend only on `count` and `minimumChunk`; with one
    /// thread, or fewer than `serialBelow` elements (where a second core costs more than it saves), they run
    /// in order here. For element-wise loops: halves that run products keep `run`, whose second half always
    /// goes to the worker.
    static func run(elements count: Int, minimumChunk: Int, serialBelow: Int = 0, _ body: (Range<Int>, Int) -> Void) {
        let chunk = chunkSize(elements: count, minimum: minimumChunk)
        let chunks = (count + chunk - 1) / chunk
        func run(_ index: Int) { body(index * chunk..<min((index + 1) * chunk, count), index) }
        let (context, kernels) = (ComputeContext.current, KernelChoice.current)
        guard chunks >= 2, count >= serialBelow, context.threads >= 2 else { return (0..<chunks).forEach(run) }
        withoutActuallyEscaping({ (index: Int) in context.run { kernels.run { run(index) } } }) { work in
            var work = work
            withUnsafeMutablePointer(to: &work) { pointer in
                ck_run_chunks(chunks, { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer)
            }
        }
    }

    /// The chunk size `run(elements:minimumChunk:)` uses: a multiple of `minimum` (so vectorised loops see
    /// whole blocks), large enough for at most 16 chunks — each claim costs a cache line moving between the
    /// cores, and 16 leave a late worker's share fine-grained enough.
    static func chunkSize(elements count: Int, minimum: Int) -> Int {
        precondition(minimum > 0, "minimum chunk \(minimum)")
        return minimum * max(1, (count + 16 * minimum - 1) / (16 * minimum))
    }

    /// `run`, with single-threaded BLAS in each half, for halves that call matrix products themselves:
    /// two single-threaded products on half the rows beat one two-threaded OpenBLAS product on the
    /// skinny matrices of a convolution (OC = 16 or 32 columns) by up to 2×.
    static func runWithSerialBLAS(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        run(count, halvesIn: .singleThreaded, body)
    }

    /// Runs the halves with `context` and the caller's `KernelChoice` installed: worker threads inherit
    /// neither.
    private static func run(_ count: Int, halvesIn context: ComputeContext, _ body: (Range<Int>, Int) -> Void) {
        let middle = count / 2
        guard count >= 2, ComputeContext.current.threads >= 2 else {
            context.run {
                body(0..<middle, 0)
                body(middle..<count, 1)
            }
            return
        }
        let kernels = KernelChoice.current
        runPair { part in context.run { kernels.run { body(part == 0 ? 0..<middle : middle..<count, part) } } }
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
