import Foundation

/// The sections of the page below the summary: protocol, tuning curves, per-layer diagnostics, the
/// experiment's definition, every run, and the footnotes.
extension HTMLReport {
    static func protocolSection(_ report: ExperimentReport, into page: inout String) {
        let description = ProtocolDescription(report)
        page += "<section class=\"card\" id=\"protocol\">\n<h2>Protocol</h2>\n"
        page += "<p class=\"section-note\">What was fixed before the evaluation runs and what the verdicts measure "
            + "(docs/protocol.md explains each step).</p>\n<dl class=\"definition\">"
        for item in description.items { page += "<dt>\(e(item.label))</dt><dd>\(e(item.value))</dd>" }
        page += "</dl>\n"
        if let note = description.note { page += "<p class=\"hint\">\(e(note))</p>\n" }
        page += "</section>\n"
    }

    static func tuning(_ report: ExperimentReport, charts: ReportCharts, into page: inout String) {
        let dimensions = charts.tunedDimensions
        guard !dimensions.isEmpty else { return }
        let trials = report.variants.map(\.summary.tuningCurve.count).reduce(0, +)
        page += "<section class=\"card\" id=\"tuning\">\n<h2>Tuning curves</h2>\n"
        page += "<p class=\"section-note\">How easy each variant is to tune: every tuning trial's final validation accuracy "
            + "against the value it tried (\(trials) trials, the same points for every variant, on a tuning seed that is never "
            + "an evaluation seed). A broad plateau forgives a poorly chosen value; a narrow peak does not. × marks a diverged "
            + "trial (scored 0); the dashed line and the ring mark the value the evaluation runs used.</p>\n"
        let columns = min(max(report.variants.count, 1), 4)
        for (key, logScale) in dimensions {
            if dimensions.count > 1 { page += "<h3>\(e(key))\(logScale ? " (log scale)" : "")</h3>\n" }
            page += "<div class=\"multiples\" style=\"grid-template-columns: repeat(\(columns), minmax(0, 1fr))\">"
            for chart in charts.tuningPanels(key: key) { page += figure(chart) }
            page += "</div>\n"
        }
        page += "</section>\n"
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
            ("epoch budget", "\(spec.epochs)"), ("target", ReportFormat.percent(report.targetAccuracy, 1) + " validation accuracy"),
            ("created", ReportFormat.date(report.experiment.createdAt)), ("report generated", ReportFormat.date(report.generatedAt)),
        ]
        for (key, value) in rows { page += "<dt>\(e(key))</dt><dd>\(e(value))</dd>" }
        page += "</dl>\n<h3>Variants</h3>\n<div class=\"table-wrap\"><table class=\"variants\"><thead><tr><th>variant</th>"
            + "<th>what differs from the baseline (evaluation runs, at the tuned values)</th><th>notes</th></tr></thead><tbody>\n"
        let noteNumbers = Dictionary(uniqueKeysWithValues: report.interpretations.enumerated().map { ($1.note, $0 + 1) })
        for variant in report.variants {
            let what: String
            if variant.isBaseline {
                what = variant.configuration.map {
                    "baseline: activation \($0.activation), head \($0.head), optimizer \($0.optimizer.rawValue), lr \(String(format: "%.3g", $0.learningRate))"
                }
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
        page += "</tbody></table></div>\n"
        if let base = report.baseline?.configuration {
            page += "<details><summary>All settings of the baseline</summary><pre>"
                + e(ConfigurationDifference.settings(base).joined(separator: "\n")) + "</pre></details>\n"
        }
        page += "<details><summary>Comparison definition (stored JSON)</summary><pre>\(e(prettyJSON(spec.configuration)))</pre></details>\n"
        if let record = report.protocolRecord {
            page += "<details><summary>Protocol record (stored JSON)</summary><pre>\(e(prettyJSON(record.json)))</pre></details>\n"
        }
        page += "</section>\n"
    }

    static func runs(_ report: ExperimentReport, into page: inout String) {
        let protocolRuns = report.protocolRuns.count
        let counts = "\(report.evaluationRuns.count) evaluation runs" + (protocolRuns > 0 ? ", \(protocolRuns) tuning and pilot runs" : "")
        page += "<section class=\"card\" id=\"runs\">\n<h2>Runs</h2>\n<details\(report.runs.count <= 12 ? " open" : "")>"
            + "<summary>\(counts) stored</summary>\n<div class=\"table-wrap\"><table class=\"runs\"><thead><tr>"
            + "<th>run</th><th>seed</th><th class=\"left\">kind</th><th class=\"left\">status</th><th>epochs</th><th>steps</th>"
            + "<th>test accuracy</th><th>final val. accuracy</th><th>reached target at</th><th>elapsed</th><th>attempts</th>"
            + "<th class=\"left\">note</th></tr></thead><tbody>\n"
        let target = report.targetAccuracy
        for run in report.evaluationRuns + report.protocolRuns {
            let variant = report.variant(named: run.run.cell.variant)
            let last = run.epochs.last
            let finalValidation = run.evaluations.last?.validationAccuracy ?? last?.validationAccuracy
            var reached = "–"
            if let hit = run.evaluations.first(where: { $0.validationAccuracy >= target }) {
                reached = "step \(hit.step) (\(DurationText.format(hit.elapsedSeconds)))"
            } else if run.evaluations.isEmpty, let hit = run.epochs.first(where: { $0.validationAccuracy >= target }) {
                reached = "epoch \(hit.epoch) (\(DurationText.format(hit.elapsedSeconds)))"
            }
            var note = run.run.reason ?? ""
            if let epoch = run.run.divergedEpoch {
                note = "diverged at epoch \(epoch)" + (run.run.divergedStep.map { ", step \($0)" } ?? "") + (note.isEmpty ? "" : ": \(note)")
            }
            let steps = run.run.steps.map { "\($0)" + (run.run.stepBudget.map { " of \($0)" } ?? "") } ?? "–"
            let elapsed = [last?.elapsedSeconds, run.evaluations.last?.elapsedSeconds].compactMap { $0 }.filter(\.isFinite).max()
            page += "<tr><td>\(variant.map(swatch) ?? "")\(e(run.run.cell.variant))</td><td>\(run.run.cell.seed)</td>"
                + "<td class=\"left\">\(run.kind.rawValue)</td>"
                + "<td class=\"left\"><span class=\"status status-\(run.run.status.rawValue)\">\(run.run.status.rawValue)</span></td>"
                + "<td>\(run.epochs.count)</td><td>\(steps)</td>"
                + "<td>\(run.run.testAccuracy.map { ReportFormat.percent($0, 2) } ?? "–")</td>"
                + "<td>\(finalValidation.map { ReportFormat.percent($0, 2) } ?? "–")</td>"
                + "<td>\(reached)</td><td>\(elapsed.map(DurationText.format) ?? "–")</td>"
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
        page += "<h2>Method</h2>\n<p>\(e(methodText)) Details and measured coverage: docs/statistics.md.</p>\n"
        page += "<p class=\"generator\">Generated by actlab report · self-contained page: no scripts, fonts or images are loaded.</p>\n"
        page += "</footer>\n"
    }

    /// The statistical method in one paragraph, shared with the Markdown report.
    static let methodText = "Statistics use the finished and diverged evaluation runs; running and failed runs are left out, "
        + "and tuning and pilot runs only set the tuned values and the target. A diverged run scores 0 accuracy and never "
        + "reaches the target. Accuracy: per-seed differences to the baseline, paired t interval and p (Welch's when runs "
        + "cannot be paired by seed). Speed: the geometric mean of the per-seed ratios of steps (or epochs) to the target, "
        + "each time restricted to the budget τ so a run that never reaches the target counts as τ, with a t interval on the "
        + "log ratios. Medians to the target are Kaplan–Meier medians. p-values are Holm-adjusted across the variants "
        + "(accuracy and speed separately); a 95% interval within the margin is “equivalent”. Loss roughness: the RMS of "
        + "the second differences of the log training loss per epoch (lower is steadier)."

    /// The stored JSON, indented when it parses; verbatim otherwise.
    static func prettyJSON(_ text: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) else {
            return text
        }
        return String(decoding: data, as: UTF8.self)
    }
}
