import Foundation

/// The report as one self-contained HTML page: inline CSS and inline SVG charts, no scripts, fonts,
/// images or links to anything outside the file, so it opens offline and can be mailed or archived as is.
///
/// Order: header (experiment, dataset, model, seeds, dates), the verdict lines, warnings, the summary
/// table, learning curves against epochs and time, per-seed results, training dynamics, per-layer
/// small multiples, the experiment's definition and variants, every run, and footnotes
/// (interpretations used by the variants, statistical method).
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

        page += section("Learning curves", id: "curves", note: "Lines are the mean over seeds, shaded bands ± one standard "
            + "deviation; the faint lines are the individual seeds. Curves against time are interpolated onto one common time grid "
            + "before averaging; a mean is drawn where at least half of a variant's runs have a value.") {
            "<div class=\"grid2\">" + figure(charts.accuracyByEpoch) + figure(charts.accuracyByTime)
                + figure(charts.trainLossByEpoch) + figure(charts.trainLossByTime) + "</div>"
                + (charts.headsDiffer ? "<p class=\"hint\">The variants use different heads, so their training losses are "
                    + "different functions; compare them through the validation cross-entropy below.</p>" : "")
        }
        page += section("Across seeds", id: "seeds", note: nil) {
            "<div class=\"grid2\">" + figure(charts.finalAccuracy) + figure(charts.epochsToTarget) + "</div>"
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

    // MARK: Sections

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

    static func header(_ report: ExperimentReport, into page: inout String) {
        let spec = report.spec
        page += "<header class=\"top\">\n<div class=\"eyebrow\">ActivationLab · experiment report</div>\n"
        page += "<h1>\(e(spec.name))</h1>\n<div class=\"chips\">"
        let chips: [(String, String)] = [
            ("dataset", spec.dataset), ("model", spec.model), ("baseline", spec.baseline),
            ("variants", "\(report.variants.count)"), ("seeds", spec.seeds.map(String.init).joined(separator: ", ")),
            ("epochs", "\(spec.epochs)"), ("target", ReportFormat.target(spec.targetAccuracy) + " val. accuracy"),
        ]
        for (label, value) in chips { page += "<span class=\"chip\"><span>\(e(label))</span> <b>\(e(value))</b></span>" }
        page += "</div>\n<p class=\"dates\">Experiment created \(e(ReportFormat.date(report.experiment.createdAt))) · "
            + "report generated \(e(ReportFormat.date(report.generatedAt)))"
            + (report.storePath.map { " · store <code>\(e($0))</code>" } ?? "") + "</p>\n</header>\n"
    }

    static func verdict(_ report: ExperimentReport, into page: inout String) {
        page += "<section class=\"card verdict\" id=\"verdict\">\n<h2>Verdict</h2>\n<ul class=\"verdicts\">\n"
        let lines = zip(report.variants, report.verdictLines)
        for (variant, line) in lines {
            // The line starts with the variant's name; set it in bold. Keep "p = 0.02" on one line.
            var body = e(line).replacingOccurrences(of: "(p = ", with: "(p\u{00A0}=\u{00A0}")
                .replacingOccurrences(of: "(p &lt; ", with: "(p\u{00A0}&lt;\u{00A0}")
            let name = e(variant.name)
            if body.hasPrefix(name) { body = "<strong>\(name)</strong>" + body.dropFirst(name.count) }
            page += "<li>\(swatch(variant))<span>\(body)</span></li>\n"
        }
        page += "</ul>\n<p class=\"section-note\">Speed-ups are measured in \(report.measure == .seconds ? "wall-clock seconds" : "epochs") "
            + "to the target, with 95% bootstrap confidence intervals; accuracy differences use Welch's t-test at α = 0.05.</p>\n"
        for warning in report.warnings { page += "<div class=\"warning\">\(e(warning))</div>\n" }
        page += "</section>\n"
    }

    static func summary(_ report: ExperimentReport, into page: inout String) {
        let table = SummaryTable(report)
        page += "<section class=\"card\" id=\"summary\">\n<h2>Summary per variant</h2>\n"
        page += "<div class=\"table-wrap\"><table class=\"summary\">\n<thead><tr>"
        for column in table.columns { page += "<th title=\"\(e(column.help))\">\(e(column.title))</th>" }
        page += "</tr></thead>\n<tbody>\n"
        for (variant, row) in zip(report.variants, table.rows) {
            page += "<tr\(variant.isBaseline ? " class=\"baseline\"" : "")>"
            for (i, cell) in row.enumerated() {
                if i == 0 {
                    page += "<td><div class=\"main\">\(swatch(variant))\(e(cell.main))"
                        + (variant.isBaseline ? " <span class=\"tag\">baseline</span>" : "") + "</div></td>"
                    continue
                }
                page += "<td\(cell.emphasis ? " class=\"em\"" : "")><div class=\"main\">\(e(cell.main))</div>"
                    + (cell.detail.map { "<div class=\"detail\">\(e($0))</div>" } ?? "") + "</td>"
            }
            page += "</tr>\n"
        }
        page += "</tbody>\n</table></div>\n<details class=\"column-help\"><summary>What the columns mean</summary><dl>"
        for column in table.columns.dropFirst() { page += "<dt>\(e(column.title))</dt><dd>\(e(column.help))</dd>" }
        page += "</dl></details>\n</section>\n"
    }

    static func layers(_ report: ExperimentReport, charts: ReportCharts, into page: inout String) {
        let summary = report.layerDiagnostics
        guard !summary.isEmpty else { return }
        page += "<section class=\"card\" id=\"layers\">\n<h2>Per-layer diagnostics</h2>\n"
        page += "<p class=\"section-note\">One small chart per activation layer (matched across variants by position), "
            + "mean ± sd over seeds per epoch. Saturated: fraction of activations with |f′| below 5% of the maximum slope; "
            + "dead units: units with zero output on a whole validation batch; gradient norm: ‖∂L/∂x‖ at the layer's "
            + "pre-activation; other rows are the counters techniques record (e.g. γ at its cap).</p>\n"
        page += legend(report)
        for metric in summary.metrics {
            page += "<h3>\(e(metric.label))</h3>\n<div class=\"multiples\" style=\"grid-template-columns: repeat(\(charts.layerColumns), minmax(0, 1fr))\">"
            for chart in charts.layerPanels(metric) { page += figure(chart) }
            page += "</div>\n"
        }
        if !summary.allZero.isEmpty {
            page += "<p class=\"hint\">Zero in every layer, epoch and run (not charted): \(e(summary.allZero.joined(separator: ", "))).</p>\n"
        }
        page += "</section>\n"
    }

    static func definition(_ report: ExperimentReport, into page: inout String) {
        let spec = report.spec
        page += "<section class=\"card\" id=\"experiment\">\n<h2>Experiment</h2>\n<dl class=\"definition\">"
        let rows: [(String, String)] = [
            ("name", spec.name), ("dataset", spec.dataset), ("model", spec.model), ("baseline", spec.baseline),
            ("variants", spec.variants.joined(separator: ", ")), ("seeds", spec.seeds.map(String.init).joined(separator: ", ")),
            ("epoch budget", "\(spec.epochs)"), ("target", ReportFormat.target(spec.targetAccuracy) + " validation accuracy"),
            ("created", ReportFormat.date(report.experiment.createdAt)), ("report generated", ReportFormat.date(report.generatedAt)),
        ]
        for (key, value) in rows { page += "<dt>\(e(key))</dt><dd>\(e(value))</dd>" }
        page += "</dl>\n<h3>Variants</h3>\n<table class=\"variants\"><thead><tr><th>variant</th><th>what differs from the baseline</th>"
            + "<th>notes</th></tr></thead><tbody>\n"
        let noteNumbers = Dictionary(uniqueKeysWithValues: report.interpretations.enumerated().map { ($1.note, $0 + 1) })
        for variant in report.variants {
            let what: String
            if variant.isBaseline {
                what = variant.configuration.map { "baseline: activation \($0.activation), head \($0.head), optimizer \($0.optimizer.rawValue), lr \($0.learningRate)" }
                    ?? "baseline"
            } else if variant.configuration == nil {
                what = "configuration not recorded"
            } else {
                what = variant.differences.isEmpty ? "same settings as the baseline" : variant.differences.joined(separator: ", ")
            }
            let notes = variant.interpretations.compactMap { noteNumbers[$0] }.map { "<a href=\"#note-\($0)\">[\($0)]</a>" }
            page += "<tr><td>\(swatch(variant))\(e(variant.name))</td><td class=\"wrap\"><code>\(e(what))</code></td>"
                + "<td>\(notes.isEmpty ? "" : notes.joined(separator: " ") + " interpretation")</td></tr>\n"
        }
        page += "</tbody></table>\n"
        if let base = report.baseline?.configuration {
            page += "<details><summary>All settings of the baseline</summary><pre>"
                + e(ConfigurationDifference.settings(base).joined(separator: "\n")) + "</pre></details>\n"
        }
        page += "<details><summary>Comparison definition (stored JSON)</summary><pre>\(e(prettyJSON(spec.configuration)))</pre></details>\n"
        page += "</section>\n"
    }

    static func runs(_ report: ExperimentReport, into page: inout String) {
        page += "<section class=\"card\" id=\"runs\">\n<h2>Runs</h2>\n<details\(report.runs.count <= 12 ? " open" : "")>"
            + "<summary>\(report.runs.count) runs stored</summary>\n<div class=\"table-wrap\"><table class=\"runs\"><thead><tr>"
            + "<th>variant</th><th>seed</th><th class=\"left\">status</th><th>epochs</th><th>final val. accuracy</th>"
            + "<th>reached target at</th><th>elapsed</th><th>attempts</th><th class=\"left\">note</th></tr></thead><tbody>\n"
        for run in report.runs {
            let variant = report.variant(named: run.run.cell.variant)
            let last = run.epochs.last
            let time = TimeToTarget(RunCurve(epochs: run.epochs), target: report.spec.targetAccuracy)
            let reached = time.epoch.map { "epoch \($0) (\(ReportFormat.fixed(time.seconds ?? .nan, 1)) s)" } ?? "–"
            var note = run.run.reason ?? ""
            if let epoch = run.run.divergedEpoch {
                note = "diverged at epoch \(epoch)" + (run.run.divergedStep.map { ", step \($0)" } ?? "") + (note.isEmpty ? "" : ": \(note)")
            }
            page += "<tr><td>\(variant.map(swatch) ?? "")\(e(run.run.cell.variant))</td><td>\(run.run.cell.seed)</td>"
                + "<td class=\"left\"><span class=\"status status-\(run.run.status.rawValue)\">\(run.run.status.rawValue)</span></td>"
                + "<td>\(run.epochs.count)</td><td>\(last.map { ReportFormat.percent($0.validationAccuracy, 2) } ?? "–")</td>"
                + "<td>\(reached)</td><td>\(last.map { ReportFormat.fixed($0.elapsedSeconds, 1) + " s" } ?? "–")</td>"
                + "<td>\(run.run.attempts)</td><td class=\"wrap\">\(e(note))</td></tr>\n"
        }
        page += "</tbody></table></div></details>\n</section>\n"
    }

    static func footnotes(_ report: ExperimentReport, into page: inout String) {
        page += "<footer class=\"notes\">\n"
        if !report.interpretations.isEmpty {
            page += "<h2>Interpretations used by these variants</h2>\n<ol class=\"notes\">\n"
            for (number, item) in report.interpretations.enumerated() {
                page += "<li id=\"note-\(number + 1)\">\(e(item.note.text)) <span class=\"used-by\">Used by: "
                    + "\(e(item.variants.joined(separator: ", "))).</span></li>\n"
            }
            page += "</ol>\n"
        }
        page += "<h2>Method</h2>\n<p>Statistics use finished and diverged runs; running and failed runs are left out. "
            + "Final accuracy: mean, sample standard deviation and Student-t 95% interval over seeds; differences: Welch's "
            + "unequal-variance t-test. Time to target: the first epoch whose validation accuracy reaches the target; the median "
            + "counts runs that never reach it as infinitely long, so it reads “not reached” once half of the runs miss "
            + "(interpretation). Speed-up: mean(baseline) / mean(variant) time to target with a seeded percentile bootstrap "
            + "(2000 resamples), only when every run of both reached the target. Smoothness: mean relative step-to-step change "
            + "of the training loss, and its “excess” movement that is not net progress (interpretation).</p>\n"
        page += "<p class=\"generator\">Generated by actlab report · self-contained page: no scripts, fonts or images are loaded.</p>\n"
        page += "</footer>\n"
    }

    /// The stored comparison JSON, indented when it parses; verbatim otherwise.
    static func prettyJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }
}
