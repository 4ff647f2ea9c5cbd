import ActivationLab
import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `compare --jobs N` and `reproduce --jobs N`: N worker processes (`actlab compare|reproduce … --worker I/N
/// --threads T`) run the comparisons on the same store at once. They divide the cells through the store's
/// claims (one IMMEDIATE transaction each),
/// wait for each other between protocol phases as separate `--shard` processes do, and worker 0 alone times
/// the step costs while the others wait. Every cell trains exactly as it would alone on T threads, so the
/// runs and metrics are those of `--jobs 1`.
///
/// This process supervises: it shows progress from the store, forwards an interrupt (Ctrl-C, SIGTERM,
/// SIGHUP) to the workers as one SIGTERM each — they store their current runs as interrupted and exit 130,
/// leaving the store resumable — and stops the others when one fails. Workers ignore SIGINT and SIGHUP
/// (a terminal's Ctrl-C reaches the whole process group; a second signal would make them quit without
/// storing) and stop on their own when this process disappears.
struct ParallelCells {
    let jobs: JobCount
    /// The arguments of worker I (after the executable).
    let workerArguments: (Int) -> [String]
    /// One status line about the work done so far, read from the store (nil: nothing to say yet).
    let progress: () -> String?

    /// How the workers ended.
    enum Outcome { case finished, interrupted }

    /// The arguments of worker `index` of `count`: the command's own without `--jobs` and `--threads`, plus
    /// `--threads threads --worker index/count`.
    static func workerArguments(_ arguments: [String], index: Int, of count: Int, threads: Int) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if argument == "--jobs" || argument == "--threads" || argument == "--worker" { skipNext = true; continue }
            if ["--jobs=", "--threads=", "--worker="].contains(where: argument.hasPrefix) { continue }
            kept.append(argument)
        }
        return kept + ["--threads", "\(threads)", "--worker", "\(index)/\(count)"]
    }

    /// `--worker I/N` (set by `--jobs` on the processes it starts): this process's index I, nil without the flag.
    static func workerIndex(_ worker: String?) throws -> Int? {
        guard let worker else { return nil }
        let parts = worker.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--worker: '\(worker)' is not I/N with 0 ≤ I < N. It is set by --jobs; leave it out")
        }
        return parts[0]
    }

    /// This executable, for starting the workers.
    static var executable: URL {
        let own = URL(fileURLWithPath: "/proc/self/exe")
        if FileManager.default.fileExists(atPath: own.path) { return own.resolvingSymlinksInPath() }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    func run() throws -> Outcome {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-workers-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        var workers: [(process: Process, log: URL)] = []
        defer {  // never leave a worker behind, whatever ends this function
            for worker in workers where worker.process.isRunning { kill(worker.process.processIdentifier, SIGTERM) }
        }
        for index in 0..<jobs.jobs {
            let log = logs.appendingPathComponent("worker-\(index).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = Self.executable
            process.arguments = workerArguments(index)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            workers.append((process, log))
        }
        var forwarded = false
        var failure: (index: Int, status: Int32, signalled: Bool)?
        let start = Date()
        var logged: (line: String?, time: TimeInterval) = (nil, 0)
        while workers.contains(where: { $0.process.isRunning }) {
            if (Interrupt.requested || failure != nil) && !forwarded {
                forwarded = true
                for worker in workers where worker.process.isRunning { kill(worker.process.processIdentifier, SIGTERM) }
            }
            if failure == nil, let index = workers.firstIndex(where: { !$0.process.isRunning && Self.failed($0.process) }) {
                failure = (index, workers[index].process.terminationStatus, workers[index].process.terminationReason == .uncaughtSignal)
                continue
            }
            showProgress(since: start, logged: &logged)
            usleep(300_000)
        }
        Terminal.clearStatus()
        if failure == nil, let index = workers.firstIndex(where: { Self.failed($0.process) }) {
            failure = (index, workers[index].process.terminationStatus, workers[index].process.terminationReason == .uncaughtSignal)
        }
        if Interrupt.requested { return .interrupted }
        if let failure {
            let log = (try? String(contentsOf: workers[failure.index].log, encoding: .utf8)) ?? ""
            let reason = log.split(separator: "\n").last { !$0.hasPrefix("note:") }.map(String.init)
                ?? (failure.signalled ? "killed by signal \(failure.status)" : "exit status \(failure.status)")
            throw CommandLineError("--jobs: worker \(failure.index + 1) of \(jobs.jobs) stopped: \(reason). The other workers were stopped and finished runs are stored; continue with --resume", status: !failure.signalled && failure.status == Interrupt.exitStatus ? Interrupt.exitStatus : 1)
        }
        return .finished
    }

    /// A worker that ended other than with success (a signal or a non-zero status).
    private static func failed(_ process: Process) -> Bool {
        process.terminationReason == .uncaughtSignal || process.terminationStatus != 0
    }

    /// The status line on a terminal; in a log, a line when the progress changed, at most once a minute.
    private func showProgress(since start: Date, logged: inout (line: String?, time: TimeInterval)) {
        guard let line = progress() else { return }
        let elapsed = Date().timeIntervalSince(start)
        let text = line + "  \(Terminal.duration(elapsed))"
        if Terminal.isInteractive { return Terminal.status(text) }
        guard line != logged.line, elapsed - logged.time >= 60 else { return }
        logged = (line, elapsed)
        Terminal.line(text)
    }

    /// Progress of `experiments` in `store`, which plan `evaluationCells` evaluation runs in all: complete runs
    /// by phase and running runs.
    static func progress(_ store: RunStore, experiments: [Experiment], evaluationCells: Int, jobs: JobCount) -> String? {
        var (done, preparatory, running) = (0, 0, 0)
        for experiment in experiments {
            guard let runs = try? store.runs(experiment: experiment) else { return nil }
            done += runs.filter { $0.kind == .evaluation && $0.isComplete }.count
            preparatory += runs.filter { $0.kind != .evaluation && $0.isComplete }.count
            running += runs.filter { $0.status == .running }.count
        }
        return "\(Terminal.bar(Double(done) / Double(max(1, evaluationCells)))) evaluation \(done)/\(evaluationCells)"
            + (preparatory > 0 ? ", \(preparatory) tuning/pilot runs" : "")
            + "  \(running) running on \(jobs.jobs) workers × \(jobs.threadsPerJob) thread\(jobs.threadsPerJob == 1 ? "" : "s")"
    }
}
