/// Reads the IDX format of MNIST and Fashion-MNIST (LeCun et al.; plain or gzipped).
///
/// An IDX file is a big-endian header — magic `0x0000_08DD` (type 0x08 = unsigned byte, DD = number of
/// dimensions), then one UInt32 per dimension — followed by the data in row-major order.
/// Images are `0x0000_0803` `[n, rows, cols]`; labels are `0x0000_0801` `[n]`.
/// Every error is a one-line `DataError` naming the file and the problem.
public enum IDXReader {
    /// Magic number of an IDX file of unsigned-byte images `[n, rows, cols]`.
    public static let imageMagic: UInt32 = 0x0000_0803
    /// Magic number of an IDX file of unsigned-byte labels `[n]`.
    public static let labelMagic: UInt32 = 0x0000_0801

    /// The images of an IDX image file as a `[N, 1, rows, cols]` tensor, pixels scaled from 0...255 to [0, 1].
    ///
    /// The header is read and checked first: its claimed size must match the file (plain) or be plausible for
    /// its compressed size (gzip), and fit in memory, before anything else is read or allocated.
    public static func images(at path: String) throws -> Tensor {
        try FeatureStorage.unitBytes(imageBytes(at: path)).tensor
    }

    /// The images as bytes `[N, 1, rows, cols]` standing for pixel / 255 (what datasets keep).
    static func imageBytes(at path: String) throws -> UnitBytes {
        try parseImageBytes(readChecked(path, expected: imageMagic, what: "image"), file: path)
    }

    /// The labels of an IDX label file; each must lie in `0..<classCount`.
    public static func labels(at path: String, classCount: Int = 10) throws -> [Int32] {
        try parseLabels(readChecked(path, expected: labelMagic, what: "label"), file: path, classCount: classCount)
    }

    /// Images and labels from a pair of IDX files, checked to have the same count.
    public static func dataset(images imagesPath: String, labels labelsPath: String, name: String,
                               classCount: Int = 10, classNames: [String]? = nil) throws -> Dataset {
        let features = try imageBytes(at: imagesPath)
        let targets = try labels(at: labelsPath, classCount: classCount)
        guard features.shape[0] == targets.count else {
            throw DataError("\(imagesPath) has \(features.shape[0]) images but \(labelsPath) has \(targets.count) labels; the counts must agree. Check that the two files belong together")
        }
        return Dataset(name: name, storage: .unitBytes(features), labels: targets, classCount: classCount, classNames: classNames)
    }

    /// The sample count from an IDX file's header, reading only the header (cheap even for large gzipped files).
    public static func count(at path: String) throws -> Int {
        let header = try DataFile.readPrefix(path, count: 8)
        guard header.count == 8 else { throw DataError("\(path): truncated IDX header (\(header.count) of 8 bytes). Check that the file is complete and intact (download it again)") }
        return Int(bigEndianUInt32(header, at: 4))
    }

    // MARK: Validating before reading

    /// What a header claims: the dimensions and the file's total size, overflow-checked.
    struct Layout {
        var dimensions: [Int]
        var headerSize: Int
        /// Header plus data bytes; nil when the product of the dimensions overflows.
        var totalSize: Int?

        init(dimensions: [Int]) {
            self.dimensions = dimensions
            headerSize = 4 + 4 * dimensions.count
            var total: Int? = headerSize
            var count = 1
            for d in dimensions {
                let (product, overflow) = count.multipliedReportingOverflow(by: d)
                if overflow { total = nil; break }
                count = product
            }
            if let header = total {
                let (sum, overflow) = header.addingReportingOverflow(count)
                total = overflow ? nil : sum
            }
            totalSize = total
        }

        /// "60000 images of 28×28" or "60000 labels".
        func claim(_ what: String) -> String {
            dimensions.count == 3 ? "\(dimensions[0]) \(what)s of \(dimensions[1])×\(dimensions[2])" : "\(dimensions[0]) \(what)s"
        }
    }

    /// Reads the file after checking its header against the file's real size: a plain file must have exactly
    /// the claimed size; gzip data may claim no more than `DataFile.inflationLimit` of its compressed size and is
    /// inflated only up to the claim (plus one byte, to tell "longer than claimed"); the images' float tensor
    /// (or the labels) must fit in `MemoryBudget`.
    private static func readChecked(_ path: String, expected: UInt32, what: String) throws -> [UInt8] {
        let rank = Int(expected & 0xFF)
        let header = try DataFile.readPrefix(path, count: 4 + 4 * rank)
        let layout = Layout(dimensions: try parseHeader(header, file: path, expected: expected, what: what))
        guard let total = layout.totalSize else {
            throw DataError("\(path): corrupt header: it says \(layout.claim(what)), more bytes than can be counted. Check that the file is intact")
        }
        let file = try DataFile.inspect(path)
        if file.isGzip {
            let limit = DataFile.inflationLimit(compressedSize: file.size)
            guard total <= limit else {
                throw DataError("\(path): implausible header: it says \(layout.claim(what)) (\(total) bytes), over \(DataFile.maximumCompressionRatio)× the file's \(file.size) compressed bytes; refused as corrupt or a decompression bomb. Check that the file is intact")
            }
        } else if file.size != total {
            throw DataError("\(path): \(file.size < total ? "truncated file" : "size mismatch"): the header says \(layout.claim(what)) (\(total) bytes) but the file has \(file.size) bytes. Check that the file is complete and intact (download it again)")
        }
        // Images become 4-byte floats beside the bytes they come from.
        let (floats, overflow) = (total - layout.headerSize).multipliedReportingOverflow(by: rank == 3 ? 5 : 1)
        try MemoryBudget.check(overflow ? Int.max : floats, for: "\(path) (\(layout.claim(what)))")
        let bytes = try DataFile.read(path, atMost: total)
        if bytes.count > total {
            throw DataError("\(path): size mismatch: the header says \(layout.claim(what)) (\(total) bytes) but the decompressed data is longer. Check that the file is complete and intact (download it again)")
        }
        return bytes
    }

    // MARK: Parsing in memory

    static func parseImageBytes(_ bytes: [UInt8], file: String) throws -> UnitBytes {
        let dims = try parseHeader(bytes, file: file, expected: imageMagic, what: "image")
        let (n, rows, cols) = (dims[0], dims[1], dims[2])
        guard n > 0 else { throw DataError("\(file): the header says the file holds 0 images. Check that the file is complete and intact (download it again)") }
        guard rows > 0, cols > 0 else { throw DataError("\(file): the header gives an image size of \(rows)×\(cols). Check that the file is complete and intact (download it again)") }
        let (area, overflow1) = rows.multipliedReportingOverflow(by: cols)
        let (pixels, overflow2) = n.multipliedReportingOverflow(by: area)
        let overflow = overflow1 || overflow2
        let headerSize = 16
        guard !overflow else {
            throw DataError("\(file): truncated file: the header says \(n) images of \(rows)×\(cols), far more than the file's \(bytes.count) bytes. Check that the file is complete and intact (download it again)")
        }
        guard bytes.count - headerSize == pixels else {
            let problem = bytes.count - headerSize < pixels ? "truncated file" : "size mismatch"
            throw DataError("\(file): \(problem): the header says \(n) images of \(rows)×\(cols) (\(headerSize + pixels) bytes) but the file has \(bytes.count) bytes. Check that the file is complete and intact (download it again)")
        }
        let pixelBytes = bytes.withUnsafeBytes { ByteBuffer(copying: UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        return UnitBytes(shape: [n, 1, rows, cols], buffer: pixelBytes)
    }

    static func parseLabels(_ bytes: [UInt8], file: String, classCount: Int) throws -> [Int32] {
        let dims = try parseHeader(bytes, file: file, expected: labelMagic, what: "label")
        let n = dims[0]
        guard n > 0 else { throw DataError("\(file): the header says the file holds 0 labels. Check that the file is complete and intact (download it again)") }
        let headerSize = 8
        guard bytes.count - headerSize == n else {
            let problem = bytes.count - headerSize < n ? "truncated file" : "size mismatch"
            throw DataError("\(file): \(problem): the header says \(n) labels (\(headerSize + n) bytes) but the file has \(bytes.count) bytes. Check that the file is complete and intact (download it again)")
        }
        var labels = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let label = bytes[headerSize + i]
            guard Int(label) < classCount else {
                throw DataError("\(file): label \(label) of sample \(i) is out of range 0..<\(classCount). If the data has more classes, say so with idx:DIR:classes=N (up to 256)")
            }
            labels[i] = Int32(label)
        }
        return labels
    }

    /// Checks the magic number and returns the dimensions.
    private static func parseHeader(_ bytes: [UInt8], file: String, expected: UInt32, what: String) throws -> [Int] {
        guard !bytes.isEmpty else { throw DataError("\(file): empty file") }
        guard bytes.count >= 4 else { throw DataError("\(file): truncated file: \(bytes.count) bytes, too short for an IDX header. Check that the file is complete and intact (download it again)") }
        let magic = bigEndianUInt32(bytes, at: 0)
        guard magic == expected else {
            let hint: String
            switch magic {
            case imageMagic: hint = " (that is an IDX image file)"
            case labelMagic: hint = " (that is an IDX label file)"
            case _ where bytes[0] == DataFile.gzipMagic.0 && bytes[1] == DataFile.gzipMagic.1: hint = " (gzip data)"
            default: hint = ""
            }
            throw DataError("\(file): wrong magic number \(hex(magic))\(hint); an IDX \(what) file starts with \(hex(expected)). Check that the file is the IDX \(what) file")
        }
        let rank = Int(expected & 0xFF)
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DataError("\(file): truncated file: \(bytes.count) bytes, the IDX \(what) header alone needs \(headerSize). Check that the file is complete and intact (download it again)")
        }
        return (0..<rank).map { Int(bigEndianUInt32(bytes, at: 4 + 4 * $0)) }
    }

    private static func bigEndianUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }
}
