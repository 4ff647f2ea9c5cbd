import Foundation

/// Number formatting shared by the report renderers: never "nan", never "-0.0".
enum ReportFormat {
    /// `value` with `decimals` digits after the point; "–" when not finite.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(decimals)f", value)
        return Double(text) == 0 ? String(format: "%.\(decimals)f", 0.0) : text
    }

    /// A fraction as a percentage: 0.8534 → "85.3%".
    static func percent(_ fraction: Double, _ decimals: Int = 1) -> String {
        guard fraction.isFinite else { return "–" }
        return fixed(fraction * 100, decimals) + "%"
    }

    /// A target fraction as a short percentage: 0.85 → "85%", 0.875 → "87.5%".
    static func target(_ fraction: Double) -> String {
        let value = fraction * 100
        return value == value.rounded() ? "\(Int(value))%" : fixed(value, 1) + "%"
    }

    /// Mean ± sd of a fraction in percent: "85.3 ± 0.4%" (no "±" part without an sd).
    static func percentMeanSD(_ summary: Summary?) -> String {
        guard let summary else { return "–" }
        guard let sd = summary.standardDeviation else { return percent(summary.mean) }
        return "\(fixed(summary.mean * 100, 1)) ± \(fixed(sd * 100, 1))%"
    }

    /// A 95% interval of a fraction in percent: "84.9–85.7%".
    static func percentInterval(_ interval: ClosedRange<Double>?) -> String {
        guard let interval else { return "–" }
        let low = fixed(interval.lowerBound * 100, 1), high = fixed(interval.upperBound * 100, 1)
        // "84.9–85.7%", but "−51.1 to 177.2%" where a dash next to a minus sign would confuse.
        return low.hasPrefix("-") || high.hasPrefix("-") ? "\(minus(low)) to \(minus(high))%" : "\(low)–\(high)%"
    }

    /// A typographic minus sign in place of a leading hyphen.
    static func minus(_ text: String) -> String {
        text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A p-value: "< 0.001", "0.004", "0.31".
    static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "–" }
        if p < 0.001 { return "< 0.001" }
        return p < 0.01 ? fixed(p, 3) : fixed(p, 2)
    }

    /// A number for data files: the shortest text that reads back to the same Double; "nan", "inf", "-inf".
    static func exact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// An ISO 8601 date in UTC to the second: "2026-11-24 14:03:22 UTC".
    static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date) + " UTC"
    }
}
