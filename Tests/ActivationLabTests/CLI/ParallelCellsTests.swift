import Foundation
import Testing
@testable import ActivationLab

/// `actlab compare --jobs N`: worker processes on one store store what one process stores, and an
/// interrupt stops every worker with the store resumable.
@Suite(.serialized) struct ParallelCellsTests {
    /// Tuning, a pilot and evaluation runs on the bundled sample, quick.
    let sweep = ["compare", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "400",
                 "--baseline", "relu", "--variants", "tanh", "--seeds", "2", "--epochs", "2",
                 "--tune", "lr", "--tune-budget", "2", "--report", ""]

    /// Everything a run stored that does not depend on timing or on which process trained it.
    struct RunContents: Equatable {
        var kind: RunKind, status: RunStatus, configuration: TrainingConfiguration?
        var testAccuracy: Double?, testLoss: Double?, testCount: Int?, steps: Int?, stepBudget: Int?
        var epochs: [EpochMetrics], evaluations: [EvaluationPoint]
    }

    static func contents(_ path: String) throws -> (runs: [Cell: RunContents], record: ProtocolRecord?) {
        let store = try RunStore(path: path, readOnly: true)
        let experiment = try #require(try store.experiments().first)
        var runs: [Cell: RunContents] = [:]
        for run in try store.runs(experiment: experiment) {
            let epochs = try store.epochs(run: run.id).map { epoch in
                var copy = epoch
                (copy.seconds, copy.elapsedSeconds) = (0, 0)
                return copy
            }
            let evaluations = try store.evaluations(run: run.id).map { point in
                var copy = point
                copy.elapsedSeconds = 0
                return copy
            }
            runs[run.cell] = RunContents(kind: run.kind, status: run.status, configuration: run.configuration,
                                         testAccuracy: run.testAccuracy, testLoss: run.testLoss, testCount: run.testCount,
                                         steps: run.steps, stepBudget: run.stepBudget, epochs: epochs, evaluations: evaluations)
        }
        return (runs, try store.protocolRecord(experiment: experiment))
    }

    /// Each worker of `--jobs 2 --threads 2` trains on one thread, so its cells are those of `--jobs 1 --threads 1`
    /// bit for bit (OpenBLAS's multi-threaded products sum in another order, so the thread count must match).
    @Test func twoWorkersStoreExactlyWhatOneProcessStores() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let one = try ActlabProcess.run(sweep + ["--store", directory.path("one.sqlite"), "--jobs", "1", "--threads", "1"],
                                        in: directory.url)
        #expect(one.status == 0, "\(one.standardError)")
        let two = try ActlabProcess.run(sweep + ["--store", directory.path("two.sqlite"), "--jobs", "2", "--threads", "2"],
                                        in: directory.url)
        #expect(two.status == 0, "\(two.standardError)")
        #expect(two.standardOutput.contains("2 worker processes with 1 thread each"), "\(two.standardOutput)")
        #expect(two.standardOutput.contains("tanh vs relu"), "the summary and verdicts are missing: \(two.standardOutput)")
        let (serial, parallel) = (try Self.contents(directory.path("one.sqlite")), try Self.contents(directory.path("two.sqlite")))
        #expect(serial.runs.count == 2 * 2 + 2 * 2 + 1)  // tuning trials, pilot, evaluation runs
        #expect(serial.runs.values.allSatisfy { $0.status == .finished && !$0.epochs.isEmpty })
        #expect(Set(parallel.runs.keys) == Set(serial.runs.keys))
        for (cell, run) in serial.runs { #expect(parallel.runs[cell] == run, "\(cell.variant) seed \(cell.seed)") }
        #expect(parallel.record?.tunedValues == serial.record?.tunedValues)
        #expect(parallel.record?.targetAccuracy == serial.record?.targetAccuracy)
        #expect(parallel.record?.stepSeconds.keys.sorted() == serial.record?.stepSeconds.keys.sorted())
    }

    @Test func anInterruptStopsEveryWorkerAndLeavesTheStoreResumable() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        var long = InterruptTests.longSweep + ["--jobs", "2"]
        let threads = try #require(long.firstIndex(of: "--threads"))
        long[threads + 1] = "2"  // relu and tanh, one seed: one evaluation run per worker
        let compare = try ActlabProcess(long + ["--store", path], in: directory.url)
        defer { if compare.process.isRunning { kill(compare.process.processIdentifier, SIGKILL) } }
        _ = try #require(InterruptTests.waitForRunningEvaluation(in: path, while: compare))
        kill(compare.process.processIdentifier, SIGTERM)
        let output = compare.finish()
        #expect(output.status == 130, "\(output.standardError)")
        #expect(output.standardError.contains("interrupted: finished runs are stored. Continue with:"), "\(output.standardError)")
        let store = try RunStore(path: path, owner: RunOwner(host: "another-host", pid: 1, processStart: nil, token: "other"))
        let experiment = try #require(try store.experiments().first)
        let runs = try store.runs(experiment: experiment)
        #expect(!runs.isEmpty && runs.allSatisfy { $0.status != .running }, "\(runs.map { ($0.cell.variant, $0.status) })")
        for owner in Set(runs.map(\.owner.pid)) { #expect(kill(pid_t(owner), 0) != 0, "worker \(owner) is still alive") }
        for run in runs where run.status == .failed {
            #expect(run.reason == "interrupted")
            let configuration = try #require(run.configuration)
            #expect(try store.claimRun(experiment: experiment, cell: run.cell, configuration: configuration, resume: true) != nil)
        }
    }

    @Test(arguments: ["0", "-1", "65", "two"])
    func aBadJobCountIsOneClearLine(value: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(sweep + ["--store", directory.path("runs.sqlite"), "--jobs", value], in: directory.url)
        #expect(output.status == 1)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("--jobs"), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("runs.sqlite")))
    }
}

extension ParallelCellsTests {
    /// A worker that dies stops the comparison: the others are stopped (their runs stored as interrupted), the
    /// command says which worker and why in one line, and every run is resumable.
    @Test func aWorkerThatDiesStopsTheOthersWithOneClearLine() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        var long = InterruptTests.longSweep + ["--jobs", "2"]
        let threads = try #require(long.firstIndex(of: "--threads"))
        long[threads + 1] = "2"
        let compare = try ActlabProcess(long + ["--store", path], in: directory.url)
        defer { if compare.process.isRunning { kill(compare.process.processIdentifier, SIGKILL) } }
        let running = try #require(InterruptTests.waitForRunningEvaluation(in: path, while: compare))
        #expect(running.owner.pid != compare.process.processIdentifier, "the supervisor trained a cell itself")
        kill(pid_t(running.owner.pid), SIGKILL)
        let output = compare.finish()
        #expect(output.status == 1, "\(output.standardError)")
        let lines = output.standardError.split(separator: "\n").filter { !$0.hasPrefix("note:") }
        #expect(lines.count == 1 && lines[0].contains("--jobs: worker") && lines[0].contains("killed by signal 9"),
                "\(output.standardError)")
        let store = try RunStore(path: path, readOnly: true)
        let runs = try store.runs(experiment: try #require(try store.experiments().first))
        for owner in Set(runs.map(\.owner.pid)) { #expect(kill(pid_t(owner), 0) != 0, "worker \(owner) is still alive") }
        // The killed worker's run is `running` with a dead owner (this host reclaims it); the others' are interrupted.
        #expect(runs.allSatisfy { $0.status == .running ? $0.owner.pid == running.owner.pid : $0.reason == "interrupted" || $0.isComplete })
    }
}
