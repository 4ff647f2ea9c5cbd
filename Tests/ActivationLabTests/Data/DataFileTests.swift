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

    @Test func inflatingStopsOneBytePastTheLimit() throws {
        let bytes = [UInt8](repeating: 3, count: 100_000)
        let gz = DataFile.gzip(bytes)
        #expect(try DataFile.gunzip(gz, name: "x", limit: 1000) == Array(bytes.prefix(1001)))
        #expect(try DataFile.gunzip(gz, name: "x", limit: 100_000) == bytes)
        // A trailer claiming 4 GiB does not size the buffer past the limit.
        var lying = gz
        for i in lying.count - 4..<lying.count { lying[i] = 0xFF }
        #expect(try DataFile.gunzip(lying, name: "x", limit: 10) == Array(bytes.prefix(11)))
        let path = try directory.write("capped.gz", gz)
        #expect(try DataFile.read(path, atMost: 500).count == 501)
    }

    @Test func decompressionBombIsRefusedWithoutInflatingIt() throws {
        // 24 members of 1 MiB of zeros: ~25 KiB that inflate to 24 MiB, past max(16 MiB, 200 × 25 KiB).
        let bomb = HostileFiles.zeroBomb(members: 24, size: 1 << 20)
        #expect(bomb.count < 40_000)
        let path = try directory.write("bomb.csv.gz", bomb)
        HostileFiles.expectError("bomb.csv.gz", "decompression bomb") { _ = try DataFile.read(path) }
        // The same bytes as a CSV or CIFAR file are refused the same way.
        HostileFiles.expectError("bomb.csv.gz", "decompression bomb") { _ = try CSVReader.read(at: path) }
        HostileFiles.expectError("bomb.csv.gz", "decompression bomb") { _ = try CIFARReader.read(files: [path], variant: .cifar10) }
        // Under the floor, highly compressible data is fine.
        let small = try directory.write("zeros.gz", HostileFiles.zeroBomb(members: 2, size: 1 << 20))
        #expect(try DataFile.read(small).count == 2 << 20)
    }

    @Test func inflationLimitIsOverflowChecked() {
        #expect(DataFile.inflationLimit(compressedSize: 10) == DataFile.inflationFloor)
        #expect(DataFile.inflationLimit(compressedSize: 1 << 30) == 200 << 30)
        #expect(DataFile.inflationLimit(compressedSize: Int.max / 2) == Int.max)
    }
}
