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
}
