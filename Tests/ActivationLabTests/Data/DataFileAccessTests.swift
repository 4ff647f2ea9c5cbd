#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import ActivationLab

/// Named pipes, devices and directories given where a data file is expected fail at once, by name.
@Suite("DataFileAccess")
struct DataFileAccessTests {
    let directory = TemporaryDirectory()

    @Test func fifoIsRefusedByEveryReaderWithoutBlocking() throws {
        let fifo = try HostileFiles.makeFIFO(directory.path("pipe"))
        let readers: [(String, @Sendable () throws -> Void)] = [
            ("DataFile.read", { _ = try DataFile.read(fifo) }),
            ("DataFile.readPrefix", { _ = try DataFile.readPrefix(fifo, count: 8) }),
            ("IDXReader.images", { _ = try IDXReader.images(at: fifo) }),
            ("IDXReader.labels", { _ = try IDXReader.labels(at: fifo) }),
            ("IDXReader.count", { _ = try IDXReader.count(at: fifo) }),
            ("CIFARReader.read", { _ = try CIFARReader.read(files: [fifo], variant: .cifar10) }),
            ("CSVReader.read", { _ = try CSVReader.read(at: fifo) }),
            ("TextCorpus.load", { _ = try TextCorpus.load(path: fifo) }),
        ]
        for (reader, body) in readers {
            let message = HostileFiles.expectError("pipe", "is not a regular file", "named pipe") { try body() }
            #expect(message != nil, "\(reader)")
        }
    }

    @Test func devicesAreNotRegularFilesNorPermissionProblems() throws {
        for device in ["/dev/null", "/dev/zero", "/dev/urandom"] where DataFileAccess.kind(device) != nil {
            let message = HostileFiles.expectError(device, "is not a regular file", "character device") {
                _ = try DataFile.read(device)
            }
            #expect(message.map { !$0.contains("permission") } ?? false)
        }
    }

    @Test func directoryAndMissingFileAreToldApart() throws {
        HostileFiles.expectError("is not a regular file", "a directory") { _ = try DataFile.read(directory.url.path) }
        let missing = directory.path("gone.csv")
        HostileFiles.expectError("gone.csv: no such file") { _ = try DataFile.read(missing) }
        let underFile = try directory.write("plain", [1]) + "/child"
        HostileFiles.expectError("plain/child: no such file", "not a directory") { _ = try DataFile.read(underFile) }
    }

    /// Tests run as root here, where permissions cannot be taken away: the mapping from errno is tested.
    @Test func unreadableIsReportedAsAPermissionProblemNotAsMissing() {
        let denied = DataFileAccess.openError("/data/x.csv", errno: EACCES).description
        #expect(denied == "/data/x.csv: cannot be read: permission denied. Check its permissions (ls -l)")
        #expect(DataFileAccess.statError("/data/x.csv", errno: EACCES).description == denied)
        #expect(DataFileAccess.statError("/data/x.csv", errno: ENOENT).description == "/data/x.csv: no such file")
        #expect(DataFileAccess.openError("/data/x.csv", errno: EIO).description.contains("cannot be read"))
    }

    @Test func symbolicLinksToRegularFilesAreFollowed() throws {
        let target = try directory.write("real.bin", [7, 8, 9])
        let link = directory.path("link.bin")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try DataFile.read(link) == [7, 8, 9])
        let fifoLink = directory.path("fifo-link")
        try FileManager.default.createSymbolicLink(atPath: fifoLink, withDestinationPath: try HostileFiles.makeFIFO(directory.path("p2")))
        HostileFiles.expectError("fifo-link", "named pipe") { _ = try DataFile.read(fifoLink) }
    }

    @Test func readStopsOneBytePastTheLimit() throws {
        let path = try directory.write("ten.bin", Array(0..<10))
        #expect(try DataFileAccess.read(path, limit: 4) == [0, 1, 2, 3, 4])
        #expect(try DataFileAccess.read(path, limit: 100) == Array(0..<10))
        #expect(try DataFile.read(path, atMost: 3) == [0, 1, 2, 3])
    }
}
