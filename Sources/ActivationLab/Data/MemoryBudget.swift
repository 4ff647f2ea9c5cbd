#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How much memory a data set may take before it is loaded: readers check what a file's header (or size)
/// implies against this bound and refuse with a message instead of dying in a failed allocation.
///
/// The bound is what is left under the tightest of the machine's physical memory, the process's address-space
/// and data limits (`ulimit -v`, `ulimit -d`, less what the process already maps) and its cgroup's memory
/// limit (less what the cgroup already uses), whichever are set. It is computed afresh on each use.
public enum MemoryBudget {
    /// The bound in bytes.
    public static var bytes: Int {
        var bound = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        let usage = processUsage()
        let limits = [remaining(resourceLimit(.addressSpace), usage?.mapped), remaining(resourceLimit(.data), usage?.data),
                      remaining(cgroupValue("memory.max", v1: "memory/memory.limit_in_bytes"),
                                cgroupValue("memory.current", v1: "memory/memory.usage_in_bytes"))]
        for limit in limits { if let limit { bound = min(bound, limit) } }
        return max(bound, 0)
    }

    private static func remaining(_ limit: Int?, _ used: Int?) -> Int? {
        limit.map { $0 - min(used ?? 0, $0) }
    }

    /// Refuses a load that needs `needed` bytes (Int.max for a size that overflowed) when it exceeds the bound.
    /// - Parameter what: the file or data set and what it holds, e.g. `"train-images: 60000 images of 28×28"`.
    public static func check(_ needed: Int, for what: String) throws {
        guard needed > bytes else { return }
        let amount = needed == Int.max ? "more bytes than can be counted" : "about \(format(needed))"
        throw DataError("\(what): loading it needs \(amount), more than the \(format(bytes)) this process may use. Use a smaller file or raise the memory limit")
    }

    /// `bytes` in the largest binary unit that keeps at least one whole unit ("3.2 GiB").
    static func format(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes), unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
    }

    private enum Resource { case addressSpace, data }

    private static func resourceLimit(_ resource: Resource) -> Int? {
        var limit = rlimit()
        #if os(Linux)
        let which = resource == .addressSpace ? RLIMIT_AS : RLIMIT_DATA
        guard getrlimit(__rlimit_resource_t(which.rawValue), &limit) == 0 else { return nil }
        #else
        guard getrlimit(resource == .addressSpace ? RLIMIT_AS : RLIMIT_DATA, &limit) == 0 else { return nil }
        #endif
        // Unlimited is all ones (Linux) or 2^63 − 1 (Darwin): either way no bound worth keeping.
        return limit.rlim_cur >= rlim_t(Int.max) ? nil : Int(clamping: limit.rlim_cur)
    }

    /// This process's mapped address space and data segment in bytes, from /proc/self/statm (Linux).
    private static func processUsage() -> (mapped: Int, data: Int)? {
        guard let text = readSmallFile("/proc/self/statm") else { return nil }
        let pages = text.split(separator: " ").compactMap { Int($0) }
        guard pages.count >= 6 else { return nil }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        return (pages[0] * pageSize, pages[5] * pageSize)
    }

    /// A cgroup memory file's number (v2 name, then v1), nil when absent or "max".
    private static func cgroupValue(_ v2: String, v1: String) -> Int? {
        for file in ["/sys/fs/cgroup/" + v2, "/sys/fs/cgroup/" + v1] {
            if let text = readSmallFile(file) { return Int(text) }
        }
        return nil
    }

    private static func readSmallFile(_ path: String) -> String? {
        guard DataFileAccess.kind(path)?.isRegular == true, let bytes = try? DataFileAccess.read(path, limit: 4096) else { return nil }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
