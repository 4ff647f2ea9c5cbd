import Foundation

/// How many threads a computation may use: for BLAS products, and whether `BatchHalves` runs the two
/// halves of a batch on two threads (it does when `threads` is at least 2).
///
/// A context is a value, installed for the duration of a call with `run(_:)`, so two trainings in one
/// process each keep their own (a `Trainer` holds one and installs it while it trains). Code that
/// installs none uses `programDefault`. Results depend only on the context, never on what else runs:
/// `BLASThreadGate` sets OpenBLAS's process-wide thread count for each product.
public struct ComputeContext: Sendable, Hashable {
    /// Threads for BLAS products and batch halves; at least 1.
    public let threads: Int

    public init(threads: Int) {
        self.threads = max(1, threads)
    }

    /// One thread: the same results as any other context, on one core.
    public static let singleThreaded = ComputeContext(threads: 1)

    /// The context installed by the innermost `run` on this task or thread, else `programDefault`.
    public static var current: ComputeContext { installed ?? programDefault }

    /// The context for code that installs none: BLAS's own default (`OPENBLAS_NUM_THREADS`, else the
    /// core count; 1 with Accelerate, which manages its threads itself). Code that wants another installs
    /// a context with `run` (the CLI does so around each command with `--threads`), and trainings side by
    /// side each get their own (`TrainingSession`'s and `Sweep`'s `compute`).
    public static var programDefault: ComputeContext { ComputeContext(threads: BLASThreadGate.shared.libraryDefault) }

    /// Runs `body` with this context as `current` (on this thread, and in tasks it creates).
    public func run<R>(_ body: () throws -> R) rethrows -> R {
        try Self.$installed.withValue(self, operation: body)
    }

    @TaskLocal private static var installed: ComputeContext?
}
