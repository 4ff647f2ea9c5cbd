import Foundation
import ActivationLab

/// How much to fuzz. CI runs the systematic cases plus a fixed number of seeded random ones; the soak
/// mode (`scripts/fuzz.sh --minutes N`) keeps drawing random cases until its time is up.
enum FuzzSettings {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    /// `ACTLAB_FUZZ_SEED`: the seed every generator derives its stream from.
    static var seed: UInt64 { environment["ACTLAB_FUZZ_SEED"].flatMap(UInt64.init) ?? 20_261_130 }
    /// `ACTLAB_FUZZ_MINUTES`: soak for this long in all (shared among the groups); nil in CI.
    static var soakMinutes: Double? { environment["ACTLAB_FUZZ_MINUTES"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } }
    /// `ACTLAB_FUZZ_FAILURES`: where failing inputs are kept for replay (default: a folder in the temp dir).
    static var failuresFolder: URL {
        environment["ACTLAB_FUZZ_FAILURES"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-failures")
    }
    /// Parallel child processes.
    static var workers: Int { environment["ACTLAB_FUZZ_WORKERS"].flatMap(Int.init) ?? 3 }

    /// The random stream of one group.
    static func generator(_ group: String, round: Int = 0) -> SeededGenerator {
        SeededGenerator.derived(seed: seed, stream: group.utf8.reduce(UInt64(round)) { $0 &* 31 &+ UInt64($1) })
    }
}

/// Failing inputs, kept with the command that replays them.
enum FuzzFailures {
    static func keep(_ result: FuzzResult, folder: URL, output: ChildProcess.Outcome) {
        let slug = result.fuzzCase.name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" }
        let target = FuzzSettings.failuresFolder.appendingPathComponent(String(slug.prefix(120)) + "-\(UUID().uuidString.prefix(8))")
        let files = FileManager.default
        try? files.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        copyWithoutOpening(folder, to: target.appendingPathComponent("input"))
        let quoted = result.fuzzCase.arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let environment = result.fuzzCase.environment.map { "\($0.key)='\($0.value)' " }.joined()
        let replay = """
            #!/bin/sh
            # \(result.fuzzCase.name): \(result.verdict.rawValue): \(result.detail)
            cd "$(dirname "$0")/input" && \(environment)exec "${ACTLAB:-actlab}" \(quoted)

            """
        _ = files.createFile(atPath: target.appendingPathComponent("replay.sh").path, contents: Data(replay.utf8),
                         attributes: [.posixPermissions: 0o755])
        _ = files.createFile(atPath: target.appendingPathComponent("output.txt").path,
                         contents: Data("exit \(output.status) signal \(output.signal.map(String.init) ?? "-")\n--- stdout\n\(output.standardOutput)\n--- stderr\n\(output.standardError)".utf8))
    }
}

/// Copies regular files and recreates FIFOs, symlinks and folders as they are: opening a FIFO to copy it
/// would block for ever.
private func copyWithoutOpening(_ source: URL, to target: URL) {
    let files = FileManager.default
    try? files.createDirectory(at: target, withIntermediateDirectories: true)
    for item in (try? files.contentsOfDirectory(atPath: source.path)) ?? [] {
        let from = source.appendingPathComponent(item), to = target.appendingPathComponent(item)
        var info = stat()
        guard lstat(from.path, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFREG: try? files.copyItem(at: from, to: to)
        case S_IFDIR: copyWithoutOpening(from, to: to)
        case S_IFIFO: _ = mkfifo(to.path, 0o644)
        case S_IFLNK: if let destination = try? files.destinationOfSymbolicLink(atPath: from.path) { try? files.createSymbolicLink(atPath: to.path, withDestinationPath: destination) }
        default: break
        }
    }
}

/// The count table: one row per group and a total, the same columns in CI and soak runs.
enum FuzzTable {
    static let columns: [FuzzVerdict] = FuzzVerdict.allCases

    /// `FUZZ-ROW group cases passed crash hang garbage unclear refused-valid changed`: machine-readable, so
    /// `scripts/fuzz.sh` can add up the groups of one `swift test` run.
    static func row(group: String, _ results: [FuzzResult]) -> String {
        let counts = columns.map { verdict in results.filter { $0.verdict == verdict }.count }
        return "FUZZ-ROW \(group) \(results.count) " + counts.map(String.init).joined(separator: " ")
    }

    /// One line per failing case: name, verdict, detail.
    static func failures(_ results: [FuzzResult]) -> [String] {
        results.filter { $0.verdict != .passed }.map { "FUZZ-FAIL \($0.fuzzCase.name): \($0.verdict.rawValue): \($0.detail)" }
    }
}
