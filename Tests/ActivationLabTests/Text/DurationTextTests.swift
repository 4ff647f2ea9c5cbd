import Testing
@testable import ActivationLab

/// Durations keep 2–3 significant digits in a unit that fits, at known values and at the unit boundaries.
@Suite struct DurationTextTests {
    @Test(arguments: [
        (0.0000000042, "4.2 ns"), (0.000085, "85 µs"), (0.0000012, "1.2 µs"),
        (0.0042, "4.2 ms"), (0.00423, "4.2 ms"), (0.0124, "12 ms"), (0.0126, "13 ms"), (0.31, "310 ms"), (0.3104, "310 ms"),
        (2.4, "2.4 s"), (9.94, "9.9 s"), (42.4, "42 s"), (59.4, "59 s"),
        (96, "1.6 min"), (600, "10 min"), (3540, "59 min"), (5400, "1.5 h"), (90_000, "25 h"),
    ])
    func knownValues(_ seconds: Double, _ text: String) {
        #expect(DurationText.format(seconds) == text)
    }

    /// Rounding never shows a value at the next unit's size: 999.7 ms is 1.0 s, 59.7 s is 1.0 min.
    @Test(arguments: [(0.0009997, "1.0 ms"), (0.9997, "1.0 s"), (9.97, "10 s"), (59.7, "1.0 min"), (3599, "1.0 h")])
    func roundingCarriesToTheNextUnit(_ seconds: Double, _ text: String) {
        #expect(DurationText.format(seconds) == text)
    }

    @Test func zeroAndNonsense() {
        #expect(DurationText.format(0) == "0 s")
        #expect(DurationText.format(-1) == "—")
        #expect(DurationText.format(.nan) == "—")
        #expect(DurationText.format(.infinity) == "—")
    }
}
