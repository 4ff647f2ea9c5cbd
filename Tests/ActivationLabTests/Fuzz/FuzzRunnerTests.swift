import Foundation
import Testing

/// The suite's judge: each failure category is recognised, so a zero in the count table means something.
@Suite struct FuzzRunnerTests {
    let refused = FuzzCase("test", "case", entries: [], arguments: [], expect: .refused, mentions: ["data.csv"])

    func outcome(status: Int32 = 1, signal: Int32? = nil, timedOut: Bool = false, stdout: String = "", stderr: String) -> ChildProcess.Outcome {
        ChildProcess.Outcome(status: status, signal: signal, timedOut: timedOut, seconds: 0.1, standardOutput: stdout, standardError: stderr)
    }

    func verdict(_ run: ChildProcess.Outcome, for fuzzCase: FuzzCase? = nil, changed: [String] = []) -> FuzzVerdict {
        FuzzRunner.judge(fuzzCase ?? refused, run, changed: changed, limit: 1 << 30).0
    }

    @Test func eachCategoryIsRecognised() {
        #expect(verdict(outcome(stderr: "Error: data.csv: line 3: empty label. Fill it in\n")) == .passed)
        #expect(verdict(outcome(stderr: "note: capped\nError: data.csv: bad\n")) == .passed)
        #expect(verdict(outcome(signal: 4, stderr: "")) == .crash)
        #expect(verdict(outcome(status: 134, stderr: "")) == .crash)
        #expect(verdict(outcome(stderr: "Fatal error: failed to allocate\n")) == .crash)
        #expect(verdict(outcome(timedOut: true, stderr: "")) == .hang)
        #expect(verdict(outcome(status: 0, stderr: "")) == .garbageTrained)
        #expect(verdict(outcome(stderr: "Error: data.csv: bad\nUsage: actlab train\n")) == .unclearMessage)
        #expect(verdict(outcome(stderr: "Error: something went wrong\n")) == .unclearMessage)
        #expect(verdict(outcome(stderr: "Error: data.csv: bad\n"), changed: ["s.sqlite"]) == .dataChanged)
        let valid = FuzzCase("test", "case", entries: [], arguments: [], expect: .accepted, mentions: [])
        #expect(verdict(outcome(stderr: "Error: data.csv: bad\n"), for: valid) == .refusedValid)
        var shaped = valid
        shaped.acceptedOutputMustContain = "training mlp:4-8-3"
        #expect(verdict(outcome(status: 0, stdout: "training mlp:4-8-5 [relu]", stderr: ""), for: shaped) == .garbageTrained)
        #expect(verdict(outcome(status: 0, stdout: "training mlp:4-8-3 [relu]", stderr: ""), for: shaped) == .passed)
    }

    @Test func aChildIsKilledAtItsTimeBoundAndLimitedInMemory() {
        let folder = FileManager.default.temporaryDirectory
        let slow = ChildProcess.run("/bin/sleep", ["30"], in: folder, addressSpace: 256 << 20, seconds: 0.3)
        #expect(slow.timedOut && slow.seconds < 5)
        // A shell holding 200 MB in a variable fails under a 64 MB address-space limit, and holds 20 MB under 1 GB.
        let hold = { (bytes: Int, limit: Int) in
            ChildProcess.run("/bin/sh", ["-c", "x=$(head -c \(bytes) /dev/zero | tr '\\0' a); echo ${#x}"], in: folder, addressSpace: limit, seconds: 20)
        }
        let greedy = hold(200_000_000, 64 << 20), modest = hold(20_000_000, 1 << 30)
        #expect(greedy.status != 0 || greedy.signal != nil, "held 200 MB under a 64 MB limit")
        #expect(modest.status == 0 && modest.standardOutput == "20000000\n", "\(modest)")
    }

    @Test func snapshotsReadRegularFilesOnlyAndSeeChanges() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-snap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("a").path, contents: Data([1]))
        #expect(mkfifo(folder.appendingPathComponent("pipe").path, 0o644) == 0)
        let before = FuzzRunner.snapshot(folder)
        #expect(Set(before.keys) == ["a"])
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("a").path, contents: Data([2]))
        #expect(FuzzRunner.snapshot(folder)["a"] != before["a"])
    }
}
