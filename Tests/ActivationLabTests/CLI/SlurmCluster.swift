import Foundation

/// A single-node Slurm cluster started by `scripts/slurm-cluster.sh` in a folder of its own, for tests that
/// submit real jobs. `start` says why when it cannot (not root, packages missing, a daemon died).
struct SlurmCluster {
    let directory: URL
    /// What Slurm's clients need to reach this cluster (`SLURM_CONF`).
    let environment: [String: String]

    static let script = ExamplesTests.repository.appendingPathComponent("scripts/slurm-cluster.sh").path

    /// Job states after which a job never runs again.
    static let finalStates: Set<String> = ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY",
                                           "PREEMPTED", "BOOT_FAIL", "DEADLINE"]

    /// Starts the cluster, or returns why it cannot start.
    static func start(in directory: URL) -> Result<SlurmCluster, SlurmUnavailable> {
        let started = Shell.run(script, ["start", directory.path])
        guard started.status == 0 else {
            let why = started.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            return .failure(SlurmUnavailable(reason: why.isEmpty ? "slurm-cluster.sh exited \(started.status)" : why))
        }
        return .success(SlurmCluster(directory: directory,
                                     environment: ["SLURM_CONF": directory.appendingPathComponent("slurm.conf").path]))
    }

    func stop() { _ = Shell.run(Self.script, ["stop", directory.path]) }

    /// `sbatch script` in `folder`: the job's id.
    func submit(_ script: String, in folder: URL) throws -> Int {
        let submitted = Shell.run("sbatch", [script], in: folder, environment: environment)
        guard submitted.status == 0, let id = submitted.standardOutput.split(separator: " ").last.flatMap({
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }) else { throw SlurmUnavailable(reason: "sbatch \(script) failed: \(submitted.standardError)") }
        return id
    }

    /// The state of each of a job's tasks (one for a plain job, one per array task), e.g. `COMPLETED`.
    func states(of job: Int) -> [String] {
        let shown = Shell.run("scontrol", ["show", "job", "-o", String(job)], environment: environment)
        return shown.standardOutput.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("JobState=") }.map { String($0.dropFirst("JobState=".count)) }
        }
    }

    /// Waits until every task of `job` is in a final state and returns the states; nil after `seconds`.
    func waitUntilFinished(_ job: Int, seconds: Double) -> [String]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let states = states(of: job)
            if !states.isEmpty, states.allSatisfy(Self.finalStates.contains) { return states }
            sleep(1)
        }
        return nil
    }

    /// The daemons' logs, for a failure message.
    func logs() -> String {
        ["slurmctld.log", "slurmd.log"].map { name in
            let text = (try? String(contentsOf: directory.appendingPathComponent("log/\(name)"), encoding: .utf8)) ?? ""
            return "--- \(name) (end)\n" + text.split(separator: "\n").suffix(15).joined(separator: "\n")
        }.joined(separator: "\n")
    }
}

struct SlurmUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Runs a program found on PATH (or by path) to completion, its output captured in files. Not Foundation's
/// `Process`: its `waitUntilExit` never returned for `slurm-cluster.sh`, whose daemons outlive it.
enum Shell {
    static func run(_ program: String, _ arguments: [String], in folder: URL? = nil,
                    environment: [String: String] = [:]) -> ActlabProcess.Output {
        let child: ChildProcess.Spawned
        switch ChildProcess.spawn(script: "cd \"$0\" && exec \"$@\"", folder: folder?.path ?? FileManager.default.currentDirectoryPath,
                                  command: [program] + arguments, environment: environment) {
        case .success(let spawned): child = spawned
        case .failure(let error):
            return .init(status: 127, standardOutput: "", standardError: "\(program): posix_spawn failed (\(error.code))")
        }
        defer { child.removeCapture() }
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return .init(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f),
                     standardOutput: child.standardOutput, standardError: child.standardError)
    }
}

/// Keeps a spawned child from inheriting the test process's other open files. Tests run in parallel: a child
/// holding another test's half-written script open makes that script fail to start ("Text file busy"), and a
/// daemon holding another test's pipe keeps it from ever reaching end-of-file.
enum SpawnActions {
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// glibc ≥ 2.34 has `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does not declare.
    private static let closeFrom: CloseFrom? = dlsym(dlopen(nil, RTLD_NOW), "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: CloseFrom.self) }

    /// Closes every descriptor above 2 in the child (where the C library can).
    static func closeInherited(_ actions: inout posix_spawn_file_actions_t) {
        _ = closeFrom?(&actions, 3)
    }
}
