import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process that holds a run: host, pid, the process's start time (to detect pid reuse) and a
/// token unique to one `RunStore` instance.
///
/// A `running` run whose owner is provably dead — same host, and the pid does not exist or belongs to a
/// process that started at another time — is stale and can be claimed again on resume. An owner on
/// another host is always presumed alive (we cannot look); merge such stores instead.
public struct RunOwner: Sendable, Equatable {
    public var host: String
    public var pid: Int32
    /// Process start time in clock ticks since boot (Linux `/proc/PID/stat` field 22); nil where unknown.
    public var processStart: Int64?
    public var token: String

    public init(host: String, pid: Int32, processStart: Int64?, token: String) {
        self.host = host
        self.pid = pid
        self.processStart = processStart
        self.token = token
    }

    /// This process, with a fresh token.
    public static func current() -> RunOwner {
        let pid = getpid()
        return RunOwner(host: currentHost, pid: pid, processStart: startTime(of: pid),
                        token: UUID().uuidString)
    }

    /// Whether the owner may still be running: false only when it is on this host and provably gone.
    public var mayBeAlive: Bool {
        guard host == RunOwner.currentHost else { return true }
        if kill(pid, 0) != 0 && errno == ESRCH { return false }
        if let recorded = processStart, let actual = RunOwner.startTime(of: pid), recorded != actual {
            return false  // the pid was reused by a newer process
        }
        return true
    }

    /// `gethostname(2)`: no DNS lookup, unlike `ProcessInfo.hostName`.
    static var currentHost: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Field 22 (`starttime`) of `/proc/PID/stat`, or nil (non-Linux, no such process).
    static func startTime(of pid: Int32) -> Int64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after "(comm)" start at field 3; starttime is field 22.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? Int64(fields[19]) : nil
    }
}
