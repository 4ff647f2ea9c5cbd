import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that must be regular files (checkpoints, config files): read without ever blocking on a named
/// pipe or a device, and checked writable before work that would be lost if the write failed.
///
/// `read` opens with `O_NONBLOCK` and checks the opened descriptor with `fstat`, so a FIFO is refused at
/// once (a plain open would wait for a writer forever) and a file swapped between a check and the open
/// cannot slip through.
public enum RegularFile {
    /// Why a file cannot be used, as what follows its path ("is a directory, not a regular file", "does not
    /// exist", "its folder /x does not exist"); callers put the
    /// path and what the file was for in front.
    public struct Problem: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    /// The whole content of the regular file at `path`.
    /// - Parameter limit: refuse files larger than this many bytes (nil: no limit).
    /// - Throws: `Problem`: missing, unreadable, a directory, a FIFO, a device, too large.
    public static func read(_ path: String, limit: Int? = nil) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Problem(reason: openFailure(errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw Problem(reason: "cannot be examined (\(reason))")
        }
        if let kind = kind(of: status) {
            close(descriptor)
            throw Problem(reason: kind)
        }
        if let limit, Int64(status.st_size) > Int64(limit) {
            close(descriptor)
            throw Problem(reason: "is \(status.st_size) bytes, more than the \(limit) allowed")
        }
        // A regular file never blocks; clear O_NONBLOCK anyway so reads behave normally.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw Problem(reason: "cannot be read (\((error as NSError).localizedDescription))")
        }
    }

    /// Checks, without writing anything, that a file can be written at `path`: its folder exists, is a
    /// folder and is writable, and `path` is absent or a writable regular file (not a folder, FIFO or device).
    /// - Throws: `Problem` saying what is wrong.
    public static func checkWritable(_ path: String) throws {
        var status = stat()
        if stat(path, &status) == 0 {
            if let kind = kind(of: status) { throw Problem(reason: kind) }
            guard access(path, W_OK) == 0 else { throw Problem(reason: "is not writable (\(String(cString: strerror(errno))))") }
        } else if errno != ENOENT && errno != ENOTDIR {  // those two are told by the folder checks below
            throw Problem(reason: openFailure(errno))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var folderStatus = stat()
        guard stat(folder, &folderStatus) == 0 else {
            throw Problem(reason: errno == ENOENT ? "its folder \(folder) does not exist" : "its folder \(folder) \(openFailure(errno))")
        }
        guard folderStatus.st_mode & S_IFMT == S_IFDIR else { throw Problem(reason: "\(folder) is not a folder") }
        guard access(folder, W_OK) == 0 else {
            throw Problem(reason: "its folder \(folder) is not writable (\(String(cString: strerror(errno))))")
        }
    }

    /// What the file at `path` is when it exists and is not a regular file ("is a named pipe (FIFO), not a
    /// regular file"), else nil (a regular file, or nothing there). Never opens it.
    public static func nonRegularKind(atPath path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return kind(of: status)
    }

    /// What a non-regular file is, or nil for a regular file.
    private static func kind(of status: stat) -> String? {
        switch status.st_mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "is a directory, not a regular file"
        case S_IFIFO: "is a named pipe (FIFO), not a regular file"
        case S_IFCHR, S_IFBLK: "is a device, not a regular file"
        case S_IFSOCK: "is a socket, not a regular file"
        default: "is not a regular file"
        }
    }

    private static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: "does not exist"
        case EACCES, EPERM: "cannot be read (permission denied)"
        case ENOTDIR: "does not exist (a part of its path is not a folder)"
        case EISDIR: "is a directory, not a regular file"
        default: "cannot be opened (\(String(cString: strerror(code))))"
        }
    }
}
