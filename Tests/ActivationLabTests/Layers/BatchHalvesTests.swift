import Foundation
import Testing
@testable import ActivationLab

/// The two halves of a split loop: each runs exactly once, on disjoint ranges, whoever else is splitting
/// loops at the same time (the pair runner has one worker; other callers run both halves themselves).
struct BatchHalvesTests {
    /// Counts how often each index of `0..<count` is visited, and by which half.
    static func visits(_ count: Int, threads: Int) -> (counts: [Int], halves: [Int]) {
        var counts = [Int](repeating: 0, count: count), halves = [Int](repeating: -1, count: count)
        counts.withUnsafeMutableBufferPointer { c in
            halves.withUnsafeMutableBufferPointer { h in
                let (c, h) = (c.baseAddress!, h.baseAddress!)
                ComputeContext(threads: threads).run {
                    BatchHalves.run(count) { range, half in
                        for i in range { c[i] += 1; h[i] = half }
                    }
                }
            }
        }
        return (counts, halves)
    }

    @Test(arguments: [0, 1, 2, 7, 1000], [1, 2])
    func everyIndexOnceInItsHalf(count: Int, threads: Int) {
        let (counts, halves) = Self.visits(count, threads: threads)
        #expect(counts.allSatisfy { $0 == 1 })
        #expect(halves == (0..<count).map { $0 < count / 2 ? 0 : 1 })
    }

    /// Element splits cover every element once, and the second half starts on a multiple of the block.
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 40_001])
    func elementHalvesFallOnBlockBoundaries(count: Int) {
        var visits = [Int](repeating: 0, count: count)
        var starts: [Int] = []
        visits.withUnsafeMutableBufferPointer { v in
            let v = v.baseAddress
            ComputeContext.singleThreaded.run {
                BatchHalves.run(elements: count, block: 64) { range, half in
                    for i in range { v![i] += 1 }
                    if half == 1 { starts.append(range.lowerBound) }
                }
            }
        }
        #expect(visits.allSatisfy { $0 == 1 })
        #expect(starts.count == 1 && starts[0] % 64 == 0 || count == 0)
    }

    /// Eight threads splitting loops at once, some nested inside a half: all complete, none loses a visit.
    @Test func concurrentAndNestedCallersAllComplete() {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for round in 0..<200 {
                let count = 50 + (caller * 37 + round) % 300
                let (counts, _) = Self.visits(count, threads: 2)
                if !counts.allSatisfy({ $0 == 1 }) { failures.add() }
                ComputeContext(threads: 2).run {
                    BatchHalves.run(2) { _ in
                        if !Self.visits(count, threads: 2).counts.allSatisfy({ $0 == 1 }) { failures.add() }
                    }
                }
            }
        }
        #expect(failures.value == 0)
    }

    final class Counter: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }
}
