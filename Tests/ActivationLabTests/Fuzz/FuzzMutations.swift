import ActivationLab

/// Byte-level mutations shared by the generators.
enum FuzzMutations {
    static func truncated(_ bytes: [UInt8], at length: Int) -> [UInt8] { Array(bytes.prefix(length)) }

    static func flipped(_ bytes: [UInt8], bit: Int) -> [UInt8] {
        var copy = bytes
        copy[bit / 8] ^= 1 << UInt8(bit % 8)
        return copy
    }

    /// `bytes` with the 4 bytes at `offset` replaced by `value`, big-endian.
    static func field(_ bytes: [UInt8], at offset: Int, _ value: UInt32) -> [UInt8] {
        var copy = bytes
        copy.replaceSubrange(offset..<offset + 4, with: FuzzFixtures.bigEndian(value))
        return copy
    }

    /// The values every size field is tried with: 0, 1, and the largest of 31 and 32 bits.
    static let sizeValues: [UInt32] = [0, 1, 0x7FFF_FFFF, 0xFFFF_FFFF]

    /// `count` distinct offsets in `range`, drawn from `rng`, sorted.
    static func sample(_ range: Range<Int>, count: Int, using rng: inout SeededGenerator) -> [Int] {
        guard !range.isEmpty else { return [] }
        var picked = Set<Int>()
        while picked.count < min(count, range.count) { picked.insert(Int.random(in: range, using: &rng)) }
        return picked.sorted()
    }
}
