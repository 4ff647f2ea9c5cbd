import Dispatch

/// Splits memory-bound loops (im2col, col2im) over the machine's two cores.
///
/// BLAS already parallelises the matrix products; the rearrangements around them would otherwise run
/// on one core. Each half must write disjoint memory, so results never depend on scheduling.
enum TwoWaySplit {
    /// Runs `body` on the two halves of `0..<count` concurrently (inline when there is nothing to split).
    static func run(_ count: Int, _ body: (Range<Int>) -> Void) {
        guard count >= 2 else { return body(0..<count) }
        let middle = count / 2
        withoutActuallyEscaping(body) { body in
            // Safe: concurrentPerform returns only after both halves finish, and the halves are disjoint.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                work(part == 0 ? 0..<middle : middle..<count)
            }
        }
    }
}
