import ArgumentParser
import ActivationLab
import Foundation

/// `compare --emit-slurm FILE`: resolves what the cluster's jobs need (actlab's absolute path, absolute store,
/// shard folder and report, the data and config files), writes the script and says what to stage.
enum SlurmSubmission {
    /// Per-task flags the script sets itself; the user's values are dropped from the task's arguments.
    static let perTaskFlags = ["--emit-slurm", "--shards", "--store", "--shard", "--report", "--threads"]
    /// CPUs per task when `--threads` is not given (the engine's products use two threads well).
    static let defaultCPUsPerTask = 2

    static func emit(command: CompareCommand, comparison: Comparison, to file: String) throws {
        guard !command.resume, command.experiment == nil else {
            throw ValidationError("--emit-slurm: cannot be combined with --resume or --experiment. Give the comparison's flags (or --config) so every task knows what to run")
        }
        guard command.shard == nil else {
            throw ValidationError("--emit-slurm: cannot be combined with --shard: the script gives each task its shard. Set the number of tasks with --shards")
        }
        let here = FileManager.default.currentDirectoryPath
        let absolute = { (path: String) in DatasetSource.absolute(path, relativeTo: here) }
        let store = absolute(command.store)
        let plan = SlurmJobPlan(
            actlab: try executablePath(), workingDirectory: absolute(here),
            compareArguments: compareArguments(Array(CommandLine.arguments.dropFirst())),
            shards: command.shards, cpusPerTask: command.options.threads ?? defaultCPUsPerTask, store: store,
            shardFolder: (store as NSString).deletingPathExtension + ".shards",
            report: command.report.isEmpty ? nil : absolute(command.report), experiment: comparison.name,
            inputs: try inputs(comparison: comparison, config: command.config.map(absolute)),
            dataRoot: ProcessInfo.processInfo.environment["ACTLAB_DATA"].flatMap { $0.isEmpty ? nil : absolute($0) })
        do {
            // The submit job's log goes there, and Slurm does not create folders for logs.
            try FileManager.default.createDirectory(atPath: plan.shardFolder, withIntermediateDirectories: true)
            try SlurmScript.text(plan, file: file).write(toFile: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        } catch {
            throw ValidationError("--emit-slurm \(file): cannot write the script: \(error.localizedDescription). Choose a writable path")
        }
        for note in stagingNotes(plan) { Terminal.error("note: " + note) }
        Terminal.line("wrote \(file): submit with `sbatch \(CompareCommand.shellQuoted(file))`: \(plan.shards) shard tasks, "
            + "then a merge-and-report job into \(plan.store)" + (plan.report.map { " and \($0)" } ?? ""))
    }

    /// The running `actlab`, symlinks resolved: the nodes run this very binary.
    static func executablePath() throws -> String {
        let candidates = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath(), Bundle.main.executableURL]
        guard let found = candidates.compactMap({ $0?.resolvingSymlinksInPath().path })
            .first(where: { $0 != "/proc/self/exe" && FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ValidationError("--emit-slurm: cannot find actlab's own path. Run it by its full path")
        }
        return found
    }

    /// The comparison's arguments (after `compare`) without the ones the script sets per task.
    static func compareArguments(_ arguments: [String]) -> [String] {
        var kept: [String] = []
        var rest = arguments[...]
        if rest.first == "compare" { rest = rest.dropFirst() }
        var skipNext = false
        for argument in rest {
            if skipNext { skipNext = false; continue }
            if perTaskFlags.contains(argument) { skipNext = true; continue }
            if perTaskFlags.contains(where: { argument.hasPrefix($0 + "=") }) { continue }
            kept.append(argument)
        }
        return kept
    }

    /// The data (and config file) every task reads.
    static func inputs(comparison: Comparison, config: String?) throws -> [String] {
        let here = FileManager.default.currentDirectoryPath
        let data: [String]
        do { data = try DatasetSource(spec: comparison.base.dataset).inputPaths(relativeTo: here) }
        catch { throw ValidationError("--dataset \(comparison.base.dataset): \(error)") }
        return (config.map { [$0] } ?? []) + data
    }

    /// What to stage before submitting: paths in folders that are usually private to each machine.
    static func stagingNotes(_ plan: SlurmJobPlan) -> [String] {
        var notes: [String] = []
        let local = (plan.nodeNeeds + [plan.store]).filter { DatasetSource.machineLocalFolder(of: $0) != nil }
        if !local.isEmpty {
            notes.append("in folders usually private to each machine: \(local.joined(separator: ", ")). Unless the "
                + "cluster is this machine, put them on a file system every node mounts at the same path and emit the script there")
        }
        if !Self.onPath("sbatch") {
            notes.append("sbatch is not on PATH here: copy the script to a machine of the cluster and submit it there")
        }
        return notes
    }

    private static func onPath(_ program: String) -> Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(program)")
        }
    }
}
