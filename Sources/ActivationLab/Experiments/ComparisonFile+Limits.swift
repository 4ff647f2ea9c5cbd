import Foundation

/// What a config file must be before it is parsed: a regular file (a FIFO would block the read for ever,
/// a device never ends), of bounded size, with arrays and objects nested to a bounded depth, so a hostile
/// file is refused in milliseconds instead of costing memory and time that grow with it.
extension ComparisonFile {
    /// The file's bytes, after checking its type and size without opening it.
    static func contents(of path: String) throws -> Data {
        func fail(_ message: String) -> ComparisonFileError { ComparisonFileError(path: path, message: message) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw fail("cannot read the file: \(reason). Check the path given to --config")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw fail("is a directory, not a config file. Give the path of a JSON file")
        default: throw fail("is not a regular file (a pipe, socket or device). Give the path of a JSON file")
        }
        guard info.st_size <= OptionLimits.configFileBytes else {
            throw fail("\(info.st_size) bytes is more than a config file may hold (\(OptionLimits.configFileBytes)). See docs/compare-config.md")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw fail("cannot read the file: \(String(cString: strerror(errno))). Check its permissions")
        }
        defer { try? handle.close() }
        // Read one byte past the limit: a file that grew since `stat` is still refused.
        let data = (try? handle.read(upToCount: OptionLimits.configFileBytes + 1)) ?? Data()
        guard data.count <= OptionLimits.configFileBytes else {
            throw fail("more than \(OptionLimits.configFileBytes) bytes is more than a config file may hold. See docs/compare-config.md")
        }
        return data
    }

    /// The deepest nesting of `[` and `{` outside JSON strings (scanned before any parser recurses).
    static func nestingDepth(of data: Data) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }
}
