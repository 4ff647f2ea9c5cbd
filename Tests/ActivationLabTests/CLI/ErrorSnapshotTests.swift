import Foundation
import Testing

/// The error lines of bad invocations, every command at least once, compared with the reviewed copy in
/// `Snapshots/errors.txt`: one style, `actlab <cmd>: <what>: <why>. <hint>`, on one line of stderr, exit 1.
///
/// Each invocation fails before any training or file is written, so the suite runs in about a second.
/// To accept new wording: `ACTLAB_RECORD_SNAPSHOTS=1 swift test --filter ErrorSnapshotTests`, then review `git diff`.
@Suite struct ErrorSnapshotTests {
    static let invocations: [[String]] = [
        ["comapre"],
        ["--bogus"],
        ["train", "--epochs", "x"],
        ["train", "--epochs"],
        ["train", "--lrr", "0.1"],
        ["train", "--activation", "tanhh"],
        ["train", "--lr=-1"],
        ["train", "--threads", "0"],
        ["train", "--dataset", "csv:missing.csv"],
        ["compare", "--seeds", "0"],
        ["compare", "--shard", "5/2"],
        ["compare", "--resume", "--store", "missing.sqlite"],
        ["compare", "--config", "missing.json"],
        ["report", "--store", "missing.sqlite"],
        ["report", "--store"],
        ["reproduce", "hinton"],
        ["reproduce", "xu", "--seeds", "0"],
        ["explicit"],
        ["explicit", "--dataset", "nope"],
        ["explicit", "--dataset", "sample", "--priming", "mean-l2"],
        ["analyze-curvature", "--transform", "zz"],
        ["analyze-curvature", "--hidden", "3-x"],
        ["activations", "--bogus"],
        ["heads", "extra"],
        ["datasets", "--x"],
        ["merge"],
        ["merge", "--into", "merged.sqlite", "missing.sqlite"],
        ["bench", "--models", "zz"],
        ["bench", "--repetitions", "x"],
    ]

    /// `$ actlab ARGS`, the stderr lines, `[exit N]`.
    static func transcript(_ arguments: [String], in directory: ScratchDirectory) throws -> String {
        let output = try ActlabProcess.run(arguments, in: directory.url, environment: ["COLUMNS": "100"])
        return "$ actlab \(arguments.joined(separator: " "))\n\(output.standardError)[exit \(output.status)]\n"
    }

    @Test func errorLinesMatchTheSnapshot() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let text = try Self.invocations.map { try Self.transcript($0, in: directory) }.joined(separator: "\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty, "bad input left files behind")
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/errors.txt")
        if ProcessInfo.processInfo.environment["ACTLAB_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: snapshot, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(text == expected, "error lines changed; see the test's doc comment to re-record")
    }

    /// The style itself, whatever the wording: one line that starts `actlab <cmd>: `, and exit status 1.
    @Test(arguments: invocations)
    func everyErrorIsOneLineInTheCommandsName(_ arguments: [String]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(arguments, in: directory.url)
        let command = ["train", "compare", "report", "reproduce", "explicit", "analyze-curvature", "activations", "heads",
                       "datasets", "merge", "bench"].contains(arguments[0]) ? "actlab \(arguments[0]): " : "actlab: "
        let lines = output.standardError.split(separator: "\n").filter { !$0.hasPrefix("note: ") }
        #expect(lines.count == 1 && lines[0].hasPrefix(command), "\(output.standardError)")
        #expect(!output.standardError.contains("Error:") && !output.standardError.contains("Usage:"))
        #expect(output.status == 1)
    }
}
