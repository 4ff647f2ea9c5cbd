import Foundation
import Testing
@testable import ActivationLab

/// The script `compare --emit-slurm` writes, without a cluster: its submit phase against a stand-in `sbatch`
/// that records what it is asked, its shard and merge phases run by hand (as the array tasks and the merge
/// job would run them), its node checks, and the refusals of the emitting command.
@Suite(.serialized) struct SlurmScriptTests {
    /// 100 rows, two features, two classes split by x > y: trains in a fraction of a second.
    static func separableCSV() -> String {
        var generator = SeededGenerator(seed: 7)
        var lines = ["x,y,label"]
        for _ in 0..<100 {
            let x = Double.random(in: 0...1, using: &generator), y = Double.random(in: 0...1, using: &generator)
            lines.append(String(format: "%.4f,%.4f,%d", x, y, x > y ? 1 : 0))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let sweep = ["compare", "--baseline", "relu", "--variants", "tanh", "--seeds", "2", "--tune", "none",
                        "--lr", "0.1", "--epochs", "2", "--dataset", "csv:data.csv", "--target-accuracy", "0.6"]

    /// A folder with `data.csv` and the script emitted for `sweep` with `extra` flags.
    static func emitted(_ extra: [String]) throws -> (ScratchDirectory, ActlabProcess.Output) {
        let directory = try ScratchDirectory()
        try separableCSV().write(toFile: directory.path("data.csv"), atomically: true, encoding: .utf8)
        let output = try ActlabProcess.run(sweep + extra, in: directory.url)
        return (directory, output)
    }

    /// A stand-in `sbatch` that appends its arguments (one line per call) to `sbatch-calls` and answers as
    /// `sbatch --parsable` does, with job ids 101, 102, ...
    static func fakeSbatch(in directory: ScratchDirectory) throws -> String {
        let bin = directory.url.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let calls = directory.path("sbatch-calls")
        let script = """
        #!/bin/bash
        echo "$*" >> \(ShellQuote.quoted(calls))
        echo "$((100 + $(wc -l < \(ShellQuote.quoted(calls)))));testcluster"
        """
        let path = bin.appendingPathComponent("sbatch").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return bin.path
    }

    static func runScript(_ directory: ScratchDirectory, environment: [String: String]) -> ActlabProcess.Output {
        Shell.run("bash", [directory.path("sweep.sbatch")], in: directory.url, environment: environment)
    }

    @Test func oneSubmissionQueuesTheShardArrayAndAMergeJobThatWaitsForIt() throws {
        let (directory, output) = try Self.emitted(["--threads", "1", "--emit-slurm", "sweep.sbatch", "--shards", "3",
                                                    "--store=runs/all.sqlite", "--report", "out/report.html"])
        defer { directory.remove() }
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("submit with `sbatch sweep.sbatch`: 3 shard tasks"), "\(output.standardOutput)")
        let root = directory.url.resolvingSymlinksInPath().path
        let text = try String(contentsOfFile: directory.path("sweep.sbatch"), encoding: .utf8)
        let actlab = ActlabProcess.executable.resolvingSymlinksInPath().path
        #expect(text.contains("actlab=\(actlab)\n"), "actlab's absolute path")
        #expect(text.contains("store=\(root)/runs/all.sqlite\n"))
        #expect(text.contains("\(root)/data.csv"), "the data every node must see")
        let task = try #require(text.split(separator: "\n").first { $0.contains("\"$actlab\" compare ") })
        #expect(task.contains("--baseline relu --variants tanh") && task.contains("--threads \"$cpus\""), "\(task)")
        #expect(!task.contains("--emit-slurm") && !task.contains("runs/all.sqlite") && !task.contains("--threads 1"), "\(task)")
        #expect(FileManager.default.fileExists(atPath: "\(root)/runs/all.shards"), "the folder of the submit job's log")

        let bin = try Self.fakeSbatch(in: directory)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let submitted = Self.runScript(directory, environment: ["PATH": path, "SLURM_JOB_PARTITION": "gpu"])
        #expect(submitted.status == 0, "\(submitted.standardError)")
        #expect(submitted.standardOutput.contains("submitted protocol job 101, job array 102 (3 shards) after it, "
                                                  + "and merge-and-report job 103 after every shard"), "\(submitted.standardOutput)")
        let calls = try String(contentsOfFile: directory.path("sbatch-calls"), encoding: .utf8).split(separator: "\n")
        try #require(calls.count == 3)
        #expect(calls[0].contains("ACTLAB_SLURM_PHASE=protocol") && calls[0].contains("--cpus-per-task=1")
                && !calls[0].contains("--dependency") && calls[0].contains("--partition=gpu"), "\(calls[0])")
        #expect(calls[1].contains("--array=0-2") && calls[1].contains("--cpus-per-task=1") && calls[1].contains("--dependency=afterok:101")
                && calls[1].contains("ACTLAB_SLURM_PHASE=shard") && calls[1].contains("--partition=gpu"), "\(calls[1])")
        #expect(calls[2].contains("--dependency=afterok:102") && calls[2].contains("ACTLAB_SLURM_PHASE=merge")
                && calls[2].contains("--partition=gpu"), "\(calls[2])")
        #expect(calls.allSatisfy { $0.hasSuffix("sweep.sbatch") }, "every job runs this same file")
    }

    /// The protocol job, the array tasks and the merge job, run by hand in order: the merged store equals a
    /// local run's, and every shard starts from the one protocol record (tuned once: `--tune lr`).
    @Test func theShardAndMergePhasesStoreWhatALocalRunStores() throws {
        let (directory, output) = try Self.emitted(["--emit-slurm", "sweep.sbatch", "--shards", "3", "--threads", "1",
                                                    "--tune", "lr", "--tune-budget", "2",
                                                    "--store", "merged.sqlite", "--report", "report.html"])
        defer { directory.remove() }
        #expect(output.status == 0, "\(output.standardError)")
        let decided = Self.runScript(directory, environment: ["ACTLAB_SLURM_PHASE": "protocol"])
        #expect(decided.status == 0 && decided.standardOutput.contains("protocol decided and stored in "), "\(decided.standardError)")
        var trained = 0
        for task in 0..<3 {
            let ran = Self.runScript(directory, environment: ["ACTLAB_SLURM_PHASE": "shard", "SLURM_ARRAY_TASK_ID": "\(task)"])
            #expect(ran.status == 0, "task \(task): \(ran.standardError)")
            let words = ran.standardOutput.split(whereSeparator: \.isWhitespace)
            trained += words.firstIndex(of: "ran").flatMap { Int(words[$0 + 1]) } ?? 100
        }
        #expect(trained == 4, "the shards trained the 4 evaluation runs and no tuning trial")
        let merged = Self.runScript(directory, environment: ["ACTLAB_SLURM_PHASE": "merge"])
        #expect(merged.status == 0, "\(merged.standardError)")
        #expect(FileManager.default.fileExists(atPath: directory.path("report.html")))

        #expect(merged.standardOutput.contains("1 experiments added") && !merged.standardOutput.contains("differing protocols"),
                "\(merged.standardOutput)")
        let local = try ActlabProcess.run(Self.sweep + ["--threads", "1", "--tune", "lr", "--tune-budget", "2",
                                                        "--store", "local.sqlite", "--report", ""], in: directory.url)
        #expect(local.status == 0, "\(local.standardError)")
        let mergedRuns = try SlurmClusterTests.evaluationRuns(in: directory.path("merged.sqlite"))
        #expect(mergedRuns.count == 4)
        #expect(mergedRuns == (try SlurmClusterTests.evaluationRuns(in: directory.path("local.sqlite"))))
    }

    @Test func everyPhaseStopsOnANodeWithoutTheDataAndNamesIt() throws {
        let (directory, output) = try Self.emitted(["--emit-slurm", "sweep.sbatch"])
        defer { directory.remove() }
        #expect(output.status == 0, "\(output.standardError)")
        try FileManager.default.removeItem(atPath: directory.path("data.csv"))
        let data = directory.url.resolvingSymlinksInPath().appendingPathComponent("data.csv").path
        for phase in ["submit", "shard", "merge"] {
            let ran = Self.runScript(directory, environment: ["ACTLAB_SLURM_PHASE": phase, "SLURM_ARRAY_TASK_ID": "0"])
            #expect(ran.status == 1, "\(phase)")
            let lines = ran.standardError.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].contains("\(data): missing on node"), "\(phase): \(ran.standardError)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path("actlab-runs.sqlite")))
    }

    @Test(arguments: [
        (["--resume"], "--emit-slurm: cannot be combined with --resume"),
        (["--shard", "0/2"], "--emit-slurm: cannot be combined with --shard"),
        (["--dataset", "csv:missing.csv"], "missing.csv"),
    ])
    func emittingRefusesWhatCannotRunOnTheCluster(extra: [String], message: String) throws {
        let (directory, output) = try Self.emitted(["--emit-slurm", "sweep.sbatch"] + extra)
        defer { directory.remove() }
        #expect(output.status == 1)
        #expect(output.standardError.split(separator: "\n").count == 1, "\(output.standardError)")
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("sweep.sbatch")))
    }

    @Test func dataInAMachineLocalFolderGetsANoteSayingWhatToStage() throws {
        let (directory, output) = try Self.emitted(["--emit-slurm", "sweep.sbatch"])
        defer { directory.remove() }
        #expect(output.status == 0, "\(output.standardError)")
        // ScratchDirectory lives in the temporary folder, which is usually private to each machine.
        let data = directory.url.resolvingSymlinksInPath().appendingPathComponent("data.csv").path
        let noted = output.standardError.contains("note: in folders usually private to each machine: ")
            && output.standardError.contains(data)
        #expect(noted == (DatasetSource.machineLocalFolder(of: data) != nil), "\(output.standardError)")
    }
}

/// Shell quoting for paths written into test scripts.
enum ShellQuote {
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
