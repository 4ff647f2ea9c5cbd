import Foundation
import Testing
@testable import ActivationLab

/// `actlab compare` end to end, as separate processes: kill and resume, concurrent shards, bad input.
@Suite(.serialized) struct CompareCommandTests {
    /// A small, quick comparison on the bundled sample.
    let sweep = ["compare", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "600",
                 "--baseline", "relu", "--variants", "tanh", "--seeds", "2", "--epochs", "4",
                 "--target-accuracy", "0.6", "--report", "", "--threads", "1"]

    func finishedRuns(_ store: String) throws -> [StoredRun] {
        let runStore = try RunStore(path: store, readOnly: true)
        return try runStore.experiments().flatMap { try runStore.runs(experiment: $0) }
    }

    @Test func resumeAfterAKilledProcessCompletesEveryCellOnce() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let first = try ActlabProcess(sweep + ["--store", store, "--epochs", "8"], in: directory.url)
        // Kill it as soon as one run is complete and the next has started.
        let deadline = Date().addingTimeInterval(120)
        var killedMidway = false
        while Date() < deadline, first.process.isRunning {
            if FileManager.default.fileExists(atPath: store), let runs = try? finishedRuns(store),
               runs.contains(where: \.isComplete), runs.contains(where: { $0.status == .running }) {
                kill(first.process.processIdentifier, SIGKILL)
                killedMidway = true
                break
            }
            usleep(20_000)
        }
        _ = first.finish()
        #expect(killedMidway, "the sweep ended before it could be killed mid-way")
        let before = try finishedRuns(store).filter(\.isComplete)
        let beforeEpochs = try before.map { try RunStore(path: store, readOnly: true).epochs(run: $0.id) }

        let resumed = try ActlabProcess.run(sweep + ["--store", store, "--epochs", "8", "--resume"], in: directory.url)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let all = try finishedRuns(store), after = all.filter { $0.kind == .evaluation }
        #expect(after.count == 4)
        #expect(all.allSatisfy { $0.status == .finished })
        #expect(all.filter { $0.kind == .tuning }.count == 2 * ComparisonDefaults.tuneBudget)
        #expect(Set(all.map(\.cell)).count == all.count)
        for (run, epochs) in zip(before, beforeEpochs) {
            let same = all.first { $0.id == run.id }
            #expect(same?.attempts == run.attempts)
            #expect(try RunStore(path: store, readOnly: true).epochs(run: run.id) == epochs)
        }
    }

    /// `--resume --store S` alone finds the interrupted comparison in the store and completes it.
    @Test func resumeWithOnlyTheStoreCompletesTheStoresUnfinishedExperiment() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let first = try ActlabProcess(sweep + ["--store", store, "--tune", "none", "--epochs", "8"], in: directory.url)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, first.process.isRunning {
            if let runs = try? finishedRuns(store), runs.contains(where: \.isComplete) {
                kill(first.process.processIdentifier, SIGKILL)
                break
            }
            usleep(20_000)
        }
        _ = first.finish()
        let resumed = try ActlabProcess.run(["compare", "--resume", "--store", store, "--report", "", "--threads", "1"], in: directory.url)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let runs = try finishedRuns(store).filter { $0.kind == .evaluation }
        #expect(runs.count == 4 && runs.allSatisfy { $0.status == .finished })
        #expect(try RunStore(path: store, readOnly: true).experiments().count == 1)
        // Nothing left: resuming again says so.
        let again = try ActlabProcess.run(["compare", "--resume", "--store", store], in: directory.url)
        #expect(again.status != 0 && again.standardError.contains("nothing to resume"), "\(again.standardError)")
    }

    @Test func twoShardsSharingOneStoreRunEveryCellOnce() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let shards = try (0..<2).map { try ActlabProcess(sweep + ["--store", store, "--shard", "\($0)/2"], in: directory.url) }
        for output in shards.map({ $0.finish() }) { #expect(output.status == 0, "\(output.standardError)") }
        let all = try finishedRuns(store), runs = all.filter { $0.kind == .evaluation }
        #expect(runs.count == 4)
        #expect(Set(all.map(\.cell)).count == all.count)
        #expect(all.count == 4 + 2 * ComparisonDefaults.tuneBudget)
        #expect(all.allSatisfy { $0.status == .finished })
    }

    @Test func rerunningWithoutResumeIsRefused() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        _ = try ActlabProcess.run(sweep + ["--store", store, "--seeds", "1", "--epochs", "1"], in: directory.url)
        let again = try ActlabProcess.run(sweep + ["--store", store, "--seeds", "1", "--epochs", "1"], in: directory.url)
        #expect(again.status != 0)
        #expect(again.standardError.contains("--resume"))
    }

    @Test func aStoreThatIsNotAnActivationLabDatabaseIsLeftUntouched() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("notes.sqlite")
        let original = Data("these are my notes, not a run store\n".utf8)
        try original.write(to: URL(fileURLWithPath: store))
        let output = try ActlabProcess.run(sweep + ["--store", store], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.split(separator: "\n").count == 1)
        #expect(output.standardError.contains(store))
        #expect(FileManager.default.contents(atPath: store) == original)
    }

    @Test(arguments: [
        (["--variants", "tanh+dropout=0.5"], "unknown option 'dropout'"),
        (["--variants", "tanh,,relu"], "empty variant"),
        (["--variants", "swishy"], "'swishy' is neither an activation"),
        (["--lr=-1"], "--lr: must be a positive number"),
        (["--model", "mlp:100-10"], "try mlp:784-10"),
        (["--dataset", "imagenet"], "unknown dataset 'imagenet'"),
    ])
    func badInputIsOneClearLine(extra: [String], message: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let output = try ActlabProcess.run(sweep + ["--store", store] + extra, in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(!output.standardError.contains("Fatal error"))
        let stored = FileManager.default.fileExists(atPath: store) ? try finishedRuns(store) : []
        #expect(stored.isEmpty)
    }

    @Test func malformedConfigFileIsOneClearLine() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        for (contents, message) in [("{\"baseline\": \"relu\", \"variants\": [\"tanh\"], \"sedes\": 3}", "unknown key 'sedes'"),
                                    ("not json", "not a JSON object"),
                                    ("{\"baseline\": \"relu\", \"variants\": []}", "'variants' must be a non-empty list")] {
            let config = directory.path("config.json")
            try Data(contents.utf8).write(to: URL(fileURLWithPath: config))
            let output = try ActlabProcess.run(["compare", "--config", config, "--store", directory.path("s.sqlite")], in: directory.url)
            #expect(output.status != 0)
            #expect(output.standardError.contains(config) && output.standardError.contains(message), "\(output.standardError)")
            #expect(!FileManager.default.fileExists(atPath: directory.path("s.sqlite")))
        }
    }
}
