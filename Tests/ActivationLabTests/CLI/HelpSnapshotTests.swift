import Foundation
import Testing

/// The `--help` text of every command, compared with the reviewed copy in `Snapshots/`.
///
/// A change to options or help text shows up here as a diff to read. To accept new help text:
/// `ACTLAB_RECORD_SNAPSHOTS=1 swift test --filter HelpSnapshotTests`, then review `git diff`.
@Suite struct HelpSnapshotTests {
    static let commands = ["", "train", "compare", "report", "merge", "explicit", "analyze-curvature",
                           "activations", "heads", "datasets", "bench", "reproduce"]

    @Test(arguments: commands)
    func helpMatchesTheSnapshot(_ command: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let arguments = (command.isEmpty ? [] : [command]) + ["--help"]
        let output = try ActlabProcess.run(arguments, in: directory.url, environment: ["COLUMNS": "100"])
        #expect(output.status == 0)
        let snapshot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/\(command.isEmpty ? "actlab" : command).txt")
        if ProcessInfo.processInfo.environment["ACTLAB_RECORD_SNAPSHOTS"] == "1" {
            try output.standardOutput.write(to: snapshot, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(output.standardOutput == expected, "help for '\(command)' changed; see the test's doc comment to re-record")
    }
}
