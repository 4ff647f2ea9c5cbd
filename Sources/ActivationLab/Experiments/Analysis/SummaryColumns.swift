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
        parts(v, summary).map { $0.joined(separator: " ") }
    }

    /// The row's cells split into a value and the details that follow it (an interval, a note): what a
    /// narrow terminal or the HTML page puts under the value. Joined by spaces, they are `row`'s cells.
    public static func parts(_ v: VariantSummary, _ summary: ComparisonSummary) -> [[String]] {
        let missed = v.runs - v.reachedTarget
        return [
            [v.name],
            ["\(v.runs)"] + (v.diverged > 0 ? ["(\(v.diverged) div.)"] : []),
            [v.learningRate.map { String(format: "%.3g", $0) } ?? "—"],
            v.testAccuracy.map { plusMinus($0.mean, $0.ciLow, $0.ciHigh, signed: false) } ?? ["—"],
            v.accuracyDelta.map { plusMinus($0.estimate, $0.ciLow, $0.ciHigh, signed: true) } ?? ["—"],
            v.speedupSteps.map { up in
                [String(format: "%.2f×", up.estimate)] + [range(up.ciLow, up.ciHigh).trimmingCharacters(in: .whitespaces)].filter { !$0.isEmpty }
            } ?? ["—"],
            [v.medianTimeToTarget.map { String(format: "%.0f", $0) } ?? (v.runs == 0 ? "—" : "not reached")]
                + (missed > 0 && v.runs > 0 ? ["(\(missed)/\(v.runs) missed)"] : []),
            [v.secondsPerStep.map(duration) ?? "—"],
            [v.baseline ? "baseline" : v.verdictAccuracy ?? "—"],
            [v.baseline ? "baseline" : v.verdictSpeed ?? "—"],
        ]
    }

    /// Accuracy in points, `74.8 ± 0.9` (`+0.4 ± 0.3` for differences), as value and interval.
    static func plusMinus(_ value: Double, _ low: Double?, _ high: Double?, signed: Bool) -> [String] {
        let text = String(format: signed ? "%+.2f" : "%.2f", value * 100).replacingOccurrences(of: "-", with: "−")
        guard let low, let high else { return [text] }
        return [text, String(format: "± %.2f", (high - low) / 2 * 100)]
    }

    /// ` (0.95–1.05)`, or "" without an interval.
    static func range(_ low: Double?, _ high: Double?) -> String {
        guard let low, let high else { return "" }
        return String(format: " (%.2f–%.2f)", low, high)
    }

    /// "85 µs", "4.2 ms", "2.4 s": `DurationText`, the one duration format of every output.
    public static func duration(_ seconds: Double) -> String { DurationText.format(seconds) }

    /// What the columns mean, in one line under the table.
    public static func legend(_ summary: ComparisonSummary) -> String {
        "± and ( – ): 95% intervals; Δ and speed-up against the baseline, paired by seed; \(summary.speedUnit)→target: "
            + "Kaplan–Meier median; time/step: interleaved benchmark"
    }

    /// The table as aligned text for a terminal `width` columns wide (`TerminalTable` fits it: intervals go
    /// under their values, verdicts are abbreviated, then time/step, lr and runs are left out, and a line
    /// under the table names them).
    public static func text(_ summary: ComparisonSummary, width: Int = TerminalWidth.fallback) -> String {
        let headers = headers(summary)
        let rows = summary.variants.map { parts($0, summary) }
        let columns = headers.indices.map { index in
            TerminalTable.Column(
                header: headers[index], cells: rows.map { $0[index] },
                compactCells: index >= headers.count - 2 ? rows.map { $0[index].map(abbreviatedVerdict) } : nil,
                dropOrder: dropOrder[headers[index]], breakable: index == 0)
        }
        let rendering = TerminalTable(columns: columns).render(width: width)
        guard !rendering.omitted.isEmpty else { return rendering.text }
        return rendering.text + "\n" + TextWrap.wrap("(left out to fit \(width) columns: \(rendering.omitted.joined(separator: ", ")); "
                                                    + "a wider terminal, `actlab report` or the HTML report shows them)", width: width, indent: 1)
    }

    /// The columns a narrow terminal leaves out, first to last: the step cost is also in the verdict
    /// lines' seconds, the learning rate in the report, the run count in the verdict lines.
    static let dropOrder = ["time/step": 0, "lr": 1, "runs": 2]

    /// "inconcl." and "equiv.": the verdict columns' longest words, shortened for a narrow terminal.
    static func abbreviatedVerdict(_ verdict: String) -> String {
        ["inconclusive": "inconcl.", "equivalent": "equiv."][verdict] ?? verdict
    }

    /// The table in Markdown.
    public static func markdown(_ summary: ComparisonSummary) -> String {
        let header = headers(summary)
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        lines += summary.variants.map { "| " + row($0, summary).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }
}
