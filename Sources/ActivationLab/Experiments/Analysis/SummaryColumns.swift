import Foundation

/// The columns of the summary table, defined once for the terminal, Markdown and HTML, so every output
/// names and formats the same statistics the same way.
public enum SummaryColumns {
    /// Column headers for a comparison with this target and speed unit.
    public static func headers(_ summary: ComparisonSummary) -> [String] {
        ["variant", "runs", "lr", "\(summary.accuracyMeasure) acc %", "Δ acc pts", "speed-up (\(summary.speedUnit))",
         "\(summary.speedUnit)→\(VerdictLine.percent(summary.targetAccuracy))", "time/step", "accuracy", "speed"]
    }

    /// One row of cells, in header order. Accuracy intervals are symmetric (t): `mean ± half-width`;
    /// speed-up intervals are not: `(low–high)`. All are 95%.
    public static func row(_ v: VariantSummary, _ summary: ComparisonSummary) -> [String] {
        let missed = v.runs - v.reachedTarget
        return [
            v.name,
            "\(v.runs)" + (v.diverged > 0 ? " (\(v.diverged) div.)" : ""),
            v.learningRate.map { String(format: "%.3g", $0) } ?? "—",
            v.testAccuracy.map { plusMinus($0.mean, $0.ciLow, $0.ciHigh, signed: false) } ?? "—",
            v.accuracyDelta.map { plusMinus($0.estimate, $0.ciLow, $0.ciHigh, signed: true) } ?? "—",
            v.speedupSteps.map { String(format: "%.2f×", $0.estimate) + range($0.ciLow, $0.ciHigh) } ?? "—",
            (v.medianTimeToTarget.map { String(format: "%.0f", $0) } ?? (v.runs == 0 ? "—" : "not reached"))
                + (missed > 0 && v.runs > 0 ? " (\(missed)/\(v.runs) missed)" : ""),
            v.secondsPerStep.map(duration) ?? "—",
            v.baseline ? "baseline" : v.verdictAccuracy ?? "—",
            v.baseline ? "baseline" : v.verdictSpeed ?? "—",
        ]
    }

    /// Accuracy in points, `74.8 ± 0.9` (`+0.4 ± 0.3` for differences).
    static func plusMinus(_ value: Double, _ low: Double?, _ high: Double?, signed: Bool) -> String {
        var text = String(format: signed ? "%+.2f" : "%.2f", value * 100).replacingOccurrences(of: "-", with: "−")
        if let low, let high { text += String(format: " ± %.2f", (high - low) / 2 * 100) }
        return text
    }

    static func range(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high else { return "" }
        return String(format: " (%.2f–%.2f)", low, high)
    }

    /// "3.1 ms", "0.42 s", "85 µs": durations of any size, never "0.0 s".
    public static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-3: String(format: "%.0f µs", seconds * 1e6)
        case ..<1: String(format: "%.1f ms", seconds * 1e3)
        default: String(format: "%.2f s", seconds)
        }
    }

    /// What the columns mean, in one line under the table.
    public static func legend(_ summary: ComparisonSummary) -> String {
        "± and ( – ): 95% intervals; Δ and speed-up against the baseline, paired by seed; \(summary.speedUnit)→target: "
            + "Kaplan–Meier median; time/step: interleaved benchmark"
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
