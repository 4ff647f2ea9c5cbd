import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs `actlab` as a user who cannot write a folder: as `nobody` through `setpriv` when the tests run as
/// root (root writes through any permission bits), else as this user after taking write permission
/// away. Either way the folder and its files really are read-only to the process.
enum ReadOnlyAccess {
    static var isRoot: Bool { getuid() == 0 }

    /// Makes `folder` and the files in it read-only to the process `run` starts, and `writable` a folder
    /// that process can write (for its outputs).
    static func prepare(readOnly folder: URL, writable: URL) throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: folder.path) {
            try manager.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        try manager.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        try manager.createDirectory(at: writable, withIntermediateDirectories: true)
        try manager.setAttributes([.posixPermissions: 0o777], ofItemAtPath: writable.path)
    }

    /// Gives write permission back, so the scratch directory can be removed.
    static func restore(_ folder: URL) {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }

    static func run(_ arguments: [String], in directory: URL) throws -> ActlabProcess.Output {
        let process = Process()
        if isRoot {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", ActlabProcess.executable.path] + arguments
        } else {
            process.executableURL = ActlabProcess.executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ActlabProcess.Output(status: process.terminationStatus, standardOutput: String(decoding: output, as: UTF8.self),
                                    standardError: String(decoding: error, as: UTF8.self))
    }
}
