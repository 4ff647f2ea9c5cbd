import Foundation

/// The Markdown summary of a report: the verdict lines, the summary table (the terminal's columns and
/// numbers), the secondary numbers, the protocol, the tuning trials as text, what each variant changes,
/// and the interpretation footnotes. Charts are in the HTML page.
public enum MarkdownReport {
    public static func text(_ report: ExperimentReport) -> String {
        let spec = report.spec, summary = report.summary
        var lines: [String] = []
        lines.append("# \(inline(spec.name))")
        lines.append("")
        lines.append("\(inline(spec.dataset)) · \(inline(spec.model)) · \(report.variants.count) variants × "
            + "\(spec.seeds.count) seeds · \(spec.epochs) epochs · target \(ReportFormat.percent(report.targetAccuracy, 1)) validation accuracy  ")
        lines.append("Experiment created \(ReportFormat.date(report.experiment.createdAt)); report generated "
            + "\(ReportFormat.date(report.generatedAt)).")
        lines.append("")
        lines.append("## Verdict")
        lines.append("")
        for line in report.verdictLines { lines.append("- " + inline(line)) }
        if report.verdictLines.isEmpty { lines.append("- Only the baseline was run: there is nothing to compare it with.") }
        lines.append("")
        lines.append(inline(ProtocolDescription.targetLine(summary)) + ".")
        let description = ProtocolDescription(report)
        if description.note != nil || !report.warnings.isEmpty { lines.append("") }
        if let note = description.note { lines.append("> **Note:** " + inline(note)) }
        for warning in report.warnings { lines.append("> **Note:** " + inline(warning)) }
        lines.append("")
        lines.append("## Summary")
        lines.append("")
        lines.append(table(summary))
        lines.append("")
        for column in SummaryTable(summary).columns.dropFirst() { lines.append("- *\(inline(column.title))*: \(inline(column.help))") }
        lines.append("")
        lines.append("### More numbers per variant")
        lines.append("")
        let details = SummaryDetails(summary)
        lines.append("| " + details.columns.map { cell($0.title) }.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: details.columns.count))
        for row in details.rows {
            lines.append("| " + ([inline(row[0])] + row.dropFirst().map(cell)).joined(separator: " | ") + " |")
        }
        lines.append("")
        for column in details.columns.dropFirst() { lines.append("- *\(inline(column.title))*: \(inline(column.help))") }
        lines.append("")
        lines.append("## Protocol")
        lines.append("")
        for item in description.items { lines.append("- **\(inline(item.label))**: \(inline(item.value))") }
        let tuning = tuningLines(report)
        if !tuning.isEmpty {
            lines.append("")
            lines.append("## Tuning trials")
            lines.append("")
            lines.append("Final validation accuracy of each trial against the value tried; the chosen value is marked ✓.")
            lines.append("")
            lines += tuning
        }
        lines.append("")
        lines.append("## Variants")
        lines.append("")
        for variant in report.variants {
            let seeds = variant.runs.map { "\($0.run.cell.seed)" }.joined(separator: ", ")
            var what: String
            if variant.isBaseline {
                what = "baseline" + (variant.configuration.map { " (activation \($0.activation), head \($0.head))" } ?? "")
            } else {
                what = variant.differences.isEmpty ? "same settings as the baseline" : variant.differences.joined(separator: ", ")
            }
            lines.append("- **\(inline(variant.name))**: \(inline(what)); seeds \(seeds.isEmpty ? "none stored" : seeds)")
        }
        if !report.interpretations.isEmpty {
            lines.append("")
            lines.append("## Interpretations")
            lines.append("")
            for (number, item) in report.interpretations.enumerated() {
                lines.append("\(number + 1). \(inline(item.note.text)) Used by: \(inline(item.variants.joined(separator: ", "))).")
            }
        }
        lines.append("")
        lines.append("Method: " + inline(HTMLReport.methodText))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary table: `SummaryColumns.markdown`'s layout and cells, with the variant names (the only
    /// user-written text) escaped and any `|` in a cell escaped, so a name cannot break the table or
    /// inject markup. For plain names it is exactly `SummaryColumns.markdown(summary)`.
    public static func table(_ summary: ComparisonSummary) -> String {
        let header = SummaryColumns.headers(summary)
        var lines = ["| " + header.map(cell).joined(separator: " | ") + " |", "|" + String(repeating: "---|", count: header.count)]
        for variant in summary.variants {
            let row = SummaryColumns.row(variant, summary)
            let name = row[0].hasPrefix(variant.name) ? inline(variant.name) + cell(String(row[0].dropFirst(variant.name.count))) : cell(row[0])
            lines.append("| " + ([name] + row.dropFirst().map(cell)).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    /// Each variant's trials as one line: `relu: 0.001 61.2%, 0.0056 72.0%, 0.178 ✓ 74.3%, 0.562 diverged`.
    static func tuningLines(_ report: ExperimentReport) -> [String] {
        let keys = ReportCharts(report).tunedDimensions.map(\.key)
        guard !keys.isEmpty else { return [] }
        return report.variants.compactMap { variant in
            let curve = variant.summary.tuningCurve
            guard !curve.isEmpty else { return nil }
            let trials = curve.map { trial -> String in
                let values = keys.compactMap { key in trial.values[key].map { (keys.count > 1 ? "\(key)=" : "") + String(format: "%.3g", $0) } }
                let chosen = keys.allSatisfy { trial.values[$0] != nil && trial.values[$0] == variant.summary.tunedValues[$0] }
                let result = trial.diverged ? "diverged" : trial.validationAccuracy.map { ReportFormat.percent($0, 1) } ?? "–"
                return values.joined(separator: " ") + (chosen ? " ✓ " : " ") + result
            }
            return "- **\(inline(variant.name))** (\(inline(keys.joined(separator: ", ")))): " + trials.joined(separator: ", ")
        }
    }

    /// Text in running Markdown: characters that would start markup are backslash-escaped.
    static func inline(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// A generated table cell: pipes escaped, line breaks flattened (generated text has no other markup).
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
