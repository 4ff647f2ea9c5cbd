import Testing
@testable import ActivationLab

struct SeedParallelTests {
    struct Failure: Error, Equatable { let index: Int }

    @Test func resultsComeInIndexOrderWhateverTheThreads() throws {
        // Uneven work per index, so workers finish out of order.
        func work(_ i: Int) -> (Int, Int) {
            var x: UInt64 = UInt64(i) &+ 1
            for _ in 0..<((i % 5) * 20_000) { x = x &* 6364136223846793005 &+ 1442695040888963407 }
            return (i * i, Int(x % 7))
        }
        let serial = try ComputeContext.singleThreaded.run { try SeedParallel.map(23, work) }
        let parallel = try ComputeContext(threads: 2).run { try SeedParallel.map(23, work) }
        #expect(parallel.map(\.0) == serial.map(\.0) && parallel.map(\.1) == serial.map(\.1))
        #expect(serial.map(\.0) == (0..<23).map { $0 * $0 })
    }

    @Test func workersRunSingleThreaded() throws {
        let threads = try ComputeContext(threads: 2).run { try SeedParallel.map(6) { _ in ComputeContext.current.threads } }
        #expect(threads == Array(repeating: 1, count: 6))
    }

    @Test func anErrorIsRethrown() {
        #expect(throws: Failure(index: 7)) {
            try ComputeContext(threads: 2).run {
                try SeedParallel.map(12) { i in if i == 7 { throw Failure(index: 7) }; return i }
            }
        }
    }
}
