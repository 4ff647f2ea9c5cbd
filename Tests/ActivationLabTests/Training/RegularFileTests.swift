import Foundation
import Testing
@testable import ActivationLab
#if canImport(Glibc)
import Glibc
#endif

/// Regular files only: folders, FIFOs and devices are refused at once, never read or blocked on.
@Suite struct RegularFileTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("regular-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func readsARegularFileAndRefusesEverythingElse() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("a.json")
        try Data("{}".utf8).write(to: file)
        #expect(try RegularFile.read(file.path) == Data("{}".utf8))
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let start = Date()
        #expect { try RegularFile.read(fifo) } throws: { "\($0)" == "is a named pipe (FIFO), not a regular file" }
        #expect(Date().timeIntervalSince(start) < 2)  // no writer ever comes: a blocking open would hang here
        #expect { try RegularFile.read(folder.path) } throws: { "\($0)" == "is a directory, not a regular file" }
        #expect { try RegularFile.read("/dev/zero") } throws: { "\($0)" == "is a device, not a regular file" }
        #expect { try RegularFile.read(folder.appendingPathComponent("none").path) } throws: { "\($0)" == "does not exist" }
        #expect { try RegularFile.read(file.path, limit: 1) } throws: { "\($0)".contains("more than the 1 allowed") }
    }

    @Test func writableChecksTheFolderAndTheTargetWithoutWriting() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("model.json").path
        try RegularFile.checkWritable(target)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect { try RegularFile.checkWritable(folder.appendingPathComponent("no/model.json").path) }
            throws: { "\($0)".hasPrefix("its folder") && "\($0)".hasSuffix("does not exist") }
        #expect { try RegularFile.checkWritable(folder.path) } throws: { "\($0)" == "is a directory, not a regular file" }
        try Data().write(to: URL(fileURLWithPath: folder.appendingPathComponent("file").path))
        #expect { try RegularFile.checkWritable(folder.appendingPathComponent("file/model.json").path) }
            throws: { "\($0)".contains("is not a folder") }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect { try RegularFile.checkWritable(fifo) } throws: { "\($0)".contains("named pipe") }
    }
}
