#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A decoded dataset's training and test sets in one memory-mappable file.
///
/// Layout: a 32-byte prefix (magic `ACTLDAT1`, then little-endian UInt64 header length, payload length and
/// checksum), the JSON header (`Header`: the full source key, each set's name, shape, classes, warnings and
/// where its arrays lie), zero padding to a 64-byte boundary, then the payload: each set's features (bytes
/// when every value is exactly `byte / 255`, as decoded images are, else Float32) and Int32 labels.
///
/// Nothing in a file is trusted: a wrong magic, key or length, a checksum (over header and payload) that does
/// not match, a header that does not add up or a label out of range makes `read` return nil, and the caller
/// decodes the sources again and replaces the file. Writers write a temporary file and rename it into place,
/// so concurrent writers and readers only ever see whole files.
enum DataCacheFile {
    static let magic = Array("ACTLDAT1".utf8)
    static let prefixLength = 32
    static let alignment = 64

    struct Header: Codable {
        var key: String
        var sets: [Part]
    }

    struct Part: Codable {
        var name: String
        var shape: [Int]
        var classCount: Int
        var classNames: [String]?
        var warnings: [String]
        /// `u8` (value = byte / 255) or `f32`.
        var encoding: String
        /// Offsets from the start of the payload.
        var featureOffset: Int
        var labelOffset: Int
    }

    // MARK: Reading

    /// The sets stored in `path` for `key`, or nil when the file is missing, for another key, or damaged.
    static func read(_ path: String, key: DataSourceKey) -> DecodedDataCache.TrainTest? {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= prefixLength else { return nil }
        let size = Int(info.st_size)
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE  // one call reads the pages in, instead of a fault per few pages
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let mapped = mmap(nil, size, PROT_READ, flags, fd, 0), mapped != MAP_FAILED else { return nil }
        defer { munmap(mapped, size) }
        return decode(UnsafeRawBufferPointer(start: mapped, count: size), key: key)
    }

    static func decode(_ file: UnsafeRawBufferPointer, key: DataSourceKey) -> DecodedDataCache.TrainTest? {
        guard file.count >= prefixLength, Array(file[0..<8]) == magic else { return nil }
        let headerLength = Int(clamping: UInt64(littleEndian: file.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        let payloadLength = Int(clamping: UInt64(littleEndian: file.loadUnaligned(fromByteOffset: 16, as: UInt64.self)))
        let checksum = UInt64(littleEndian: file.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        guard headerLength < file.count, payloadLength < file.count else { return nil }
        let payloadOffset = aligned(prefixLength + headerLength)
        guard payloadOffset + payloadLength == file.count else { return nil }  // truncated or padded
        let headerBytes = UnsafeRawBufferPointer(rebasing: file[prefixLength..<(prefixLength + headerLength)])
        let payload = UnsafeRawBufferPointer(rebasing: file[payloadOffset...])
        guard Checksum.of(payload, seed: Checksum.of(headerBytes)) == checksum,
              let header = try? JSONDecoder().decode(Header.self, from: Data(headerBytes)),
              header.key == key.full, header.sets.count == 2,
              let train = dataset(header.sets[0], in: payload), let test = dataset(header.sets[1], in: payload) else {
            return nil
        }
        return (train, test)
    }

    private static func dataset(_ part: Part, in payload: UnsafeRawBufferPointer) -> Dataset? {
        guard part.shape.count >= 2, part.shape.allSatisfy({ $0 >= 0 }), part.classCount >= 1,
              let elements = part.shape.checkedProduct, part.featureOffset >= 0, part.labelOffset >= 0 else { return nil }
        let count = part.shape[0]
        let width = part.encoding == "u8" ? 1 : part.encoding == "f32" ? 4 : 0
        guard width > 0, elements <= (payload.count - part.featureOffset) / width,
              count <= (payload.count - part.labelOffset) / 4 else { return nil }
        let labels = (0..<count).map { payload.loadUnaligned(fromByteOffset: part.labelOffset + 4 * $0, as: Int32.self) }
        guard labels.allSatisfy({ (0..<Int32(clamping: part.classCount)).contains($0) }) else { return nil }
        let source = UnsafeRawBufferPointer(rebasing: payload[part.featureOffset..<(part.featureOffset + elements * width)])
        let storage: FeatureStorage
        if width == 1 {
            storage = .unitBytes(UnitBytes(shape: part.shape, buffer: ByteBuffer(copying: source)))
        } else {
            storage = .floats(Tensor(shape: part.shape, scalars: [Float](unsafeUninitializedCapacity: elements) { buffer, initialized in
                _ = memcpy(buffer.baseAddress!, source.baseAddress!, elements * 4)
                initialized = elements
            }))
        }
        var dataset = Dataset(name: part.name, storage: storage, labels: labels, classCount: part.classCount,
                              classNames: part.classNames)
        dataset.warnings = part.warnings
        return dataset
    }

    // MARK: Writing

    /// Writes `data` for `key` into `location`'s folder (created if needed) through a temporary file renamed
    /// into place, then removes older versions of the same source.
    static func write(_ data: DecodedDataCache.TrainTest, key: DataSourceKey, to location: DataCacheLocation) throws {
        try FileManager.default.createDirectory(atPath: location.directory, withIntermediateDirectories: true)
        let destination = location.file(for: key)
        let temporary = destination + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try encode(data, key: key).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, destination) == 0 else {
            unlink(temporary)
            throw DataError("\(destination): could not be written (\(String(cString: strerror(errno)))). Check the cache folder's permissions")
        }
        let prefix = DataSourceKey.hash(key.identity) + "-"
        let own = (destination as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: location.directory)) ?? []
        where name.hasPrefix(prefix) && name.hasSuffix("." + DataCacheLocation.fileExtension) && name != own {
            unlink((location.directory as NSString).appendingPathComponent(name))
        }
    }

    static func encode(_ data: DecodedDataCache.TrainTest, key: DataSourceKey) throws -> Data {
        var payload: [UInt8] = []
        var parts: [Part] = []
        for set in [data.train, data.test] {
            let featureOffset = payload.count
            let encoding: String
            if case .unitBytes(let stored) = set.storage, set.isWhole {
                payload += UnsafeBufferPointer(start: stored.buffer.pointer, count: stored.buffer.count)
                encoding = "u8"
            } else if let bytes = byteEncoded(set.features.scalars) {
                payload += bytes
                encoding = "u8"
            } else {
                set.features.scalars.withUnsafeBytes { payload += $0 }
                encoding = "f32"
            }
            payload += [UInt8](repeating: 0, count: (4 - payload.count % 4) % 4)
            let labelOffset = payload.count
            set.labels.map(\.littleEndian).withUnsafeBytes { payload += $0 }
            parts.append(Part(name: set.name, shape: [set.count] + set.sampleShape, classCount: set.classCount, classNames: set.classNames,
                              warnings: set.warnings, encoding: encoding,
                              featureOffset: featureOffset, labelOffset: labelOffset))
        }
        let header = [UInt8](try JSONEncoder().encode(Header(key: key.full, sets: parts)))
        let checksum = payload.withUnsafeBytes { Checksum.of($0, seed: header.withUnsafeBytes { Checksum.of($0) }) }
        var file = Data(magic)
        for value in [UInt64(header.count), UInt64(payload.count), checksum] {
            withUnsafeBytes(of: value.littleEndian) { file.append(contentsOf: $0) }
        }
        file.append(contentsOf: header)
        file.append(contentsOf: [UInt8](repeating: 0, count: aligned(file.count) - file.count))
        file.append(contentsOf: payload)
        return file
    }

    /// The values as bytes when every one is exactly `Float(byte) / 255` (so decoding restores them bit for bit).
    static func byteEncoded(_ values: [Float]) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: values.count)
        for (i, value) in values.enumerated() {
            let scaled = (value * 255).rounded()
            guard scaled >= 0, scaled <= 255 else { return nil }
            let byte = UInt8(scaled)
            guard Float(byte) / 255 == value, value.bitPattern == (Float(byte) / 255).bitPattern else { return nil }
            bytes[i] = byte
        }
        return bytes
    }

    static func aligned(_ offset: Int) -> Int { (offset + alignment - 1) / alignment * alignment }
}

private extension Array where Element == Int {
    /// The product, or nil on overflow.
    var checkedProduct: Int? {
        var product = 1
        for value in self {
            let (result, overflow) = product.multipliedReportingOverflow(by: value)
            if overflow { return nil }
            product = result
        }
        return product
    }
}
