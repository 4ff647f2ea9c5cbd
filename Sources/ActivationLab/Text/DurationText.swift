import Foundation

/// Durations for people: a unit that keeps 2–3 significant digits — `85 µs`, `4.2 ms`, `310 ms`, `2.4 s`,
/// `42 s`, `1.6 min`, `2.5 h` — never `0.0 s`. The one formatter for the terminal, HTML and Markdown.
public enum DurationText {
    /// The units in order, each with its length in seconds and the value at which the next one takes over.
    private static let units: [(name: String, seconds: Double, limit: Double)] = [
        ("ns", 1e-9, 1000), ("µs", 1e-6, 1000), ("ms", 1e-3, 1000), ("s", 1, 60), ("min", 60, 60), ("h", 3600, .infinity),
    ]

    /// `seconds` in the largest unit in which it is at least 1: one decimal below 10, none from 10 on.
    /// "—" for a negative or non-finite duration, "0 s" for zero.
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        guard seconds > 0 else { return "0 s" }
        for unit in units {
            // Below the next unit's size, after rounding: 999.7 ms rounds to 1000 and is written 1.0 s.
            let value = rounded(seconds / unit.seconds)
            if value < unit.limit {
                return (value < 10 ? String(format: "%.1f", value) : String(format: "%.0f", value)) + " " + unit.name
            }
        }
        return "—"  // not reached: the last unit takes every remaining value
    }

    /// Two or three significant digits: to 0.1 below 10, to 1 from 10 on.
    private static func rounded(_ value: Double) -> Double {
        value < 9.95 ? (value * 10).rounded() / 10 : value.rounded()
    }
}
