import Testing
@testable import ActivationLab

/// The SIMD range scan gives what the scalar rule gives: NaNs skipped, every length's tail included.
@Suite struct FeatureScalerRangeTests {
    static func scalarRange(_ values: [Float]) -> (Float, Float) {
        var low = Float.infinity, high = -Float.infinity
        for v in values { low = v < low ? v : low; high = v > high ? v : high }
        return (low, high)
    }

    @Test(arguments: [0, 1, 15, 16, 17, 33, 1000])
    func matchesTheScalarRule(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        var values = (0..<count).map { _ in Float.random(in: -5...5, using: &generator) }
        if count > 3 { values[count / 2] = .nan; values[count - 1] = 9; values[0] = -7 }
        let (low, high) = values.withUnsafeBufferPointer(FeatureScaler.range)
        let (expectedLow, expectedHigh) = Self.scalarRange(values)
        #expect(low.bitPattern == expectedLow.bitPattern && high.bitPattern == expectedHigh.bitPattern)
        if count > 3 { #expect(low == -7 && high == 9) }
    }
}
