import Foundation
import Testing
@testable import ActivationLab

/// IDX fixtures built byte by byte: big-endian header, then the data.
enum IDXFixture {
    static func uint32(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// `n` images of `rows`×`cols` whose pixel k of image i is `(i * 31 + k) % 256`.
    static func images(n: Int, rows: Int = 4, cols: Int = 3, magic: UInt32 = 0x0803) -> [UInt8] {
        var bytes = uint32(magic) + uint32(UInt32(n)) + uint32(UInt32(rows)) + uint32(UInt32(cols))
        for i in 0..<n { for k in 0..<(rows * cols) { bytes.append(UInt8((i * 31 + k) % 256)) } }
        return bytes
    }

    static func labels(_ values: [UInt8], magic: UInt32 = 0x0801) -> [UInt8] {
        uint32(magic) + uint32(UInt32(values.count)) + values
    }
}

@Suite("IDXReader")
struct IDXReaderTests {
    let directory = TemporaryDirectory()

    @Test(arguments: [false, true])
    func readsImagesScaledToUnitRange(gzipped: Bool) throws {
        let raw = IDXFixture.images(n: 5)
        let path = try directory.write(gzipped ? "img.gz" : "img", gzipped ? DataFile.gzip(raw) : raw)
        let images = try IDXReader.images(at: path)
        #expect(images.shape == [5, 1, 4, 3])
        for i in 0..<5 {
            for k in 0..<12 {
                #expect(images.scalars[i * 12 + k] == Float((i * 31 + k) % 256) / 255)
            }
        }
        #expect(images.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test(arguments: [false, true])
    func readsLabels(gzipped: Bool) throws {
        let raw = IDXFixture.labels([3, 0, 9, 1])
        let path = try directory.write(gzipped ? "lab.gz" : "lab", gzipped ? DataFile.gzip(raw) : raw)
        #expect(try IDXReader.labels(at: path) == [3, 0, 9, 1])
        #expect(try IDXReader.count(at: path) == 4)
    }

    /// Every malformed file, plain and gzipped, gives a DataError naming the file and the problem.
    @Test(arguments: [false, true])
    func malformedFilesAreNamedErrors(gzipped: Bool) throws {
        func check(_ name: String, _ bytes: [UInt8], labels: Bool = false, problem: String) throws {
            let file = gzipped ? name + ".gz" : name
            let path = try directory.write(file, gzipped ? DataFile.gzip(bytes) : bytes)
            let error = try #require(throws: DataError.self) {
                if labels { _ = try IDXReader.labels(at: path) } else { _ = try IDXReader.images(at: path) }
            }
            #expect(error.description.contains(file), "\(error)")
            #expect(error.description.contains(problem), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        try check("wrong-magic-images", IDXFixture.images(n: 2, magic: 0x0801), problem: "wrong magic number 0x00000801")
        try check("wrong-magic-labels", IDXFixture.labels([1, 2], magic: 0x0803), labels: true, problem: "wrong magic number 0x00000803")
        try check("truncated-images", Array(IDXFixture.images(n: 3).dropLast(5)), problem: "truncated")
        try check("truncated-header", Array(IDXFixture.images(n: 3).prefix(10)), problem: "truncated")
        try check("truncated-labels", Array(IDXFixture.labels([1, 2, 3]).dropLast()), labels: true, problem: "truncated")
        try check("label-range", IDXFixture.labels([1, 12, 3]), labels: true, problem: "label 12 of sample 1 is out of range 0..<10")
        try check("empty-images", [], problem: "empty file")
        try check("empty-labels", [], labels: true, problem: "empty file")
        try check("extra-bytes", IDXFixture.images(n: 2) + [1, 2], problem: "size mismatch")
    }

    @Test func countsThatDisagreeNameBothFiles() throws {
        let images = try directory.write("imgs-idx3-ubyte", IDXFixture.images(n: 3))
        let labels = try directory.write("labs-idx1-ubyte.gz", DataFile.gzip(IDXFixture.labels([1, 2])))
        let error = try #require(throws: DataError.self) {
            try IDXReader.dataset(images: images, labels: labels, name: "x")
        }
        #expect(error.description.contains("imgs-idx3-ubyte") && error.description.contains("labs-idx1-ubyte.gz"))
        #expect(error.description.contains("3 images") && error.description.contains("2 labels"))
    }

    @Test func classCountBoundsLabels() throws {
        let path = try directory.write("l", IDXFixture.labels([0, 1, 2]))
        #expect(try IDXReader.labels(at: path, classCount: 3) == [0, 1, 2])
        #expect(throws: DataError.self) { try IDXReader.labels(at: path, classCount: 2) }
    }

    @Test func directoryListsMissingFiles() throws {
        try directory.write("mnist/train-images-idx3-ubyte.gz", DataFile.gzip(IDXFixture.images(n: 3)))
        try directory.write("mnist/train-labels.idx1-ubyte", IDXFixture.labels([0, 1, 2]))
        let error = try #require(throws: DataError.self) { try IDXDirectory(path: directory.path("mnist")) }
        #expect(error.description.contains("t10k-images-idx3-ubyte") && error.description.contains("t10k-labels-idx1-ubyte"))
        #expect(!error.description.contains("train-images"))

        try directory.write("mnist/t10k-images-idx3-ubyte", IDXFixture.images(n: 2))
        try directory.write("mnist/t10k-labels-idx1-ubyte", IDXFixture.labels([4, 5]))
        let (train, test) = try IDXDirectory(path: directory.path("mnist")).load(name: "mnist")
        #expect(train.count == 3 && test.count == 2)
        #expect(train.sampleShape == [1, 4, 3] && test.labels == [4, 5])
        #expect(train.name == "mnist/train" && test.name == "mnist/test")
    }

    /// Headers whose claims the file cannot back are refused from the header and the file's size alone.
    @Test func headerClaimsAreCheckedBeforeAnythingIsAllocated() throws {
        func header(_ n: UInt32, _ rows: UInt32, _ cols: UInt32) -> [UInt8] {
            IDXFixture.uint32(0x0803) + IDXFixture.uint32(n) + IDXFixture.uint32(rows) + IDXFixture.uint32(cols)
        }
        // 2^32 − 1 images of 65535×65535: more bytes than an Int counts (overflow-checked).
        let huge = try directory.write("huge", header(.max, 65_535, 65_535) + [1, 2, 3])
        HostileFiles.expectError("huge", "4294967295 images of 65535×65535", "more bytes than can be counted") {
            _ = try IDXReader.images(at: huge)
        }
        // A plain file must be exactly as long as its header says.
        let short = try directory.write("short", header(2_000_000_000, 28, 28) + [1, 2, 3])
        HostileFiles.expectError("short", "truncated file", "2000000000 images of 28×28", "the file has 19 bytes") {
            _ = try IDXReader.images(at: short)
        }
        // Gzip data may not claim more than 200× its compressed size (past the 16 MiB floor).
        let claim = try directory.write("claim.gz", DataFile.gzip(header(1_000_000, 28, 28) + [UInt8](repeating: 0, count: 784)))
        HostileFiles.expectError("claim.gz", "implausible header", "1000000 images of 28×28", "decompression bomb") {
            _ = try IDXReader.images(at: claim)
        }
        let labels = try directory.write("labels.gz", DataFile.gzip(IDXFixture.uint32(0x0801) + IDXFixture.uint32(.max)))
        HostileFiles.expectError("labels.gz", "implausible header", "4294967295 labels") {
            _ = try IDXReader.labels(at: labels)
        }
    }

    /// Gzip data that inflates past its header's claim stops inflating one byte after it.
    @Test func gzipLongerThanTheHeaderSaysIsAMismatch() throws {
        let bomb = IDXFixture.images(n: 2) + [UInt8](repeating: 0, count: 8 << 20)
        let path = try directory.write("long.gz", DataFile.gzip(bomb, level: 9))
        HostileFiles.expectError("long.gz", "size mismatch", "2 images of 4×3 (40 bytes)", "decompressed data is longer") {
            _ = try IDXReader.images(at: path)
        }
        #expect(try DataFile.read(path, atMost: 40).count == 41)
    }

    @Test func singleClassTrainingLabelsAreRefused() throws {
        try directory.write("one/train-images-idx3-ubyte", IDXFixture.images(n: 4))
        try directory.write("one/train-labels-idx1-ubyte", IDXFixture.labels([7, 7, 7, 7]))
        try directory.write("one/t10k-images-idx3-ubyte", IDXFixture.images(n: 2))
        try directory.write("one/t10k-labels-idx1-ubyte", IDXFixture.labels([7, 7]))
        let folder = directory.path("one")
        HostileFiles.expectError("train-labels-idx1-ubyte", "all 4 labels are 7", "at least two classes") {
            _ = try IDXDirectory(path: folder).load(name: "one")
        }
        // Through the dataset spec as well, names and all.
        HostileFiles.expectError("all 4 labels are 7") { _ = try DatasetSource(spec: "idx:\(folder)").load() }
    }

    @Test func nonRegularMembersAndFoldersAreNamed() throws {
        try directory.write("pipes/train-images-idx3-ubyte", IDXFixture.images(n: 3))
        _ = try HostileFiles.makeFIFO(directory.path("pipes/train-labels-idx1-ubyte"))
        try directory.write("pipes/t10k-images-idx3-ubyte", IDXFixture.images(n: 2))
        try directory.write("pipes/t10k-labels-idx1-ubyte", IDXFixture.labels([4, 5]))
        let folder = directory.path("pipes")
        HostileFiles.expectError("train-labels-idx1-ubyte", "is not a regular file", "named pipe") {
            _ = try IDXDirectory(path: folder)
        }
        let fifo = try HostileFiles.makeFIFO(directory.path("not-a-folder"))
        HostileFiles.expectError("not-a-folder", "is not a directory", "named pipe") { _ = try IDXDirectory(path: fifo) }
    }
}
