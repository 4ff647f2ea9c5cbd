import Foundation
import Testing
@testable import ActivationLab

@Suite("CIFARReader")
struct CIFARReaderTests {
    let directory = TemporaryDirectory()

    /// `labels.count` records; pixel k of record r is `(r + k) % 256`.
    func records(_ labels: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (r, label) in labels.enumerated() {
            bytes += label
            for k in 0..<3072 { bytes.append(UInt8((r + k) % 256)) }
        }
        return bytes
    }

    @Test func readsCIFAR10ChannelsFirst() throws {
        let folder = directory.path("c10/cifar-10-batches-bin")
        for b in 1...5 { try directory.write("c10/cifar-10-batches-bin/data_batch_\(b).bin", records([[UInt8(b)], [0]])) }
        try directory.write("c10/cifar-10-batches-bin/test_batch.bin.gz", DataFile.gzip(records([[9]])))
        try directory.write("c10/cifar-10-batches-bin/batches.meta.txt",
                            text: "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n")
        // The folder containing the archive folder works as well as the archive folder itself.
        for root in [directory.path("c10"), folder] {
            let (train, test) = try CIFARReader.load(directory: root, variant: .cifar10)
            #expect(train.features.shape == [10, 3, 32, 32] && test.features.shape == [1, 3, 32, 32])
            #expect(train.labels == [1, 0, 2, 0, 3, 0, 4, 0, 5, 0] && test.labels == [9])
            #expect(train.classNames?[9] == "truck" && train.classCount == 10)
            // Record 1 of batch 1, channel 2 (blue), row 5, column 7 = pixel 2*1024 + 5*32 + 7.
            let k = 2 * 1024 + 5 * 32 + 7
            #expect(train.features.scalars[1 * 3072 + k] == Float((1 + k) % 256) / 255)
        }
    }

    @Test func readsCIFAR100FineLabels() throws {
        try directory.write("c100/train.bin", records([[3, 77], [19, 99]]))
        try directory.write("c100/test.bin", records([[0, 5]]))
        let (train, test) = try CIFARReader.load(directory: directory.path("c100"), variant: .cifar100)
        #expect(train.labels == [77, 99] && test.labels == [5] && train.classCount == 100)
        #expect(train.features.scalars[3072] == Float(1) / 255)  // record 1 pixel 0 = (1 + 0) % 256
    }

    @Test func malformedFilesAreNamedErrors() throws {
        func check(_ name: String, _ bytes: [UInt8], _ variant: CIFARReader.Variant, problem: String) throws {
            let path = try directory.write(name, bytes)
            let error = try #require(throws: DataError.self) { try CIFARReader.read(files: [path], variant: variant) }
            #expect(error.description.contains(name) && error.description.contains(problem), "\(error)")
        }
        try check("short.bin", Array(records([[1], [2]]).dropLast(100)), .cifar10, problem: "truncated")
        try check("short.bin.gz", DataFile.gzip(Array(records([[1]]).dropLast(1))), .cifar10, problem: "3073-byte records")
        try check("range.bin", records([[1], [10]]), .cifar10, problem: "record 1: label 10 is out of range 0..<10")
        try check("range100.bin", records([[1, 100]]), .cifar100, problem: "label 100 is out of range 0..<100")
        try check("coarse.bin", records([[20, 1]]), .cifar100, problem: "coarse label 20")
        try check("empty.bin", [], .cifar10, problem: "empty file")
        // CIFAR-100 records read as CIFAR-10 do not divide into 3073-byte records.
        try check("wrongvariant.bin", records([[1, 2], [3, 4]]), .cifar10, problem: "3073-byte records")
    }

    @Test func missingFilesAreListed() throws {
        try directory.write("partial/data_batch_1.bin", records([[1]]))
        try directory.write("partial/data_batch_2.bin", records([[1]]))
        let error = try #require(throws: DataError.self) {
            try CIFARReader.load(directory: directory.path("partial"), variant: .cifar10)
        }
        for name in ["data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin"] {
            #expect(error.description.contains(name), "\(error)")
        }
        #expect(!error.description.contains("missing data_batch_1"))
    }

    @Test func singleClassTrainingDataIsRefused() throws {
        for b in 1...5 { try directory.write("same/data_batch_\(b).bin", records([[3], [3]])) }
        try directory.write("same/test_batch.bin", records([[1]]))
        let folder = directory.path("same")
        HostileFiles.expectError("same", "all 10 labels are 3", "at least two classes", "training files") {
            _ = try CIFARReader.load(directory: folder, variant: .cifar10)
        }
    }

    @Test func plainFilesAreSizeCheckedBeforeAnyIsRead() throws {
        let good = try directory.write("good.bin", records([[1], [2]]))
        let bad = try directory.write("bad.bin", Array(records([[1]]).dropLast(7)))
        // The bad file is named though it comes second: sizes are checked before reading the first.
        HostileFiles.expectError("bad.bin", "3066 bytes", "3073-byte records") {
            _ = try CIFARReader.read(files: [good, bad], variant: .cifar10)
        }
        let fifo = try HostileFiles.makeFIFO(directory.path("test_batch.bin"))
        HostileFiles.expectError("test_batch.bin", "named pipe") { _ = try CIFARReader.read(files: [good, fifo], variant: .cifar10) }
    }
}
