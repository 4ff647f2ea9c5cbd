import Foundation

/// Runs independent per-seed work side by side: one worker per thread of the current `ComputeContext`
/// (each with a single-threaded context of its own), results in index order. The work of one index must
/// not depend on another's, so the results equal a serial loop's, whatever the thread count.
enum SeedParallel {
    static func map<T>(_ count: Int, _ body: (Int) throws -> T) throws -> [T] {
        let workers = min(count, ComputeContext.current.threads)
        guard workers >= 2 else { return try (0..<count).map(body) }
        let state = State<T>(count: count)
        withoutActuallyEscaping(body) { body in
            // Safe: concurrentPerform returns only after every worker finishes, and `state` locks.
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let index = state.take() {
                    state.store(ComputeContext.singleThreaded.run { Result { try work(index) } }, at: index)
                }
            }
        }
        return try state.results.map { try $0!.get() }
    }

    /// The next index to work on and the results so far, under a lock.
    private final class State<T>: @unchecked Sendable {
        private let lock = NSLock()
        private let count: Int
        private var next = 0
        private(set) var results: [Result<T, any Error>?]

        init(count: Int) {
            self.count = count
            results = Array(repeating: nil, count: count)
        }

        func take() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ result: Result<T, any Error>, at index: Int) {
            lock.lock(); defer { lock.unlock() }
            results[index] = result
        }
    }
}
