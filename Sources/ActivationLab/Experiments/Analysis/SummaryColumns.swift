import Foundation

/// The columns of the summary table, defined once for the terminal, Markdown and HTML, so every output
/// names and formats the same statistics the same way.
public enum SummaryColumns {
    /// Column headers for a comparison with this target and speed unit.
    public static func headers(_ summary: ComparisonSummary) -> [String] {
        let target = VerdictLine.percent(summary.targetAccuracy)
        return ["variant", "runs", "lr", "\(summary.accuracyMeasure) acc (95% CI)", "Δ acc (95% CI)",
                "speed-up, \(summary.speedUnit) (95% CI)", "median \(summary.speedUnit)→\(target)", "time/step", "verdict"]
    }

    /// One row of cells, in header order.
    public static func row(_ v: VariantSummary, _ summary: ComparisonSummary) -> [String] {
        [
            v.name + (v.baseline ? " (baseline)" : ""),
            "\(v.runs)" + (v.diverged > 0 ? " (\(v.diverged) diverged)" : ""),
            v.learningRate.map { String(format: "%.3g", $0) } ?? "—",
            v.testAccuracy.map { percent($0.mean) + interval($0.ciLow, $0.ciHigh, scale: 100, format: "%.1f") } ?? "—",
            v.accuracyDelta.map { VerdictLine.points($0.estimate).replacingOccurrences(of: " pts", with: "")
                + interval($0.ciLow, $0.ciHigh, scale: 100, format: "%+.1f") } ?? (v.baseline ? "—" : "n/a"),
            v.speedupSteps.map { VerdictLine.ratio($0.estimate) + interval($0.ciLow, $0.ciHigh, scale: 1, format: "%.2f") }
                ?? (v.baseline ? "—" : "n/a"),
            medianTime(v, summary),
            v.secondsPerStep.map(duration) ?? "—",
            v.baseline ? "baseline" : "\(v.verdictAccuracy ?? "—") · \(v.verdictSpeed ?? "—")",
        ]
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.2f%%", fraction * 100) }

    static func interval(_ low: Double?, _ high: Double?, scale: Double, format: String) -> String {
        guard let low, let high else { return "" }
        return (" [" + String(format: format, low * scale) + ", " + String(format: format, high * scale) + "]")
            .replacingOccurrences(of: "-", with: "−")
    }

    static func medianTime(_ v: VariantSummary, _ summary: ComparisonSummary) -> String {
        let missed = v.runs - v.reachedTarget
        let note = missed > 0 ? " (\(missed) of \(v.runs) missed)" : ""
        guard let median = v.medianTimeToTarget else { return v.runs == 0 ? "—" : "not reached" + note }
        return String(format: "%.0f", median) + note
    }

    /// "3.1 ms", "0.42 s", "85 µs": durations of any size, never "0.0 s".
    public static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-3: String(format: "%.0f µs", seconds * 1e6)
        case ..<1: String(format: "%.1f ms", seconds * 1e3)
        default: String(format: "%.2f s", seconds)
        }
    }

    /// The table as aligned text for a terminal.
    public static func text(_ summary: ComparisonSummary) -> String {
        let rows = [headers(summary)] + summary.variants.map { row($0, summary) }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        lines.insert(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: 1)
        return lines.joined(separator: "\n")
    }

    /// The table in Markdown.
    public static func markdown(_ summary: ComparisonSummary) -> String {
        let header = headers(summary)
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        lines += summary.variants.map { "| " + row($0, summary).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}
