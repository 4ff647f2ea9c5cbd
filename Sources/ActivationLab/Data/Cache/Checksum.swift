/// A fast non-cryptographic 64-bit checksum (four multiply-xor lanes over 8-byte words), to detect damaged or
/// partly written cache files: it reads a gigabyte in well under a second, where a cryptographic hash would
/// cost more than the decoding the cache saves.
enum Checksum {
    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B1_85EB_CA87
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (seed ^ 0x243F_6A88_85A3_08D3, seed ^ 0x1319_8A2E_0370_7344,
                                                        seed ^ 0xA409_3822_299F_31D0, seed ^ 0x082E_FA98_EC4E_6C89)
        let blocks = bytes.count / 32
        for block in 0..<blocks {
            let base = block * 32
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self), prime)
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self), prime)
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self), prime)
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self), prime)
        }
        var result = UInt64(bytes.count) &* prime
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3] { result = mix(result, lane, prime) }
        for index in (blocks * 32)..<bytes.count { result = mix(result, UInt64(bytes[index]), prime) }
        return result ^ (result >> 29)
    }

    @inline(__always)
    private static func mix(_ state: UInt64, _ word: UInt64, _ prime: UInt64) -> UInt64 {
        let value = (state ^ word) &* prime
        return (value << 31) | (value >> 33)
    }
}
