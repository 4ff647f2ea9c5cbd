import Foundation

/// Whether a model fits in memory, checked before its weights are allocated: widths come from the user
/// and the data, so their products are computed with overflow checks and compared with what this process
/// may use, instead of ending in a failed allocation.
extension ModelSpec {
    /// Bytes per parameter while training: the Float32 value, its gradient and up to two optimiser slots (Adam).
    static let bytesPerParameter = 16

    /// The weights and biases of an mlp with these widths; nil when the count overflows `Int`.
    static func parameterCount(widths: [Int]) -> Int? {
        var total = 0
        for (input, output) in zip(widths, widths.dropFirst()) {
            let (weights, overflowWeights) = input.multipliedReportingOverflow(by: output)
            let (layer, overflowLayer) = weights.addingReportingOverflow(output)
            let (sum, overflowSum) = total.addingReportingOverflow(layer)
            if overflowWeights || overflowLayer || overflowSum { return nil }
            total = sum
        }
        return total
    }

    /// Throws when an mlp with these (resolved) widths would need more memory than this process may use.
    func checkMemory(widths: [Int]) throws {
        let available = Self.availableMemory()
        let count = Self.parameterCount(widths: widths)
        let bytes = count.flatMap { Double($0) * Double(Self.bytesPerParameter) }
        if let bytes, bytes <= Double(available) { return }
        let needed = count.map { String(format: "%.3g parameters need about %@", Double($0), Self.format(bytes: bytes!)) }
            ?? "the parameter count overflows a 64-bit integer"
        throw ConfigurationError.incompatible(OptionMessage(
            "{model} \(self): \(needed) with gradients and optimiser state, more than the \(Self.format(bytes: Double(available))) of memory here. Use smaller hidden widths"))
    }

    /// Physical memory, or less when an address-space limit (`ulimit -v`) is set.
    static func availableMemory() -> UInt64 {
        var available = ProcessInfo.processInfo.physicalMemory
        var limit = rlimit()
        // RLIM_INFINITY is the largest value, so `min` leaves an unlimited address space alone.
        if getrlimit(addressSpaceResource, &limit) == 0 { available = min(available, UInt64(limit.rlim_cur)) }
        return available
    }

    #if os(Linux)
    private static let addressSpaceResource = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    private static let addressSpaceResource = RLIMIT_AS
    #endif

    static func format(bytes: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = bytes, unit = 0
        while value >= 1000 && unit < units.count - 1 { value /= 1000; unit += 1 }
        return unit == units.count - 1 && value >= 1000 ? String(format: "%.3g EB", value) : String(format: "%.3g %@", value, units[unit])
    }
}
