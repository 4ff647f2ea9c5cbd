import Foundation
import Testing
@testable import ActivationLab

/// `actlab merge` from read-only and damaged stores, and into a store a live `compare` is writing.
@Suite(.serialized) struct MergeCommandTests {
    @Test func aSourceInAReadOnlyFolderIsMerged() throws {
        let directory = try ScratchDirectory()
        defer { ReadOnlyAccess.restore(directory.url.appendingPathComponent("shared")); directory.remove() }
        let shared = directory.url.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let source = shared.appendingPathComponent("runs.sqlite").path
        try RunStoreDamageTests.validStore(at: source)
        let before = try RunStoreDamageTests.contents(source)
        let out = directory.url.appendingPathComponent("out")
        try ReadOnlyAccess.prepare(readOnly: shared, writable: out)

        let output = try ReadOnlyAccess.run(["merge", "--into", "merged.sqlite", source], in: out)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("1 experiments added, 2 runs copied"))
        #expect(try RunStoreDamageTests.contents(source) == before)
    }

    @Test func aDamagedSourceStopsTheMergeBeforeTheTargetIsCreated() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let good = directory.path("good.sqlite"), bad = directory.path("bad.sqlite")
        try RunStoreDamageTests.validStore(at: good)
        try RunStoreDamageTests.validStore(at: bad)
        try RunStoreDamageTests.sql("UPDATE epochs SET layers = 'nope'")(bad)
        let before = try RunStoreDamageTests.contents(bad)
        let output = try ActlabProcess.run(["merge", "--into", "merged.sqlite", good, bad], in: directory.url)
        #expect(output.status == 1)
        #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
        #expect(output.standardError.contains("store \(bad) is damaged: run 1, epoch 1 has unreadable layer diagnostics"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("merged.sqlite")))
        #expect(try RunStoreDamageTests.contents(bad) == before)
    }

    /// The case: merging into a store while `compare` trains in it replaced the running run and
    /// aborted the sweep. Now the running run is left alone and the sweep goes on writing it.
    @Test func mergingIntoAStoreALiveCompareWritesLeavesItsRunAlone() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let target = directory.path("live.sqlite"), source = directory.path("shard.sqlite")
        let compare = try ActlabProcess(InterruptTests.longSweep + ["--store", target], in: directory.url)
        defer { if compare.process.isRunning { kill(compare.process.processIdentifier, SIGKILL) } }
        let held = try #require(InterruptTests.waitForRunningEvaluation(in: target, while: compare, epochs: 1))

        // A shard that finished every cell of the same comparison.
        let live = try RunStore(path: target, readOnly: true)
        let spec = try #require(try live.experiments().first).spec
        let shard = try RunStore(path: source)
        let experiment = try shard.createOrFindExperiment(spec)
        for cell in spec.cells {
            let claim = try #require(try shard.claimRun(experiment: experiment, cell: cell, configuration: TrainingConfiguration()))
            try shard.appendEpoch(RunStoreMergeTests.epoch(1), to: claim)
            try shard.finish(claim, status: .finished)
        }

        let merged = try ActlabProcess.run(["merge", "--into", target, source], in: directory.url)
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(merged.standardOutput.contains("1 left alone: running in the target by a live process"), "\(merged.standardOutput)")
        // The sweep keeps writing its run: more epochs arrive after the merge.
        let epochsAtMerge = try live.epochs(run: held.id).count
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, compare.process.isRunning, try live.epochs(run: held.id).count <= epochsAtMerge { usleep(20_000) }
        #expect(try live.epochs(run: held.id).count > epochsAtMerge)
        kill(compare.process.processIdentifier, SIGTERM)
        let ended = compare.finish()
        #expect(ended.status == 130, "\(ended.standardError)")
        #expect(!ended.standardError.contains("no longer held"), "\(ended.standardError)")
        let experimentAfter = try #require(try live.experiments().first)
        let run = try #require(try live.runs(experiment: experimentAfter).first { $0.id == held.id })
        #expect(run.status == .failed && run.reason == "interrupted")
    }

    /// A quoted pattern (as the Slurm script passes it) is expanded by actlab: every matching store, each once.
    @Test func aQuotedGlobMergesEveryMatchingStore() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let shards = directory.url.appendingPathComponent("runs.shards")
        try FileManager.default.createDirectory(at: shards, withIntermediateDirectories: true)
        for index in 0..<3 { try RunStoreDamageTests.validStore(at: shards.appendingPathComponent("shard-\(index).sqlite").path) }
        try RunStoreDamageTests.validStore(at: shards.appendingPathComponent("protocol.sqlite").path)

        let output = try ActlabProcess.run(["merge", "--into", "all.sqlite", "runs.shards/shard-*.sqlite",
                                            "runs.shards/shard-0.sqlite"], in: directory.url)
        #expect(output.status == 0, "\(output.standardError)")
        // The first store adds the experiment and its 2 runs; the other two stores' runs are duplicates.
        #expect(output.standardOutput.contains("1 experiments added, 2 runs copied, 0 replaced, 4 duplicates skipped"),
                "\(output.standardOutput)")
    }

    @Test(arguments: [("runs.shards/shard-*.sqlite", "runs.shards/shard-*.sqlite: no store matches this pattern"),
                      ("runs.shards/shard-9.sqlite", "runs.shards/shard-9.sqlite: no such file")])
    func aSourceThatMatchesNothingStopsTheMergeBeforeTheTargetIsCreated(source: String, message: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("runs.shards"), withIntermediateDirectories: true)
        try RunStoreDamageTests.validStore(at: directory.path("good.sqlite"))
        let output = try ActlabProcess.run(["merge", "--into", "all.sqlite", "good.sqlite", source], in: directory.url)
        #expect(output.status == 1)
        #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("all.sqlite")))
    }
}
