import Foundation
import Testing
@testable import ActivationLab

@Suite("DataFile")
struct DataFileTests {
    let directory = TemporaryDirectory()

    @Test func plainFileIsReadAsIs() throws {
        let bytes: [UInt8] = [0, 1, 2, 3, 0x1F]
        let path = try directory.write("plain.bin", bytes)
        #expect(try DataFile.read(path) == bytes)
    }

    @Test func gzipIsDetectedByMagicNotName() throws {
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 13) }
        let gz = try directory.write("no-extension", DataFile.gzip(bytes))
        #expect(try DataFile.read(gz) == bytes)
        // A plain file that only carries a .gz name is read as it is.
        let fake = try directory.write("fake.gz", [1, 2, 3])
        #expect(try DataFile.read(fake) == [1, 2, 3])
    }

    @Test func concatenatedMembersAreJoined() throws {
        let a: [UInt8] = Array("hello ".utf8), b: [UInt8] = Array("world".utf8)
        let path = try directory.write("two.gz", DataFile.gzip(a) + DataFile.gzip(b))
        #expect(try DataFile.read(path) == a + b)
    }

    @Test func prefixReadsOnlyTheStart() throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let gz = try directory.write("big.gz", DataFile.gzip(bytes))
        let plain = try directory.write("big.bin", bytes)
        #expect(try DataFile.readPrefix(gz, count: 16) == Array(bytes.prefix(16)))
        #expect(try DataFile.readPrefix(plain, count: 16) == Array(bytes.prefix(16)))
    }

    @Test func truncatedGzipNamesTheFile() throws {
        let bytes = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let gz = DataFile.gzip(bytes)
        let path = try directory.write("cut.gz", Array(gz.prefix(gz.count / 2)))
        let error = try #require(throws: DataError.self) { try DataFile.read(path) }
        #expect(error.description.contains("cut.gz"))
        #expect(error.description.contains("truncated"))
    }

    @Test func corruptGzipNamesTheFile() throws {
        var gz = DataFile.gzip(Array(repeating: 7, count: 1000))
        for i in 10..<min(gz.count - 8, 20) { gz[i] = 0xFF }
        let path = try directory.write("bad.gz", gz)
        let error = try #require(throws: DataError.self) { try DataFile.read(path) }
        #expect(error.description.contains("bad.gz"))
        #expect(error.description.contains("corrupt") || error.description.contains("truncated"))
    }

    @Test func missingFileAndDirectoryAreNamed() throws {
        let missing = directory.path("nothing-here.bin")
        let error = try #require(throws: DataError.self) { try DataFile.read(missing) }
        #expect(error.description.contains("nothing-here.bin") && error.description.contains("no such file"))
        let dirError = try #require(throws: DataError.self) { try DataFile.read(directory.url.path) }
        #expect(dirError.description.contains("directory"))
    }
}
