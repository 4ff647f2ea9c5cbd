import Foundation
#if !canImport(Accelerate)
import COpenBLAS
#endif

/// Runs each BLAS product with the thread count its caller's `ComputeContext` asks for, although
/// OpenBLAS keeps that count in one process-wide setting (`openblas_set_num_threads`).
///
/// Products wanting the same single thread run side by side (OpenBLAS then computes on the caller's
/// thread, which is how the two halves of a convolution share the cores); a multi-threaded product
/// has the library to itself, and the setting changes only while no product runs. So a product's
/// result depends only on its own thread count, whatever other trainings in the process do. Taking
/// the lock costs well under a microsecond, against tens of microseconds for the smallest products.
/// With Accelerate, which manages its own threads, products run unguarded.
final class BLASThreadGate: @unchecked Sendable {
    static let shared = BLASThreadGate()

    /// The library's thread count before anything set it (1 with Accelerate).
    let libraryDefault: Int

    private let condition = NSCondition()
    // Guarded by `condition`: the library's current setting, the products running under it, and the
    // callers waiting to change it (new single-threaded products queue behind them, so they get a turn).
    private var setting: Int
    private var running = 0
    private var waitingToChange = 0

    private init() {
        #if canImport(Accelerate)
        libraryDefault = 1
        #else
        libraryDefault = max(1, Int(openblas_get_num_threads()))
        #endif
        setting = libraryDefault
    }

    /// Runs `product` (one BLAS call) with the library set to `threads` threads.
    func run(threads: Int, _ product: () -> Void) {
        #if canImport(Accelerate)
        product()
        #else
        condition.lock()
        let mustChange = threads != setting
        if mustChange { waitingToChange += 1 }
        while running > 0 && (threads > 1 || threads != setting || (!mustChange && waitingToChange > 0)) {
            condition.wait()
        }
        if mustChange { waitingToChange -= 1 }
        if threads != setting {
            openblas_set_num_threads(Int32(threads))
            setting = threads
        }
        running += 1
        condition.unlock()
        product()
        condition.lock()
        running -= 1
        if running == 0 { condition.broadcast() }
        condition.unlock()
        #endif
    }
}
