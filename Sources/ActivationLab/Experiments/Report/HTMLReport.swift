import Foundation

/// The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, fonts,
/// images or links to anything outside the file, so it opens offline and can be mailed or archived as is.
///
/// Order: header, the verdict lines, the summary table (the terminal's columns and numbers, from the
/// report's `ComparisonSummary`), the protocol (target, measures, margins, tuning, step costs), each
/// variant's tuning curve, learning curves against steps and time, per-seed results, training dynamics,
/// per-layer small multiples, the experiment's definition and variants, every run, and footnotes
/// (interpretations used by the variants, statistical method). Sections are in `HTMLReport+Sections`.
public enum HTMLReport {
    /// Writes the page of `report` to `path`, for callers that want the file rather than the text.
    /// - Throws: `ReportFileError` if the file cannot be written.
    public static func write(_ report: ExperimentReport, toFile path: String) throws {
        do {
            try html(report).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ReportFileError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }

    public static func html(_ report: ExperimentReport) -> String {
        let charts = ReportCharts(report)
        let spec = report.spec
        var page = ""
        page.reserveCapacity(256 * 1024)
        page += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<title>\(e(spec.name)) · ActivationLab report</title>\n"
        page += "<style>\n\(ReportStylesheet.css)</style>\n</head>\n<body>\n<main class=\"page\">\n"

        header(report, into: &page)
        verdict(report, into: &page)
        summary(report, into: &page)
        protocolSection(report, into: &page)
        tuning(report, charts: charts, into: &page)

        let unit = report.inSteps ? "training steps" : "epochs"
        page += section("Learning curves", id: "curves", note: "Evaluation runs only. Lines are the mean over seeds, shaded "
            + "bands ± one standard deviation; the faint lines are the individual seeds. Validation accuracy is drawn against "
            + "\(unit), the unit of the speed verdicts. Curves against time are interpolated onto one common time grid before "
            + "averaging; a mean is drawn where at least half of a variant's runs have a value.") {
            "<div class=\"grid2\">" + figure(charts.accuracyByProgress) + figure(charts.accuracyByTime)
                + figure(charts.trainLossByEpoch) + figure(charts.trainLossByTime) + "</div>"
                + (charts.headsDiffer ? "<p class=\"hint\">The variants use different heads, so their training losses are "
                    + "different functions; compare them through the validation cross-entropy below.</p>" : "")
        }
        page += section("Across seeds", id: "seeds", note: "The numbers behind the summary, one point per evaluation run.") {
            "<div class=\"grid2\">" + figure(charts.finalAccuracy) + figure(charts.timeToTarget) + "</div>"
        }
        page += section("Training dynamics", id: "dynamics", note: nil) {
            "<div class=\"grid2\">" + figure(charts.crossEntropyByEpoch) + figure(charts.gradientNormByEpoch)
                + (charts.hasClampEvents ? figure(charts.clampEventsByEpoch) : "") + "</div>"
        }
        layers(report, charts: charts, into: &page)
        definition(report, into: &page)
        runs(report, into: &page)
        footnotes(report, into: &page)
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    // MARK: Building blocks

    static func e(_ text: String) -> String { Markup.escape(text) }

    static func section(_ title: String, id: String, note: String?, _ body: () -> String) -> String {
        "<section class=\"card\" id=\"\(id)\">\n<h2>\(e(title))</h2>\n"
            + (note.map { "<p class=\"section-note\">\(e($0))</p>\n" } ?? "") + body() + "\n</section>\n"
    }

    static func figure(_ chart: SVGChart) -> String {
        "<figure class=\"chart\">\(chart.render())</figure>"
    }

    /// A colour square; hollow for variants drawn dashed (the palette has wrapped around).
    static func swatch(_ variant: VariantReport) -> String {
        let colour = ReportPalette.colour(variant.index)
        return ReportPalette.isDashed(variant.index)
            ? "<span class=\"swatch\" style=\"border:2.5px solid \(colour);background:#fff\"></span>"
            : "<span class=\"swatch\" style=\"background:\(colour)\"></span>"
    }

    static func legend(_ report: ExperimentReport) -> String {
        "<div class=\"legend\">" + report.variants.map { variant in
            "<span class=\"legend-item\">\(swatch(variant))\(e(variant.name))"
                + (variant.isBaseline ? " <span class=\"tag\">baseline</span>" : "") + "</span>"
        }.joined() + "</div>"
    }

    /// A verdict word in its colour: better/faster green, worse/slower orange, equivalent blue, inconclusive grey.
    static func verdictWord(_ word: String) -> String {
        "<b class=\"v v-\(e(word))\">\(e(word))</b>"
    }

    // MARK: Top of the page

    static func header(_ report: ExperimentReport, into page: inout String) {
        let spec = report.spec
        page += "<header class=\"top\">\n<div class=\"eyebrow\">ActivationLab · experiment report</div>\n"
        page += "<h1>\(e(spec.name))</h1>\n<div class=\"chips\">"
        var chips: [(String, String)] = [
            ("dataset", spec.dataset), ("model", spec.model), ("baseline", spec.baseline),
            ("variants", "\(report.variants.count)"), ("seeds", spec.seeds.map(String.init).joined(separator: ", ")),
            ("epochs", "\(spec.epochs)"), ("target", ReportFormat.percent(report.targetAccuracy, 1) + " val. accuracy"),
        ]
        let tuning = report.summary.tuning
        if tuning != "none" { chips.append(("tuned", tuning + (report.summary.tuningBudget.map { ", \($0) trials" } ?? ""))) }
        for (label, value) in chips { page += "<span class=\"chip\"><span>\(e(label))</span> <b>\(e(value))</b></span>" }
        page += "</div>\n<p class=\"dates\">Experiment created \(e(ReportFormat.date(report.experiment.createdAt))) · "
            + "report generated \(e(ReportFormat.date(report.generatedAt)))"
            + (report.storePath.map { " · store <code>\(e($0))</code>" } ?? "") + "</p>\n</header>\n"
    }

    static func verdict(_ report: ExperimentReport, into page: inout String) {
        page += "<section class=\"card verdict\" id=\"verdict\">\n<h2>Verdict</h2>\n<ul class=\"verdicts\">\n"
        for (variant, line) in zip(report.variants.dropFirst(), report.verdictLines) {
            page += "<li>\(swatch(variant))<span>\(verdictLine(line, variant: variant.summary))</span></li>\n"
        }
        if report.verdictLines.isEmpty {
            page += "<li><span>Only the baseline was run: there is nothing to compare it with.</span></li>\n"
        }
        page += "</ul>\n<p class=\"section-note\">\(e(ProtocolDescription.targetLine(report.summary))). "
            + "Accuracy: \(e(report.summary.accuracyMeasure)) accuracy, paired by seed; speed: \(e(report.summary.speedUnit)) to the "
            + "target; Holm-adjusted across the variants. How the comparison was run: <a href=\"#protocol\">Protocol</a>.</p>\n"
        if let note = ProtocolDescription(report).note { page += "<div class=\"warning\">\(e(note))</div>\n" }
        for warning in report.warnings { page += "<div class=\"warning\">\(e(warning))</div>\n" }
        page += "</section>\n"
    }

    /// A verdict line with the variant's name in bold and its two verdict words coloured; the text is
    /// otherwise exactly `VerdictLine`'s.
    static func verdictLine(_ line: String, variant: VariantSummary) -> String {
        var body = e(line)
        let name = e(variant.name)
        if body.hasPrefix(name) { body = "<strong>\(name)</strong>" + body.dropFirst(name.count) }
        if let word = variant.verdictAccuracy {
            body = body.replacingOccurrences(of: "— accuracy \(word)", with: "— accuracy " + verdictWord(word))
        }
        if let word = variant.verdictSpeed {
            body = body.replacingOccurrences(of: "· speed \(word)", with: "· speed " + verdictWord(word))
        }
        return body
    }

    static func summary(_ report: ExperimentReport, into page: inout String) {
        let table = SummaryTable(report.summary)
        page += "<section class=\"card\" id=\"summary\">\n<h2>Summary per variant</h2>\n"
        page += "<p class=\"section-note\">The table <code>actlab compare</code> prints, value over its 95% interval or note.</p>\n"
        page += "<div class=\"table-wrap\"><table class=\"summary\">\n<thead><tr>"
        for column in table.columns { page += "<th title=\"\(e(column.help))\">\(e(column.title))</th>" }
        page += "</tr></thead>\n<tbody>\n"
        for (variant, row) in zip(report.variants, table.rows) {
            page += "<tr\(variant.isBaseline ? " class=\"baseline\"" : "")>"
            for (column, cell) in zip(table.columns, row) {
                if column.title == "variant" {
                    // Long variant specs (`relu+head=linear-exp+lr=0.01`) wrap after a `+`, never inside an option.
                    let parts = variant.name.components(separatedBy: "+").map { "<span class=\"nowrap\">\(e($0))</span>" }
                    page += "<td class=\"name\" data-label=\"\(e(column.title))\"><div class=\"main\">\(swatch(variant))" + parts.joined(separator: "+<wbr>")
                        + (variant.isBaseline ? " <span class=\"tag\">baseline</span>" : "") + "</div></td>"
                } else if column.title == "verdict" && !variant.isBaseline {
                    let words = cell.text.components(separatedBy: " · ")
                    page += "<td class=\"verdict-cell\" data-label=\"\(e(column.title))\"><div class=\"main\">" + words.map(verdictWord).joined(separator: " · ") + "</div></td>"
                } else {
                    // data-label: the column's title, which a phone-width page shows beside the value (one card per row).
                    page += "<td\(cell.emphasis ? " class=\"em\"" : "") data-label=\"\(e(column.title))\"><div class=\"main\">\(e(cell.main))</div>"
                        + (cell.detail.map { "<div class=\"detail\">\(e($0))</div>" } ?? "") + "</td>"
                }
            }
            page += "</tr>\n"
        }
        page += "</tbody>\n</table></div>\n"
        let details = SummaryDetails(report.summary)
        page += "<details class=\"more\"><summary>More numbers per variant: p-values, seconds, loss roughness, tuned values</summary>"
            + "<div class=\"table-wrap\"><table class=\"details\">\n<thead><tr>"
        for column in details.columns { page += "<th title=\"\(e(column.help))\">\(e(column.title))</th>" }
        page += "</tr></thead>\n<tbody>\n"
        for (variant, row) in zip(report.variants, details.rows) {
            page += "<tr\(variant.isBaseline ? " class=\"baseline\"" : "")><td>\(swatch(variant))\(e(row[0]))</td>"
                + row.dropFirst().map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        page += "</tbody>\n</table></div></details>\n"
        page += "<details class=\"column-help\"><summary>What the columns mean</summary><dl>"
        let help = table.columns.dropFirst().map { ($0.title, $0.help) } + details.columns.dropFirst().map { ($0.title, $0.help) }
        for (title, text) in help { page += "<dt>\(e(title))</dt><dd>\(e(text))</dd>" }
        page += "</dl></details>\n</section>\n"
    }
}
