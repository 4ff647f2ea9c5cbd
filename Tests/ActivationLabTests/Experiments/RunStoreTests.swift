import Foundation
import GRDB
import Testing
@testable import ActivationLab

/// A fresh temporary directory per test, removed afterwards.
private final class TempDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

private func spec(name: String = "relu-vs-tanh", seeds: [UInt64] = [1, 2, 3]) -> ExperimentSpec {
    ExperimentSpec(name: name, dataset: "sample", model: "mlp:784-64-10", baseline: "relu",
                   variants: ["relu", "penalized-tanh"], seeds: seeds, epochs: 3, targetAccuracy: 0.85,
                   configuration: #"{"variants":{"penalized-tanh":{"activation":"penalized-tanh"}}}"#)
}

private func metrics(_ epoch: Int, accuracy: Double = 0.8) -> EpochMetrics {
    EpochMetrics(epoch: epoch, trainLoss: 1.0 / Double(epoch), validationLoss: 0.9 / Double(epoch),
                 validationAccuracy: accuracy, validationCrossEntropy: 0.95 / Double(epoch),
                 seconds: 1.5, elapsedSeconds: 1.5 * Double(epoch), learningRate: 0.05, gradientNorm: 2.25,
                 clampEvents: epoch, layers: [LayerDiagnostics(layer: "1:relu", units: 64, saturatedFraction: 0.125,
                                                               deadUnits: 3, gradientNorm: 0.5, extra: ["x": 1.5])])
}

/// An owner that provably is not running: this host, a pid that cannot exist.
private func deadOwner() -> RunOwner {
    RunOwner(host: RunOwner.currentHost, pid: Int32.max - 7, processStart: nil, token: "dead-\(UUID().uuidString)")
}

private func configuration(_ cell: Cell) -> TrainingConfiguration {
    var configuration = TrainingConfiguration()
    configuration.activation = cell.variant
    configuration.seed = cell.seed
    return configuration
}

@Suite struct RunStoreTests {
    @Test func roundTripsExperimentsRunsAndEpochs() throws {
        let dir = try TempDirectory()
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(spec())
        #expect(experiment.spec == spec())
        let cell = Cell(variant: "penalized-tanh", seed: UInt64.max - 1)  // exercises the Int64 bit pattern
        var config = configuration(cell)
        config.patience = 4
        let claim = try #require(try store.claimRun(experiment: experiment, cell: cell, configuration: config))
        var nanEpoch = metrics(2)
        nanEpoch.trainLoss = .nan
        nanEpoch.validationLoss = .infinity
        nanEpoch.layers[0].extra["y"] = .nan
        try store.appendEpoch(metrics(1), to: claim)
        try store.appendEpoch(nanEpoch, to: claim)
        try store.finish(claim, status: .diverged, reason: "train loss is NaN", divergedEpoch: 2, divergedStep: 37)

        // A second, independent connection sees exactly what was written.
        let reopened = try RunStore(path: dir.path("runs.sqlite"), readOnly: true)
        #expect(try reopened.experiments() == [experiment])
        #expect(try reopened.experiment(named: "relu-vs-tanh") == experiment)
        let run = try #require(try reopened.runs(experiment: experiment).first)
        #expect(run.cell == cell && run.configuration == config && run.status == .diverged)
        #expect(run.reason == "train loss is NaN" && run.divergedEpoch == 2 && run.divergedStep == 37)
        #expect(run.finishedAt != nil && run.attempts == 1 && run.owner == store.owner)
        let epochs = try reopened.epochs(run: run.id)
        #expect(epochs.count == 2)
        #expect(epochs[0] == metrics(1))
        #expect(epochs[1].trainLoss.isNaN && epochs[1].validationLoss == .infinity)
        #expect(epochs[1].layers[0].extra["y"]!.isNaN && epochs[1].layers[0].extra["x"] == 1.5)
        #expect(epochs[1].validationAccuracy == nanEpoch.validationAccuracy && epochs[1].clampEvents == 2)
    }

    @Test func experimentIsFoundAgainButNotRedefined() throws {
        let dir = try TempDirectory()
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let first = try store.createOrFindExperiment(spec())
        #expect(try store.createOrFindExperiment(spec()) == first)
        let error = #expect(throws: StoreError.self) { try store.createOrFindExperiment(spec(seeds: [1, 2])) }
        #expect(error?.description.contains("seeds") == true)
        #expect(try store.experiments().count == 1)
    }

    @Test func statusTransitionsAndClaimRules() throws {
        let dir = try TempDirectory()
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(spec())
        let cells = experiment.spec.cells
        let a = try #require(try store.claimRun(experiment: experiment, cell: cells[0], configuration: configuration(cells[0])))
        #expect(try store.runs(experiment: experiment).map(\.status) == [.running])
        // A live owner's running cell is not claimable, even on resume.
        let other = try RunStore(path: dir.path("runs.sqlite"))
        #expect(try other.claimRun(experiment: experiment, cell: cells[0], configuration: configuration(cells[0]), resume: true) == nil)
        // Only the holder may write.
        #expect(throws: StoreError.self) { try other.appendEpoch(metrics(1), to: RunClaim(runID: a.runID, experimentID: a.experimentID, cell: a.cell, token: other.owner.token, attempt: 1)) }
        try store.appendEpoch(metrics(1), to: a)
        #expect(throws: StoreError.self) { try store.appendEpoch(metrics(1), to: a) }  // duplicate epoch
        #expect(throws: StoreError.self) { try store.finish(a, status: .running) }
        try store.finish(a, status: .finished)
        #expect(throws: StoreError.self) { try store.appendEpoch(metrics(2), to: a) }  // finished: no longer held
        #expect(try store.claimRun(experiment: experiment, cell: cells[0], configuration: configuration(cells[0]), resume: true) == nil)

        let b = try #require(try store.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1])))
        try store.finish(b, status: .failed, reason: "cannot read dataset")
        #expect(try store.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1])) == nil)
        let retry = try #require(try store.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1]), resume: true))
        #expect(retry.runID == b.runID && retry.attempt == 2)
        let runs = try store.runs(experiment: experiment)
        #expect(runs.map(\.status) == [.finished, .running] && runs[1].reason == nil)
        #expect(try store.unfinishedCells(experiment: experiment) == Array(cells.dropFirst()))
    }

    @Test func killedRunIsReclaimedOnResumeAndFinishedRunsAreUntouched() throws {
        let dir = try TempDirectory()
        let path = dir.path("runs.sqlite")
        let cells = spec().cells
        do {
            // The "killed" process: one finished run, one run with two epochs and no finish.
            let killed = try RunStore(path: path, owner: deadOwner())
            let experiment = try killed.createOrFindExperiment(spec())
            let done = try #require(try killed.claimRun(experiment: experiment, cell: cells[0], configuration: configuration(cells[0])))
            for epoch in 1...3 { try killed.appendEpoch(metrics(epoch, accuracy: 0.9), to: done) }
            try killed.finish(done, status: .finished)
            let partial = try #require(try killed.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1])))
            try killed.appendEpoch(metrics(1), to: partial)
            try killed.appendEpoch(metrics(2), to: partial)
        }  // connection dropped without finishing
        let store = try RunStore(path: path)
        let experiment = try #require(try store.experiment(named: spec().name))
        let before = try store.runs(experiment: experiment)
        let finishedEpochs = try store.epochs(run: before[0].id)
        #expect(try store.unfinishedCells(experiment: experiment) == Array(cells.dropFirst()))
        #expect(before[1].status == .running && !before[1].owner.mayBeAlive)
        // Without --resume the stale cell is left alone; with it, it restarts from epoch 1.
        #expect(try store.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1])) == nil)
        let claim = try #require(try store.claimRun(experiment: experiment, cell: cells[1], configuration: configuration(cells[1]), resume: true))
        #expect(claim.attempt == 2 && claim.runID == before[1].id)
        #expect(try store.epochs(run: claim.runID).isEmpty)
        try store.appendEpoch(metrics(1), to: claim)
        #expect(try store.claimRun(experiment: experiment, cell: cells[0], configuration: configuration(cells[0]), resume: true) == nil)
        let after = try store.runs(experiment: experiment)
        #expect(after[0] == before[0])
        #expect(try store.epochs(run: after[0].id) == finishedEpochs && finishedEpochs.count == 3)
    }

    @Test func rejectsForeignFilesWithoutTouchingThem() throws {
        let dir = try TempDirectory()
        let sqlitePath = dir.path("other.sqlite")
        do {
            let queue = try DatabaseQueue(path: sqlitePath)
            try queue.write { db in
                try db.execute(sql: "CREATE TABLE players (id INTEGER PRIMARY KEY, name TEXT)")
                try db.execute(sql: "INSERT INTO players (name) VALUES ('Arthur')")
            }
            try queue.close()
        }
        let textPath = dir.path("notes.txt")
        try Data("these are my notes, not a database\n".utf8).write(to: URL(fileURLWithPath: textPath))
        for path in [sqlitePath, textPath] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try RunStore(path: path) }
            let message = error?.description ?? ""
            #expect(message.contains(path) && message.contains("not an ActivationLab run store"), "\(message)")
            #expect(!message.contains("\n"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
            #expect(throws: StoreError.self) { try RunStore.merge(from: [path], into: dir.path("merged.sqlite")) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        }
        #expect(!FileManager.default.fileExists(atPath: sqlitePath + "-wal"))
        // An empty file is a new store.
        let emptyPath = dir.path("empty.sqlite")
        FileManager.default.createFile(atPath: emptyPath, contents: Data())
        #expect(try RunStore(path: emptyPath).experiments().isEmpty)
        #expect(try RunStore(path: emptyPath, readOnly: true).experiments().isEmpty)
    }

    @Test func storedJSONIsReadOverTodaysDefaultsOrRefused() throws {
        let dir = try TempDirectory()
        let path = dir.path("runs.sqlite")
        let store = try RunStore(path: path)
        let experiment = try store.createOrFindExperiment(spec())
        let cell = Cell(variant: "relu", seed: 1)
        let claim = try #require(try store.claimRun(experiment: experiment, cell: cell, configuration: configuration(cell)))
        try store.appendEpoch(metrics(1), to: claim)
        let database = try DatabaseQueue(path: path)
        func storeConfiguration(_ text: String) throws {
            try database.write { try $0.execute(sql: "UPDATE runs SET config = ?", arguments: [text]) }
        }

        // A run stored before `matchParameters` existed reads with its default; `{}` was never recorded.
        var old = try #require(try JSONSerialization.jsonObject(with: Data(JSONCoding.string(configuration(cell)).utf8)) as? [String: Any])
        old["matchParameters"] = nil
        try storeConfiguration(String(decoding: try JSONSerialization.data(withJSONObject: old), as: UTF8.self))
        #expect(try store.runs(experiment: experiment).first?.configuration == configuration(cell))
        try storeConfiguration("{}")
        #expect(try store.runs(experiment: experiment).first?.configuration == nil)

        // Anything else that does not decode is damage, naming the store and the row.
        for text in [#"{"learningRate":"fast"}"#, "not json", "[1]"] {
            try storeConfiguration(text)
            let error = #expect(throws: StoreError.self) { try store.runs(experiment: experiment) }
            let message = error?.description ?? ""
            #expect(message.hasPrefix("store \(path) is damaged: run \(claim.runID) (relu, seed 1) has an unreadable configuration"), "\(message)")
            #expect(!message.contains("\n"))
        }
        try database.write { try $0.execute(sql: #"UPDATE epochs SET layers = '[{"layer": 1}]'"#) }
        let error = #expect(throws: StoreError.self) { try store.epochs(run: claim.runID) }
        #expect(error?.description.hasPrefix("store \(path) is damaged: run \(claim.runID), epoch 1 has unreadable layer diagnostics") == true,
                "\(error?.description ?? "")")
    }

    /// Shards started together open one new file at once: the switch to WAL mode and the migration collide,
    /// and every opener must still get the store (one in ~8 pairs of `compare --shard` processes failed with
    /// "database is locked" before the open retried).
    @Test func openersOfOneNewFileAllSucceed() throws {
        for round in 0..<10 {
            let dir = try TempDirectory()
            let path = dir.path("new-\(round).sqlite")
            let failures = LockedErrors()
            DispatchQueue.concurrentPerform(iterations: 6) { _ in
                do { _ = try RunStore(path: path).experiments() } catch { failures.append("\(error)") }
            }
            #expect(failures.all.isEmpty, "round \(round): \(failures.all)")
        }
    }

    final class LockedErrors: @unchecked Sendable {  // guarded by `lock`
        private let lock = NSLock()
        private var errors: [String] = []
        func append(_ error: String) { lock.withLock { errors.append(error) } }
        var all: [String] { lock.withLock { errors } }
    }

    @Test func concurrentWritersClaimEveryCellExactlyOnce() async throws {
        let dir = try TempDirectory()
        let path = dir.path("shared.sqlite")
        let seeds = Array(UInt64(1)...12)
        let definition = spec(name: "concurrent", seeds: seeds)
        // Two workers with their own DatabasePool (like two shard processes), racing over all cells
        // in opposite orders, so they collide on every claim.
        let claimed = try await withThrowingTaskGroup(of: [Cell].self) { group in
            for worker in 0..<2 {
                group.addTask {
                    let store = try RunStore(path: path)
                    let experiment = try store.createOrFindExperiment(definition)
                    var mine: [Cell] = []
                    let cells = worker == 0 ? definition.cells : definition.cells.reversed()
                    for cell in cells {
                        guard let claim = try store.claimRun(experiment: experiment, cell: cell,
                                                             configuration: configuration(cell)) else { continue }
                        mine.append(cell)
                        for epoch in 1...2 { try store.appendEpoch(metrics(epoch), to: claim) }
                        try store.finish(claim, status: .finished)
                    }
                    return mine
                }
            }
            var all: [[Cell]] = []
            for try await cells in group { all.append(cells) }
            return all
        }
        let flat = claimed.flatMap { $0 }
        #expect(flat.count == definition.cells.count)
        #expect(Set(flat) == Set(definition.cells))
        let store = try RunStore(path: path)
        let experiments = try store.experiments()
        #expect(experiments.count == 1)
        let runs = try store.runs(experiment: experiments[0])
        #expect(runs.count == definition.cells.count && Set(runs.map(\.cell)) == Set(definition.cells))
        #expect(runs.allSatisfy { $0.status == .finished })
        for run in runs { #expect(try store.epochs(run: run.id).map(\.epoch) == [1, 2]) }
    }

    @Test func mergeCopiesNewRunsAndSkipsDuplicates() throws {
        let dir = try TempDirectory()
        let cells = spec().cells
        func fill(_ path: String, _ indices: [Int], status: RunStatus = .finished, owner: RunOwner = .current()) throws {
            let store = try RunStore(path: path, owner: owner)
            let experiment = try store.createOrFindExperiment(spec())
            for index in indices {
                let claim = try #require(try store.claimRun(experiment: experiment, cell: cells[index],
                                                            configuration: configuration(cells[index])))
                try store.appendEpoch(metrics(1, accuracy: Double(index) / 10), to: claim)
                if status != .running { try store.finish(claim, status: status) }
            }
        }
        let a = dir.path("a.sqlite"), b = dir.path("b.sqlite"), merged = dir.path("merged.sqlite")
        try fill(a, [0, 1, 2])
        try fill(b, [2, 3, 4])                 // cell 2 duplicates a's
        try fill(b.replacingOccurrences(of: "b.sqlite", with: "c.sqlite"), [5], status: .running, owner: deadOwner())
        try fill(merged, [4], status: .running, owner: deadOwner())  // a stale partial run b completes
        let report = try RunStore.merge(from: [a, b, dir.path("c.sqlite")], into: merged)
        #expect(report == MergeReport(experimentsAdded: 0, runsCopied: 4, runsReplaced: 1, duplicatesSkipped: 1,
                                      unfinishedSkipped: 1))
        let store = try RunStore(path: merged, readOnly: true)
        let experiment = try #require(try store.experiment(named: spec().name))
        let runs = try store.runs(experiment: experiment)
        #expect(runs.map(\.cell) == Array(cells[0...4]))
        #expect(runs.allSatisfy { $0.status == .finished })
        for (index, run) in runs.enumerated() {
            #expect(try store.epochs(run: run.id).map(\.validationAccuracy) == [Double(index) / 10])
        }
        #expect(try store.unfinishedCells(experiment: experiment) == [cells[5]])
        // Merging again changes nothing; into an empty target, the experiment is added.
        #expect(try RunStore.merge(from: [a], into: merged).duplicatesSkipped == 3)
        #expect(try RunStore.merge(from: [a], into: dir.path("fresh.sqlite")).experimentsAdded == 1)
        #expect(throws: StoreError.self) { try RunStore.merge(from: [merged], into: merged) }
    }

    @Test func runRecordsComeFromCompleteRuns() throws {
        let dir = try TempDirectory()
        let store = try RunStore(path: dir.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(spec())
        for cell in experiment.spec.cells where cell.seed != 3 || cell.variant == "relu" {
            let claim = try #require(try store.claimRun(experiment: experiment, cell: cell, configuration: configuration(cell)))
            for epoch in 1...3 { try store.appendEpoch(metrics(epoch, accuracy: 0.8 + 0.03 * Double(epoch)), to: claim) }
            if cell.seed != 2 || cell.variant == "relu" { try store.finish(claim, status: .finished) }
        }
        let records = try store.runRecords(experiment: experiment)
        #expect(try store.evaluationRunCounts(experiment) == [3, 1])  // the unfinished penalized-tanh run is left out
        #expect(records.allSatisfy { $0.epochs.count == 3 && $0.isComplete })
        let summary = try ComparisonSummary(store: store, experiment: experiment, target: 0.85)
        #expect(summary.variants.map(\.name) == ["relu", "penalized-tanh"])
        #expect(summary.variants[0].medianTimeToTarget == 2)
    }

    @Test func shardsPartitionTheCells() {
        let definition = spec(seeds: [1, 2, 3, 4, 5])
        let shards = (0..<3).map { definition.cells(shard: $0, of: 3) }
        #expect(shards.flatMap { $0 }.count == definition.cells.count)
        #expect(Set(shards.flatMap { $0 }) == Set(definition.cells))
        #expect(definition.cells(shard: 3, of: 3).isEmpty)
    }
}
