import Foundation
import Testing
@testable import ActivationLab

/// A config file must be a regular file of bounded size and nesting; it is refused before it is read otherwise.
@Suite struct ComparisonFileLimitsTests {
    func message(reading path: String) -> String {
        do { _ = try ComparisonFile.read(path); return "read" } catch { return "\(error)" }
    }

    @Test func nonRegularFilesAreRefusedWithoutBlocking() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("c.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(message(reading: fifo).hasPrefix("\(fifo): is not a regular file"))
        #expect(message(reading: folder.path).hasPrefix("\(folder.path): is a directory"))
        #expect(message(reading: "/dev/zero").hasPrefix("/dev/zero: is not a regular file"))
        #expect(message(reading: folder.appendingPathComponent("missing.json").path).contains("no such file"))
    }

    @Test func sizeAndNestingAreBounded() {
        let deep = Data(("{\"options\":" + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "}").utf8)
        #expect(ComparisonFile.nestingDepth(of: deep) == 50_001)
        #expect(ComparisonFile.nestingDepth(of: Data("{\"a\": \"[[[[\\\"[[\"}".utf8)) == 1)
        #expect(throws: ComparisonFileError.self) { try ComparisonFile.parse(deep, path: "c.json") }
        let huge = Data("{}".utf8) + Data(repeating: 0x20, count: OptionLimits.configFileBytes)
        #expect((try? ComparisonFile.parse(huge, path: "c.json")) == nil)
    }
}
