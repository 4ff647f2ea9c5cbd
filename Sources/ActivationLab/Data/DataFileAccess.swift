#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Opens data files safely: only regular files, checked with `stat` before opening, so that a named pipe
/// or a device given as data fails at once instead of blocking a read forever, and every failure says
/// what the path really is (missing, unreadable, a directory, a FIFO, a device).
///
/// Every error is a one-line `DataError` of the form `<path>: <why>. <hint>`.
enum DataFileAccess {
    /// The size in bytes of the regular file at `path` (symbolic links followed).
    static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { throw statError(path, errno: errno) }
        try requireRegular(info.st_mode, path)
        return Int(info.st_size)
    }

    /// What is at `path`: nil when nothing is, else its kind and whether it is a regular file.
    static func kind(_ path: String) -> (isRegular: Bool, isDirectory: Bool, name: String)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        return (type == S_IFREG, type == S_IFDIR, kindName(info.st_mode))
    }

    /// Reads the regular file at `path`: at most `limit + 1` bytes, so a caller asking for `limit` bytes can
    /// tell that the file holds more without reading (or allocating) the rest.
    static func read(_ path: String, limit: Int) throws -> [UInt8] {
        let descriptor = try open(path)
        defer { close(descriptor) }
        var status = stat()
        let expected = fstat(descriptor, &status) == 0 ? max(0, Int(status.st_size)) : 0
        let cap = limit == Int.max ? Int.max : limit + 1
        // The size from stat is a good first guess; files that report 0 (/proc) grow the buffer as they go.
        var bytes = [UInt8](repeating: 0, count: min(cap, max(expected, 4096)))
        var filled = 0
        while filled < cap {
            if filled == bytes.count {
                bytes = DataFile.grown(bytes, to: bytes.count + min(cap - bytes.count, max(bytes.count, 4096)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                systemRead(descriptor, buffer.baseAddress! + filled, min(buffer.count - filled, 1 << 30))
            }
            if got < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw DataError("\(path): cannot be read: \(String(cString: strerror(errno))). Check the file and its disk")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// Opens `path` for reading after checking it is a regular file. `O_NONBLOCK` makes even a file swapped
    /// for a FIFO between the check and the open return at once; the descriptor is then checked again.
    private static func open(_ path: String) throws -> Int32 {
        _ = try size(path)
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw openError(path, errno: errno) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw openError(path, errno: code)
        }
        do { try requireRegular(info.st_mode, path) } catch { close(descriptor); throw error }
        return descriptor
    }

    private static func requireRegular(_ mode: mode_t, _ path: String) throws {
        guard mode & S_IFMT != S_IFREG else { return }
        throw DataError("\(path): is not a regular file but \(kindName(mode)). Give the path of a data file")
    }

    /// A file type in words: "a directory", "a named pipe (FIFO)", "a character device", ….
    static func kindName(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFIFO: "a named pipe (FIFO)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "not a regular file"
        }
    }

    /// The error for a failed `stat`: missing, or a path that cannot be looked at.
    static func statError(_ path: String, errno code: Int32) -> DataError {
        switch code {
        case ENOENT: DataError("\(path): no such file")
        case ENOTDIR: DataError("\(path): no such file (a part of the path is not a directory)")
        default: openError(path, errno: code)
        }
    }

    /// The error for a failed `open`: permission problems are told apart from everything else.
    static func openError(_ path: String, errno code: Int32) -> DataError {
        switch code {
        case ENOENT, ENOTDIR: statError(path, errno: code)
        case EACCES, EPERM: DataError("\(path): cannot be read: permission denied. Check its permissions (ls -l)")
        default: DataError("\(path): cannot be read: \(String(cString: strerror(code)))")
        }
    }
}

// The C functions under names that do not clash with this type's own `open` and `read`.
@inline(__always) private func systemOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
@inline(__always) private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
