import CZlib
import Foundation

/// Reads whole data files into memory, gunzipping them transparently, without ever allocating more than
/// the file's real size justifies.
///
/// A file is treated as gzip when it starts with the gzip magic bytes `1f 8b`, whatever its name:
/// a renamed `.gz` is still read, and a plain file called `.gz` is read as it is. Concatenated gzip
/// members (as `cat a.gz b.gz` makes) are decompressed one after another, as `gunzip` does.
/// Only regular files are opened (see `DataFileAccess`). Decompression stops as soon as the output passes what
/// the caller expects (an IDX header's claim) or `inflationLimit(compressedSize:)`, so a decompression bomb
/// costs no more memory than that. Every error is a `DataError` whose message starts with the file's path.
public enum DataFile {
    /// The two bytes every gzip stream starts with (RFC 1952).
    public static let gzipMagic: (UInt8, UInt8) = (0x1F, 0x8B)

    /// The largest expansion accepted from gzip data: real data sets compress 2–10×, sorted label files and
    /// sparse CSV up to ~100×; deflate itself cannot exceed ~1032×. More than this is a corrupt header or a bomb.
    public static let maximumCompressionRatio = 200
    /// Below this decompressed size any ratio is accepted (small, highly regular files are harmless).
    public static let inflationFloor = 16 << 20

    /// The most bytes gzip data of `compressedSize` bytes may decompress to:
    /// max(`inflationFloor`, `maximumCompressionRatio` × `compressedSize`).
    public static func inflationLimit(compressedSize: Int) -> Int {
        let (scaled, overflow) = compressedSize.multipliedReportingOverflow(by: maximumCompressionRatio)
        return max(inflationFloor, overflow ? Int.max : scaled)
    }

    /// The contents of the file at `path`, decompressed if it is gzip data.
    /// - Throws: `DataError` for a missing, unreadable or non-regular file, corrupt gzip data, gzip data that
    ///   inflates beyond `inflationLimit(compressedSize:)`, or contents larger than `MemoryBudget`.
    public static func read(_ path: String) throws -> [UInt8] {
        let bytes = try readRaw(path)
        guard isGzip(bytes) else { return bytes }
        let limit = min(inflationLimit(compressedSize: bytes.count), MemoryBudget.bytes)
        let output = try gunzip(bytes, name: path, limit: limit)
        guard output.count <= limit else {
            throw DataError("\(path): the gzip data inflates to more than \(limit) bytes (over \(limit / max(bytes.count, 1))× its \(bytes.count) compressed bytes); refused as corrupt or a decompression bomb. Decompress it yourself if it is genuine")
        }
        return output
    }

    /// The (decompressed) contents of the file at `path`, reading at most `limit + 1` bytes of them: a result
    /// longer than `limit` says the file holds more than expected, without the rest being read or inflated.
    public static func read(_ path: String, atMost limit: Int) throws -> [UInt8] {
        let size = try DataFileAccess.size(path)
        let head = try DataFileAccess.read(path, limit: 2)
        guard isGzip(head) else { return try DataFileAccess.read(path, limit: limit) }
        try MemoryBudget.check(size, for: path)
        let bytes = try DataFileAccess.read(path, limit: MemoryBudget.bytes)
        return try gunzip(bytes, name: path, limit: limit)
    }

    /// The first `count` bytes of the (decompressed) contents, or fewer if the file is shorter.
    ///
    /// Reads and inflates only as much as needed: cheap enough to peek at headers of large files.
    public static func readPrefix(_ path: String, count: Int) throws -> [UInt8] {
        // 64 KiB of deflate data always holds more than a header's worth of output.
        let chunk = try DataFileAccess.read(path, limit: max(count, 65_536) - 1)
        guard isGzip(chunk) else { return Array(chunk.prefix(count)) }
        return Array(try gunzip(chunk, name: path, limit: count).prefix(count))
    }

    /// The file's size as stored and whether it holds gzip data (reads two bytes).
    public static func inspect(_ path: String) throws -> (size: Int, isGzip: Bool) {
        let size = try DataFileAccess.size(path)
        return (size, isGzip(try DataFileAccess.read(path, limit: 1)))
    }

    /// The bytes of the file at `path`, exactly as stored.
    public static func readRaw(_ path: String) throws -> [UInt8] {
        try MemoryBudget.check(DataFileAccess.size(path), for: path)
        let bytes = try DataFileAccess.read(path, limit: MemoryBudget.bytes)
        try MemoryBudget.check(bytes.count, for: path)  // a file that grew while it was read
        return bytes
    }

    /// Whether `bytes` start with the gzip magic number.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == gzipMagic.0 && bytes[1] == gzipMagic.1
    }

    /// Decompresses gzip data, producing at most `limit + 1` bytes.
    /// - Parameters:
    ///   - bytes: one or more concatenated gzip members.
    ///   - name: the file name used in error messages.
    ///   - limit: the most output the caller accepts; inflating stops once output exceeds it, so a result
    ///     longer than `limit` (by one byte) means "more than that" and memory never grows past `limit + 1`.
    /// - Throws: `DataError` for truncated or corrupt data.
    public static func gunzip(_ bytes: [UInt8], name: String, limit: Int = Int.max - 1) throws -> [UInt8] {
        guard !bytes.isEmpty else { throw DataError("\(name): truncated gzip data (no bytes). Check that the file is complete (gunzip -t)") }
        let cap = limit >= Int.max - 1 ? Int.max : max(limit, 0) + 1
        // The gzip trailer stores the uncompressed size mod 2^32: a good first guess for the buffer, never
        // more than the cap, so a corrupt trailer cannot ask for more than the caller accepts.
        var capacity = 1 << 16
        if bytes.count >= 18 {
            let n = bytes.count
            let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            capacity = max(capacity, isize)
        }
        capacity = min(capacity, cap)
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0

        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        // 16 + MAX_WBITS: expect a gzip header and trailer (zlib's inflateInit2 is a macro Swift cannot see).
        guard inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError("\(name): cannot initialise zlib")
        }
        defer { inflateEnd(stream) }

        try bytes.withUnsafeBufferPointer { input in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!)
            stream.pointee.avail_in = uInt(input.count)
            while true {
                if produced == output.count {
                    if produced >= cap { return }  // more than the caller accepts: stop inflating
                    output = grown(output, to: output.count + min(cap - output.count, output.count))
                }
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    let room = min(out.count - produced, Int(UInt32.max))
                    stream.pointee.next_out = out.baseAddress! + produced
                    stream.pointee.avail_out = uInt(room)
                    let status = inflate(stream, Z_NO_FLUSH)
                    produced += room - Int(stream.pointee.avail_out)
                    return status
                }
                switch status {
                case Z_OK:
                    continue
                case Z_STREAM_END:
                    let remaining = Int(stream.pointee.avail_in)
                    let next = input.count - remaining
                    // Another member follows: continue with it. Anything else after the end is ignored
                    // (gunzip warns about "trailing garbage" the same way and keeps the data).
                    if remaining >= 2, input[next] == gzipMagic.0, input[next + 1] == gzipMagic.1 {
                        inflateReset(stream)
                        continue
                    }
                    return
                case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                    if produced >= cap { return }
                    throw DataError("\(name): truncated gzip data (the stream ends after \(bytes.count) compressed bytes, \(produced) decompressed). Check that the file is complete (gunzip -t)")
                case Z_BUF_ERROR:
                    continue  // the output buffer was full; it grows (or inflating stops) at the top of the loop
                case Z_MEM_ERROR:
                    throw DataError("\(name): out of memory while decompressing")
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    throw DataError("\(name): corrupt gzip data (\(reason)). Check that the file is intact (gunzip -t)")
                }
            }
        }
        output.removeLast(output.count - produced)
        return output
    }

    /// `bytes` copied into a zero-filled buffer of `count` bytes (stdlib bulk operations: fast in debug builds too).
    static func grown(_ bytes: [UInt8], to count: Int) -> [UInt8] {
        var bigger = [UInt8](repeating: 0, count: count)
        bigger.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                target.baseAddress!.update(from: source.baseAddress!, count: source.count)
            }
        }
        return bigger
    }

    /// Compresses `bytes` into a single gzip member (deterministic: no name, mtime 0).
    public static func gzip(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        let status = deflateInit2_(stream, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK, "deflateInit2 failed with status \(status)")
        defer { deflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 32)
        var input = bytes
        input.append(0)  // a valid base address even for empty input
        let written: Int = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.pointee.next_in = src.baseAddress!
                stream.pointee.avail_in = uInt(bytes.count)
                stream.pointee.next_out = dst.baseAddress!
                stream.pointee.avail_out = uInt(dst.count)
                let status = deflate(stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate did not finish (status \(status))")
                return dst.count - Int(stream.pointee.avail_out)
            }
        }
        output.removeLast(output.count - written)
        return output
    }
}
