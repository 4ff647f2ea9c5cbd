import Foundation
import Testing
@testable import ActivationLab

/// The two halves of a split loop, and the chunks of an element-wise one: each runs exactly once, on disjoint
/// ranges, whoever else is splitting loops at the same time (the pair runner has one worker; other callers
/// run all the work themselves).
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

    /// Counts how often each element of `0..<count` is visited by `run(elements:minimumChunk:)`, and records
    /// each chunk's range by index.
    static func chunkVisits(_ count: Int, minimumChunk: Int, threads: Int) -> (counts: [Int], ranges: [Int: Range<Int>]) {
        var counts = [Int](repeating: 0, count: count)
        let chunk = BatchHalves.chunkSize(elements: count, minimum: minimumChunk)
        let chunks = (count + chunk - 1) / chunk
        var ranges = [Range<Int>?](repeating: nil, count: chunks)
        counts.withUnsafeMutableBufferPointer { c in
            ranges.withUnsafeMutableBufferPointer { r in
                let (c, r) = (c.baseAddress, r.baseAddress!)
                ComputeContext(threads: threads).run {
                    BatchHalves.run(elements: count, minimumChunk: minimumChunk) { range, index in
                        for i in range { c![i] += 1 }
                        r[index] = range  // each index once: no two threads write one slot
                    }
                }
            }
        }
        let recorded = Dictionary(uniqueKeysWithValues: ranges.enumerated().compactMap { i, r in r.map { (i, $0) } })
        return (counts, recorded)
    }

    /// Chunks cover every element once, and chunk i is always `i·chunk ..< min((i+1)·chunk, count)`, on one
    /// thread or two: per-chunk partial results are the same whichever core ran them.
    @Test(arguments: [0, 1, 63, 64, 65, 1000, 40_001], [1, 2])
    func everyElementOnceInItsChunk(count: Int, threads: Int) {
        let chunk = BatchHalves.chunkSize(elements: count, minimum: 64)
        let (counts, ranges) = Self.chunkVisits(count, minimumChunk: 64, threads: threads)
        #expect(counts.allSatisfy { $0 == 1 })
        let chunks = (count + chunk - 1) / chunk
        #expect(ranges.count == chunks)
        #expect((0..<chunks).allSatisfy { ranges[$0] == $0 * chunk..<min(($0 + 1) * chunk, count) })
    }

    /// Chunks are whole multiples of the minimum (vectorised loops see whole blocks), and there are at most
    /// 16 of them, however large the count.
    @Test(arguments: [1, 64, 4096], [0, 1, 100, 4096, 65_536, 65_537, 1_000_000, 200_704])
    func chunksAreWholeBlocksAndAtMostSixteen(minimum: Int, count: Int) {
        let chunk = BatchHalves.chunkSize(elements: count, minimum: minimum)
        #expect(chunk % minimum == 0 && chunk >= minimum)
        #expect((count + chunk - 1) / chunk <= 16)
        #expect(chunk == minimum || (count + chunk - minimum - 1) / (chunk - minimum) > 16, "not the smallest such chunk")
    }

    /// Tiny chunked jobs (done before the worker can join) alternating with pairs and larger chunked jobs,
    /// many thousands of times: the race between the worker joining a job and its caller closing it never
    /// loses or repeats a chunk, and never leaves the worker running a job its caller has returned from.
    @Test func chunkedJobsAndPairsAlternateWithoutLosingWork() {
        var lost = 0
        for round in 0..<20_000 {
            let count = [2, 3, 5000, 2, 130][round % 5]
            if !Self.chunkVisits(count, minimumChunk: 1 + round % 7, threads: 2).counts.allSatisfy({ $0 == 1 }) { lost += 1 }
            if round % 3 == 0, !Self.visits(1 + round % 11, threads: 2).counts.allSatisfy({ $0 == 1 }) { lost += 1 }
        }
        #expect(lost == 0)
    }

    /// Eight threads splitting loops at once, some nested inside a half: all complete, none loses a visit.
    @Test func concurrentAndNestedCallersAllComplete() {
        let failures = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { caller in
            for round in 0..<200 {
                let count = 50 + (caller * 37 + round) % 300
                let (counts, _) = Self.visits(count, threads: 2)
                if !counts.allSatisfy({ $0 == 1 }) { failures.add() }
                if !Self.chunkVisits(count * 10, minimumChunk: 16, threads: 2).counts.allSatisfy({ $0 == 1 }) { failures.add() }
                ComputeContext(threads: 2).run {
                    BatchHalves.run(2) { _ in
                        if !Self.visits(count, threads: 2).counts.allSatisfy({ $0 == 1 }) { failures.add() }
                        if !Self.chunkVisits(count, minimumChunk: 7, threads: 2).counts.allSatisfy({ $0 == 1 }) { failures.add() }
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
