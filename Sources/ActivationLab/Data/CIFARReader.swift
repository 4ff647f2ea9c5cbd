import Foundation

/// Reads the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky, 2009).
///
/// Each record is the label byte(s) followed by 3 072 pixel bytes in CHW order (1 024 red, then green,
/// then blue, each 32×32 row-major): CIFAR-10 has one label byte (3 073-byte records), CIFAR-100 a coarse and
/// a fine label byte (3 074-byte records; the fine label, 0..<100, is used). Files may also be gzipped.
/// Images become `[N, 3, 32, 32]` tensors with pixels scaled to [0, 1].
public enum CIFARReader {
    /// Which of the two CIFAR datasets a file belongs to.
    public enum Variant: String, Sendable, CaseIterable {
        case cifar10 = "CIFAR-10"
        case cifar100 = "CIFAR-100"

        /// Label bytes per record: 1 (CIFAR-10) or 2 (CIFAR-100: coarse, fine).
        public var labelBytes: Int { self == .cifar10 ? 1 : 2 }
        /// Bytes per record.
        public var recordSize: Int { labelBytes + CIFARReader.pixelsPerImage }
        /// The number of (fine) classes.
        public var classCount: Int { self == .cifar10 ? 10 : 100 }
        /// The training files in the binary distribution.
        public var trainFiles: [String] {
            self == .cifar10 ? (1...5).map { "data_batch_\($0).bin" } : ["train.bin"]
        }
        /// The test files in the binary distribution.
        public var testFiles: [String] { self == .cifar10 ? ["test_batch.bin"] : ["test.bin"] }
        /// The folder the official archive unpacks to.
        public var archiveFolder: String { self == .cifar10 ? "cifar-10-batches-bin" : "cifar-100-binary" }
        /// The file with one class name per line, if the archive has one.
        public var classNamesFile: String { self == .cifar10 ? "batches.meta.txt" : "fine_label_names.txt" }
    }

    /// Pixels per image: 3 channels × 32 × 32.
    public static let pixelsPerImage = 3 * 32 * 32

    /// Reads and concatenates the records of `files`.
    ///
    /// Plain files are checked from their sizes (whole records, and memory for the float tensor) before any is
    /// read; gzipped files are inflated at most to `DataFile.inflationLimit` of their compressed size.
    public static func read(files: [String], variant: Variant) throws -> (features: Tensor, labels: [Int32]) {
        var plainRecords = 0
        for file in files {
            let info = try DataFile.inspect(file)
            guard !info.isGzip else { continue }
            try checkSize(info.size, file: file, variant: variant)
            plainRecords += info.size / variant.recordSize
        }
        // Each record becomes 3 072 floats (4 bytes each) beside its bytes while a file is converted.
        let (needed, overflow) = plainRecords.multipliedReportingOverflow(by: 4 * pixelsPerImage + variant.recordSize)
        try MemoryBudget.check(overflow ? Int.max : needed, for: "\(variant.rawValue) (\(plainRecords) images)")
        var scalars: [Float] = []
        scalars.reserveCapacity(plainRecords * pixelsPerImage)
        var labels: [Int32] = []
        for file in files {
            let bytes = try DataFile.read(file)
            try append(bytes, file: file, variant: variant, scalars: &scalars, labels: &labels)
        }
        return (Tensor(shape: [labels.count, 3, 32, 32], scalars: scalars), labels)
    }

    /// Refuses a file that is empty or not a whole number of records.
    static func checkSize(_ size: Int, file: String, variant: Variant) throws {
        guard size > 0 else { throw DataError("\(file): empty file") }
        let record = variant.recordSize
        guard size % record == 0 else {
            throw DataError("\(file): truncated or not \(variant.rawValue): \(size) bytes is \(size / record) whole \(record)-byte records plus \(size % record) bytes. Check that the file is complete and intact (download it again)")
        }
    }

    /// Loads the training and test sets from `directory`, which may be the unpacked archive folder
    /// (`cifar-10-batches-bin`, `cifar-100-binary`) or a folder containing it.
    /// - Throws: `DataError` listing every missing file.
    public static func load(directory: String, variant: Variant) throws -> (train: Dataset, test: Dataset) {
        let root = try resolve(directory: directory, variant: variant)
        let trainFiles = variant.trainFiles.map { root.files[$0]! }
        let testFiles = variant.testFiles.map { root.files[$0]! }
        let names = classNames(in: root.path, variant: variant)
        let train = try read(files: trainFiles, variant: variant)
        let label = variant == .cifar10 ? "cifar10" : "cifar100"
        let trainSet = Dataset(name: "\(label)/train", features: train.features, labels: train.labels,
                               classCount: variant.classCount, classNames: names)
        let fileList = trainFiles.count == 1 ? trainFiles[0] : "\(root.path) (\(variant.trainFiles.joined(separator: ", ")))"
        try trainSet.requireSeveralClasses(source: fileList, hint: "Check that these are the \(variant.rawValue) training files")
        let test = try read(files: testFiles, variant: variant)
        return (trainSet, Dataset(name: "\(label)/test", features: test.features, labels: test.labels,
                                  classCount: variant.classCount, classNames: names))
    }

    /// The folder holding the files and each expected file's path (plain or `.gz`).
    static func resolve(directory: String, variant: Variant) throws -> (path: String, files: [String: String]) {
        let candidates = [directory, (directory as NSString).appendingPathComponent(variant.archiveFolder)]
        let expected = variant.trainFiles + variant.testFiles
        var best: (path: String, files: [String: String])?
        for folder in candidates {
            var found: [String: String] = [:]
            for name in expected {
                let plain = (folder as NSString).appendingPathComponent(name)
                // Anything present counts as found (a FIFO or device is then refused by name when read).
                if DataFileAccess.kind(plain) != nil { found[name] = plain }
                else if DataFileAccess.kind(plain + ".gz") != nil { found[name] = plain + ".gz" }
            }
            if found.count == expected.count { return (folder, found) }
            if found.count > (best?.files.count ?? -1) { best = (folder, found) }
        }
        let folder = best!.path
        guard let kind = DataFileAccess.kind(directory) else {
            throw DataError("\(directory): no such directory (expected the \(variant.rawValue) binary version: \(expected.joined(separator: ", ")))")
        }
        guard kind.isDirectory else {
            throw DataError("\(directory): is not a directory but \(kind.name). Give the folder of the \(variant.rawValue) binary version")
        }
        let missing = expected.filter { best!.files[$0] == nil }
        guard missing.count < expected.count else {
            throw DataError("\(directory): no \(variant.rawValue) binary files (expected \(expected.joined(separator: ", ")), plain or .gz, here or in \(variant.archiveFolder)/)")
        }
        throw DataError("\(folder): missing \(missing.joined(separator: ", ")) (plain or .gz) of the \(variant.rawValue) binary version")
    }

    /// Class names from the archive's text file, when it has exactly one name per class.
    static func classNames(in folder: String, variant: Variant) -> [String]? {
        let path = (folder as NSString).appendingPathComponent(variant.classNamesFile)
        // Optional metadata: read only a regular file of sane size, else go without names.
        guard DataFileAccess.kind(path)?.isRegular == true, let bytes = try? DataFileAccess.read(path, limit: 1 << 20),
              bytes.count <= 1 << 20 else { return nil }
        let names = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.count == variant.classCount ? names : nil
    }

    static func append(_ bytes: [UInt8], file: String, variant: Variant,
                       scalars: inout [Float], labels: inout [Int32]) throws {
        try checkSize(bytes.count, file: file, variant: variant)
        let size = variant.recordSize
        let n = bytes.count / size
        let labelOffset = variant.labelBytes - 1  // CIFAR-100: the fine label is the second byte
        for r in 0..<n {
            let label = Int(bytes[r * size + labelOffset])
            guard label < variant.classCount else {
                throw DataError("\(file): record \(r): label \(label) is out of range 0..<\(variant.classCount). Check that the file is complete and intact (download it again)")
            }
            if variant == .cifar100, bytes[r * size] >= 20 {
                throw DataError("\(file): record \(r): coarse label \(bytes[r * size]) is out of range 0..<20. Check that the file is complete and intact (download it again)")
            }
            labels.append(Int32(label))
        }
        let start = scalars.count
        let pixels = n * pixelsPerImage
        scalars.append(contentsOf: repeatElement(0, count: pixels))
        scalars.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { src in
                for r in 0..<n {
                    let from = src.baseAddress! + r * size + variant.labelBytes
                    let to = out.baseAddress! + start + r * pixelsPerImage
                    for i in 0..<pixelsPerImage { to[i] = Float(from[i]) / 255 }
                }
            }
        }
    }
}
