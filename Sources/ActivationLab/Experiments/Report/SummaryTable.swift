/// The summary table of the HTML and Markdown reports: exactly the terminal's columns and cells
/// (`SummaryColumns.headers` and `row`), so a number read in the page is the number `compare` printed.
///
/// Only the layout differs: in the page a cell such as `77.20 ± 0.95` shows its value on one line and its
/// interval (or note) below it, in smaller type, which keeps ten columns within a laptop's width; on a
/// phone each row becomes a card of labelled values (`ReportStylesheet`).
public struct SummaryTable: Sendable {
    public struct Column: Sendable {
        public let title: String
        /// What the column means, for a tooltip or a legend.
        public let help: String
    }

    /// One cell: the terminal's text, split for display into a main value and an optional detail.
    public struct Cell: Sendable, Equatable {
        /// The cell exactly as `SummaryColumns.row` writes it.
        public let text: String
        public let main: String
        /// An interval in brackets or a note in parentheses that followed the value (`main + " " + detail` is `text`).
        public let detail: String?
        /// A result worth pointing at: a difference or speed-up whose verdict is not inconclusive/equivalent.
        public let emphasis: Bool

        /// A cell from `SummaryColumns.parts`: the value, and the details that go under it.
        public init(parts: [String], emphasis: Bool = false) {
            text = parts.joined(separator: " ")
            main = parts.first ?? ""
            detail = parts.count > 1 ? parts.dropFirst().joined(separator: " ") : nil
            self.emphasis = emphasis
        }

        public init(_ text: String, emphasis: Bool = false) {
            self.text = text
            self.emphasis = emphasis
            let bracket = text.range(of: " ["), parenthesis = text.range(of: " (")
            let split = [bracket, parenthesis].compactMap { $0 }.min { $0.lowerBound < $1.lowerBound }
            if let split {
                main = String(text[..<split.lowerBound])
                detail = String(text[text.index(after: split.lowerBound)...])
            } else {
                main = text
                detail = nil
            }
        }
    }

    public let columns: [Column]
    /// One row of cells per variant, in the summary's order (baseline first).
    public let rows: [[Cell]]

    public init(_ summary: ComparisonSummary) {
        let titles = SummaryColumns.headers(summary)
        columns = titles.map { Column(title: $0, help: SummaryTable.help($0, summary)) }
        rows = summary.variants.map { variant in
            zip(titles, SummaryColumns.parts(variant, summary)).map { title, parts in
                let decisive = title.hasPrefix("Δ acc") ? ["better", "worse"].contains(variant.verdictAccuracy ?? "")
                    : title.hasPrefix("speed-up") ? ["faster", "slower"].contains(variant.verdictSpeed ?? "")
                    : false
                return Cell(parts: parts, emphasis: decisive)
            }
        }
    }

    /// The explanation of a column, recognised by its title (titles carry the target and units).
    static func help(_ title: String, _ summary: ComparisonSummary) -> String {
        let unit = summary.speedUnit
        let tau = summary.restriction.map { " τ = \(ReportFormat.fixed($0, 0)) \(unit)" } ?? " τ"
        switch true {
        case title == "variant":
            return "Variant name; the baseline is listed first."
        case title == "runs":
            return "Complete (finished or diverged) evaluation runs, one per seed; diverged runs score 0 accuracy."
        case title == "lr":
            return "The learning rate the evaluation runs used: the tuned value when the learning rate is tuned."
        case title.hasPrefix("Δ acc"):
            return "Variant − baseline \(summary.accuracyMeasure) accuracy in percentage points: the mean of the per-seed "
                + "differences with its paired-t 95% interval (Welch's when seeds cannot be paired)."
        case title.hasSuffix("acc %"):
            return summary.accuracyMeasure == "test"
                ? "Accuracy on the test split at the end of the budget: mean over seeds with its Student-t 95% interval."
                : "Final validation accuracy (this store has no test accuracy): mean over seeds with its Student-t 95% interval."
        case title.hasPrefix("speed-up"):
            return "Baseline ÷ variant \(unit) to the target: the geometric mean of the per-seed ratios of times restricted "
                + "to\(tau) (a run that never reaches the target counts as τ), with its 95% interval. Above 1: faster."
        case title.hasPrefix(unit + "→"):
            return "Kaplan–Meier median \(unit) to the target; “not reached” when more than half of the runs never reach it."
        case title == "time/step":
            return "Seconds per training step, measured for every variant in one process, warmed up and interleaved."
        case title == "accuracy":
            return "Accuracy verdict: better/worse when the Holm-adjusted p < 0.05, equivalent when the 95% interval lies "
                + "within ±\(ReportFormat.fixed(summary.accuracyMargin * 100, 1)) points, inconclusive otherwise."
        case title == "speed":
            return "Speed verdict (\(unit) to target): faster/slower when the Holm-adjusted p < 0.05, equivalent when the 95% "
                + "interval lies within ±\(ReportFormat.fixed((summary.speedMargin - 1) * 100, 0))%, inconclusive otherwise."
        default:
            return ""
        }
    }
}
