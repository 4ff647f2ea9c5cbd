import Foundation
import Testing
@testable import ActivationLab

/// `compare --emit-slurm` on a real single-node Slurm cluster (`scripts/slurm-cluster.sh`): one `sbatch`
/// submits the shard array and the merge-and-report job, and the merged store holds exactly what the same
/// sweep run locally stores. Where Slurm cannot start (not root, packages missing) the test is cancelled
/// with the reason, never passed.
@Suite(.serialized) struct SlurmClusterTests {
    /// 2 variants × 2 seeds = 4 evaluation cells, one per array task; one epoch on the bundled sample.
    static let sweep = ["compare", "--baseline", "relu", "--variants", "tanh", "--seeds", "2", "--tune", "none",
                        "--lr", "0.05", "--epochs", "1", "--dataset", "sample", "--target-accuracy", "0.5",
                        "--threads", "1"]

    /// Starts a cluster in `directory`, or cancels the test saying why Slurm is unavailable.
    static func cluster(in directory: ScratchDirectory) throws -> SlurmCluster {
        switch SlurmCluster.start(in: directory.url.appendingPathComponent("cluster")) {
        case .success(let cluster): return cluster
        case .failure(let unavailable):
            print("SlurmClusterTests: skipped, Slurm cannot start here: \(unavailable.reason)")
            try Test.cancel("Slurm cannot start here: \(unavailable.reason)")
        }
    }

    @Test func aShardedSweepOnSlurmStoresWhatALocalRunStores() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let cluster = try Self.cluster(in: directory)
        defer { cluster.stop() }
        let work = directory.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)

        let emitted = try ActlabProcess.run(Self.sweep + ["--emit-slurm", "sweep.sbatch", "--shards", "4",
                                                          "--store", "merged.sqlite", "--report", "report.html"],
                                            in: work, environment: cluster.environment)
        #expect(emitted.status == 0, "\(emitted.standardError)")
        #expect(emitted.standardOutput.contains("submit with `sbatch sweep.sbatch`"), "\(emitted.standardOutput)")

        let submit = try cluster.submit("sweep.sbatch", in: work)
        let shards = work.appendingPathComponent("merged.shards")
        let submitStates = try #require(cluster.waitUntilFinished(submit, seconds: 60), "submit job \(submit)\n\(cluster.logs())")
        let submitLog = try String(contentsOf: shards.appendingPathComponent("submit-\(submit).log"), encoding: .utf8)
        #expect(submitStates == ["COMPLETED"], "\(submitLog)")
        // "submitted protocol job P, job array A (4 shards) after it, and merge-and-report job M after every shard"
        let words = submitLog.split(whereSeparator: \.isWhitespace)
        let protocolJob = try #require(words.firstIndex(of: "protocol").flatMap { Int(words[$0 + 2].dropLast()) }, "\(submitLog)")
        let array = try #require(words.firstIndex(of: "array").flatMap { Int(words[$0 + 1]) }, "\(submitLog)")
        let merge = try #require(words.firstIndex(of: "merge-and-report").flatMap { Int(words[$0 + 2]) }, "\(submitLog)")

        let mergeStates = try #require(cluster.waitUntilFinished(merge, seconds: 300), "merge job \(merge)\n\(cluster.logs())")
        let mergeLog = (try? String(contentsOf: shards.appendingPathComponent("merge-\(merge).log"), encoding: .utf8)) ?? ""
        #expect(mergeStates == ["COMPLETED"], "\(mergeLog)")
        #expect(cluster.states(of: protocolJob) == ["COMPLETED"])
        #expect(cluster.states(of: array) == Array(repeating: "COMPLETED", count: 4))
        #expect(mergeLog.contains("1 experiments added, 4 runs copied"), "\(mergeLog)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("report.html").path), "\(mergeLog)")

        let local = try ActlabProcess.run(Self.sweep + ["--store", "local.sqlite", "--report", ""], in: work)
        #expect(local.status == 0, "\(local.standardError)")
        let merged = try Self.evaluationRuns(in: work.appendingPathComponent("merged.sqlite").path)
        let expected = try Self.evaluationRuns(in: work.appendingPathComponent("local.sqlite").path)
        #expect(merged.count == 4)
        #expect(merged == expected)
    }

    /// A node without the data: the submitting job stops before anything is queued and names what to stage.
    @Test func aJobWhoseDataIsMissingOnTheNodeSaysWhatToStage() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let cluster = try Self.cluster(in: directory)
        defer { cluster.stop() }
        let work = directory.url.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let data = work.appendingPathComponent("data.csv")
        try SlurmScriptTests.separableCSV().write(to: data, atomically: true, encoding: .utf8)
        let emitted = try ActlabProcess.run(["compare", "--variants", "tanh", "--tune", "none", "--target-accuracy", "0.5",
                                             "--dataset", "csv:data.csv", "--emit-slurm", "sweep.sbatch", "--shards", "2"],
                                            in: work, environment: cluster.environment)
        #expect(emitted.status == 0, "\(emitted.standardError)")
        try FileManager.default.removeItem(at: data)  // as on a node that does not mount this folder

        let submit = try cluster.submit("sweep.sbatch", in: work)
        let states = try #require(cluster.waitUntilFinished(submit, seconds: 60), "\(cluster.logs())")
        #expect(states == ["FAILED"])
        let log = try String(contentsOf: work.appendingPathComponent("actlab-runs.shards/submit-\(submit).log"), encoding: .utf8)
        #expect(log.contains("\(data.path): missing on node"), "\(log)")
        #expect(!log.contains("submitted"), "\(log)")
    }

    /// What must agree between two stores: every evaluation run's outcome, epochs and step evaluations,
    /// wall-clock times left out.
    struct RunContent: Equatable {
        var status: RunStatus
        var steps: Int?
        var testAccuracy: Double?
        var testLoss: Double?
        var configuration: TrainingConfiguration?
        var epochs: [EpochMetrics]
        var evaluations: [EvaluationPoint]
    }

    static func evaluationRuns(in path: String) throws -> [String: RunContent] {
        let store = try RunStore(path: path, readOnly: true)
        let experiment = try #require(try store.experiments().first)
        var contents: [String: RunContent] = [:]
        for run in try store.runs(experiment: experiment) where run.kind == .evaluation {
            let epochs = try store.epochs(run: run.id).map { epoch in
                var timeless = epoch
                timeless.seconds = 0
                timeless.elapsedSeconds = 0
                return timeless
            }
            let evaluations = try store.evaluations(run: run.id).map { point in
                var timeless = point
                timeless.elapsedSeconds = 0
                return timeless
            }
            contents["\(run.cell.variant) seed \(run.cell.seed)"] = RunContent(
                status: run.status, steps: run.steps, testAccuracy: run.testAccuracy, testLoss: run.testLoss,
                configuration: run.configuration, epochs: epochs, evaluations: evaluations)
        }
        return contents
    }
}
