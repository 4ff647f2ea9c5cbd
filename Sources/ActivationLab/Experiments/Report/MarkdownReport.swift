/// The Markdown summary of a report: the experiment's definition, the verdict lines, warnings, the
/// summary table, what each variant changes, and the interpretation footnotes. Charts are in the HTML page.
public enum MarkdownReport {
    public static func text(_ report: ExperimentReport) -> String {
        let spec = report.spec
        var lines: [String] = []
        lines.append("# \(inline(spec.name))")
        lines.append("")
        lines.append("\(inline(spec.dataset)) · \(inline(spec.model)) · \(report.variants.count) variants × "
            + "\(spec.seeds.count) seeds · \(spec.epochs) epochs · target \(ReportFormat.target(spec.targetAccuracy)) validation accuracy  ")
        lines.append("Experiment created \(ReportFormat.date(report.experiment.createdAt)); report generated "
            + "\(ReportFormat.date(report.generatedAt)); speed-ups measured in \(report.measure.rawValue).")
        lines.append("")
        lines.append("## Verdict")
        lines.append("")
        for line in report.verdictLines { lines.append("- " + inline(line)) }
        if !report.warnings.isEmpty {
            lines.append("")
            for warning in report.warnings { lines.append("> **Note:** " + inline(warning)) }
        }
        lines.append("")
        lines.append("## Summary")
        lines.append("")
        let table = SummaryTable(report)
        lines.append("| " + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |")
        lines.append("|" + table.columns.indices.map { $0 == 0 ? " --- " : " ---: " }.joined(separator: "|") + "|")
        for row in table.rows {
            lines.append("| " + row.map { $0.emphasis ? "**\(cell($0.text))**" : cell($0.text) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        for column in table.columns.dropFirst() { lines.append("- *\(inline(column.title))*: \(inline(column.help))") }
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
        lines.append("Statistics: medians to the target count runs that never reach it as infinitely long (interpretation); "
            + "smoothness \"excess\" is the loss movement that is not net progress (interpretation).")
        return lines.joined(separator: "\n") + "\n"
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

    /// A table cell: inline-escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "\n", with: " ")
    }
}
