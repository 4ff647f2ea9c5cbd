import Foundation
import Testing
@testable import ActivationLab

/// Two trainings in one process must not disturb each other: each session's `ComputeContext` decides its
/// threads, although OpenBLAS keeps its thread count process-wide.
@Suite struct ConcurrentTrainingTests {
    /// A transformed MLP on one thread beside a wide MLP (multi-threaded products) and a CNN (batch halves
    /// on two threads, single-threaded products inside), each on a thread of its own.
    static let runs: [(spec: String, model: String, compute: ComputeContext)] = [
        ("tanh+transform=ab+gamma-type=2", "mlp:784-24-16-10", .singleThreaded),
        ("relu", "mlp:784-256-10", ComputeContext(threads: 2)),
        ("leaky-relu:0.2+optimizer=adam+lr=0.002+weight-decay=0.001", "cnn:lenet", ComputeContext(threads: 2)),
    ]

    @Test func concurrentSessionsGetTheirSingleRunResultsBitForBit() throws {
        let alone = try Self.runs.map { try BehaviourPinTests.fingerprint($0.spec, model: $0.model, compute: $0.compute) }
        let together = Self.runConcurrently(Self.runs.map { run in
            { try BehaviourPinTests.fingerprint(run.spec, model: run.model, compute: run.compute) }
        })
        for (index, run) in Self.runs.enumerated() {
            #expect(try together[index].get() == alone[index], "\(run.spec) on \(run.model), \(run.compute.threads) threads")
        }
    }

    @Test func aSessionTakesTheContextItIsCreatedIn() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-4-3"
        let session = try ComputeContext(threads: 3).run {
            try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        }
        #expect(session.trainer.compute.threads == 3)
        #expect(ComputeContext(threads: 0).threads == 1)
    }

    /// Runs each job on a `Thread` of its own and waits for all of them.
    static func runConcurrently(_ jobs: [@Sendable () throws -> UInt64]) -> [Result<UInt64, any Error>] {
        let results = ResultBox(count: jobs.count)
        let group = DispatchGroup()
        for (index, job) in jobs.enumerated() {
            group.enter()
            Thread {
                results.set(index, Result { try job() })
                group.leave()
            }.start()
        }
        group.wait()
        return results.values
    }

    /// The jobs' results, written from their threads.
    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [Result<UInt64, any Error>]

        init(count: Int) { stored = Array(repeating: .failure(CancellationError()), count: count) }

        func set(_ index: Int, _ result: Result<UInt64, any Error>) { lock.withLock { stored[index] = result } }
        var values: [Result<UInt64, any Error>] { lock.withLock { stored } }
    }
}
