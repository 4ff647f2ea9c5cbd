import Foundation

/// How one case ended, by the suite's categories.
enum FuzzVerdict: String, CaseIterable, Sendable {
    case passed
    /// A signal, an exit status above 127, or a Swift runtime trap / failed allocation on stderr.
    case crash
    /// Still running at the time bound (killed).
    case hang
    /// Exit 0 on input that had to be refused, or an accepted run that read the data differently.
    case garbageTrained = "garbage-trained"
    /// A refusal without exactly one error line naming the file or option.
    case unclearMessage = "unclear message"
    /// A valid input refused.
    case refusedValid = "refused valid"
    /// A stored file (store, checkpoint, data, config) changed by a run that had to leave it alone.
    case dataChanged = "data changed"
}

struct FuzzResult: Sendable {
    let fuzzCase: FuzzCase
    let verdict: FuzzVerdict
    let detail: String
    let seconds: Double
}

/// Runs cases as child processes of the built `actlab`, each in a fresh folder, under `ulimit -v` and a time bound.
enum FuzzRunner {
    /// Address space every run may use whatever its input: the Swift runtime, and OpenBLAS, which reserves
    /// about 128 MB per core for its buffers (and retries for ever when that fails, so this must cover it).
    static var fixedAllowance: Int { 768 << 20 + ProcessInfo.processInfo.activeProcessorCount * (192 << 20) }
    /// Address space per byte of input: pixels become Float32 (4×), copied for splits and normalisation.
    static let bytesPerInputByte = 64
    /// Refusals take milliseconds; a run that trains gets longer. Both are far above normal, so only a
    /// hang reaches them on a busy machine.
    static let refusalSeconds = 10.0
    static let runSeconds = 40.0

    /// Runs `cases` on `workers` processes at a time, in case order.
    static func run(_ cases: [FuzzCase], workers: Int = 3) -> [FuzzResult] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let results = ResultSlots(count: cases.count)
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
            while let index = next.take(below: cases.count) {
                let folder = root.appendingPathComponent("case-\(index)")
                results.set(index, run(cases[index], in: folder))
            }
        }
        return results.values
    }

    /// Runs one case in `folder` (created, then removed unless the case failed and failures are kept).
    static func run(_ fuzzCase: FuzzCase, in folder: URL) -> FuzzResult {
        let start = Date()
        func result(_ verdict: FuzzVerdict, _ detail: String) -> FuzzResult {
            FuzzResult(fuzzCase: fuzzCase, verdict: verdict, detail: detail, seconds: Date().timeIntervalSince(start))
        }
        do { try lay(out: fuzzCase.entries, in: folder) } catch { return result(.crash, "setup failed: \(error)") }
        let before = snapshot(folder)
        let limit = fixedAllowance + fuzzCase.inputBytes * bytesPerInputByte
        let timeLimit = fuzzCase.seconds ?? (fuzzCase.expectation == .refused ? refusalSeconds : runSeconds)
        let run = ChildProcess.run(ActlabProcess.executable.path, fuzzCase.arguments, in: folder,
                                   addressSpace: limit, seconds: timeLimit, environment: fuzzCase.environment)
        let after = snapshot(folder)
        let outcome = judge(fuzzCase, run, changed: before.keys.sorted().filter { !fuzzCase.outputs.contains($0) && after[$0] != before[$0] },
                            limit: limit)
        let final = result(outcome.0, outcome.1)
        if final.verdict != .passed { FuzzFailures.keep(final, folder: folder, output: run) }
        try? FileManager.default.removeItem(at: folder)
        return final
    }

    /// The verdict on a finished run.
    static func judge(_ fuzzCase: FuzzCase, _ run: ChildProcess.Outcome, changed: [String], limit: Int) -> (FuzzVerdict, String) {
        let stderr = run.standardError
        let errorLines = stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            .filter { !$0.hasPrefix("note: ") && !$0.hasPrefix("warning: ") }
        let quoted = errorLines.prefix(3).joined(separator: " | ")
        if run.timedOut { return (.hang, "still running after \(Int(run.seconds)) s") }
        if let signal = run.signal { return (.crash, "signal \(signal): \(quoted)") }
        let trapMarkers = ["Fatal error", "Backtrace", "failed to allocate", "Segmentation fault", "Illegal instruction"]
        if run.status > 127 || trapMarkers.contains(where: stderr.contains) {
            return (.crash, "exit \(run.status) under a \(limit >> 20) MB address-space limit: \(quoted)")
        }
        if let file = changed.first { return (.dataChanged, "\(file) changed (exit \(run.status))") }
        if run.status == 0 {
            if fuzzCase.expectation == .refused { return (.garbageTrained, "exit 0 on input that must be refused") }
            if let shape = fuzzCase.acceptedOutputMustContain, !run.standardOutput.contains(shape) {
                return (.garbageTrained, "exit 0 but the data was not read as '\(shape)': \(run.standardOutput.prefix(200))")
            }
            return (.passed, "accepted")
        }
        if fuzzCase.expectation == .accepted { return (.refusedValid, "exit \(run.status): \(quoted)") }
        // A run that diverged says so on stdout and exits 3: a clean outcome, not an error message.
        if run.status == 3, run.standardOutput.contains("diverged"), errorLines.isEmpty { return (.passed, "diverged") }
        if let early = fuzzCase.refusalMustNotPrint, run.standardOutput.contains(early) {
            return (.unclearMessage, "refused only after printing '\(early)': \(quoted)")
        }
        guard errorLines.count == 1 else { return (.unclearMessage, "\(errorLines.count) error lines: \(quoted)") }
        guard fuzzCase.mentions.contains(where: { errorLines[0].contains($0) }) else {
            return (.unclearMessage, "names none of \(fuzzCase.mentions): \(quoted)")
        }
        return (.passed, "refused: \(errorLines[0])")
    }

    private static func lay(out entries: [FuzzCase.Entry], in folder: URL) throws {
        let files = FileManager.default
        try files.createDirectory(at: folder, withIntermediateDirectories: true)
        func path(_ name: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try files.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return url.path
        }
        for entry in entries {
            switch entry {
            case let .file(name, bytes): guard files.createFile(atPath: try path(name), contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
            case let .directory(name): try files.createDirectory(atPath: try path(name), withIntermediateDirectories: true)
            case let .fifo(name): guard mkfifo(try path(name), 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            case let .symlink(name, target): try files.createSymbolicLink(atPath: try path(name), withDestinationPath: target)
            }
        }
    }

    /// The bytes of every regular file under `folder` (symlinks, FIFOs and devices are never opened).
    static func snapshot(_ folder: URL) -> [String: Data] {
        var contents: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return contents }
        while let relative = walker.nextObject() as? String {
            let path = folder.appendingPathComponent(relative).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            contents[relative] = FileManager.default.contents(atPath: path)
        }
        return contents
    }
}

/// One slot per case, filled by the workers.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [FuzzResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: FuzzResult) { lock.withLock { slots[index] = result } }
    var values: [FuzzResult] { lock.withLock { slots.compactMap { $0 } } }
}

private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }
}
