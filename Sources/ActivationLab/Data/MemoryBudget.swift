#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// How much memory a data set may take before it is loaded: readers check what a file's header (or size)
/// implies against this bound and refuse with a message instead of dying in a failed allocation.
///
/// The bound is the smallest of the machine's physical memory, the process's address-space and data limits
/// (`ulimit -v`, `ulimit -d`) and its cgroup's memory limit, when they are set.
public enum MemoryBudget {
    /// The bound in bytes.
    public static let bytes: Int = {
        var bound = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        for limit in [resourceLimit(.addressSpace), resourceLimit(.data), cgroupLimit()] {
            if let limit, limit > 0 { bound = min(bound, limit) }
        }
        return bound
    }()

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

    /// The cgroup (v2, then v1) memory limit of this process, if one is set.
    private static func cgroupLimit() -> Int? {
        for file in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            guard RegularFile.kind(file)?.isRegular == true,
                  let text = try? RegularFile.read(file, limit: 64) else { continue }
            let value = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let limit = Int(value) { return limit }
        }
        return nil
    }
}
