import Foundation
import Testing
@testable import ActivationLab

/// The HTML report on the synthetic store: one `ComparisonSummary` behind every number, evaluation runs only
/// in the statistics and curves, the protocol and tuning curves, and a self-contained, well-formed page.
@Suite struct ReportTests {
    @Test func htmlHasTheVerdictLinesAndTheTerminalsSummaryTable() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let html = HTMLReport.html(report)
        for variant in SyntheticExperiment.defaultVariants {
            #expect(html.contains(Markup.escape(variant.name)), "variant \(variant.name) missing")
        }
        // One verdict line per variant other than the baseline, exactly VerdictLine's text.
        #expect(report.verdictLines == VerdictLine.lines(report.summary) && report.verdictLines.count == 3)
        let text = reportPlainText(html)
        for line in report.verdictLines {
            #expect(text.contains("<span>" + Markup.escape(line) + "</span>"), "verdict line missing: \(line)")
        }
        #expect(html.contains(Markup.escape(ProtocolDescription.targetLine(report.summary))))
        // The summary table: the terminal's headers, and every cell's value and detail.
        let headers = SummaryColumns.headers(report.summary)
        for header in headers { #expect(html.contains(">\(Markup.escape(header))</th>"), "header \(header)") }
        let table = SummaryTable(report.summary)
        #expect(table.columns.map(\.title) == headers && table.columns.allSatisfy { !$0.help.isEmpty })
        for (variant, row) in zip(report.summary.variants, table.rows) {
            #expect(row.map(\.text) == SummaryColumns.row(variant, report.summary))
            for cell in row.dropFirst() where !(cell.text.contains(" · ")) {
                #expect(html.contains(">\(Markup.escape(cell.main))</div>"), "cell \(cell.text)")
                if let detail = cell.detail { #expect(html.contains(">\(Markup.escape(detail))</div>"), "detail \(detail)") }
            }
        }
        // Sections in order: verdict, summary, protocol, tuning, curves.
        let order = ["id=\"verdict\"", "id=\"summary\"", "id=\"protocol\"", "id=\"tuning\"", "id=\"curves\"", "id=\"seeds\""]
        let positions = order.compactMap { html.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        // The interpreted techniques of two variants are footnoted, and a plain variant is not.
        #expect(html.contains("Used by: linear-exp."))
        #expect(html.contains("Used by: tanh abg."))
        #expect(report.interpretations.map(\.note.key) == ["head:linear-exp", "transform"])
        // Per-layer small multiples: saturation, dead units, gradient norm and the γ counters, two layers each.
        let metrics = report.layerDiagnostics.metrics.map(\.key)
        #expect(metrics == ["saturated_fraction", "dead_units", "gradient_norm", "gamma_at_cap", "low_variance_fraction"])
        #expect(report.layerDiagnostics.metrics.allSatisfy { $0.panels.count == 2 })
        #expect(html.contains("id=\"layer-gamma-at-cap-2\""))
        // One definition of loss steadiness: the summary's roughness; no "smoothness" anywhere.
        #expect(html.contains("loss roughness") && !html.lowercased().contains("smoothness"))
        // Writing to disk for a browser: ACTLAB_REPORT_EXAMPLE_DIR (used by scripts/screenshot_report.sh).
        if let directory = ProcessInfo.processInfo.environment["ACTLAB_REPORT_EXAMPLE_DIR"] {
            let example = try RunStore(path: directory + "/example-runs.sqlite")
            try SyntheticExperiment().fill(example)
            try Data(html.utf8).write(to: URL(fileURLWithPath: directory + "/example-test.html"))
        }
    }

    @Test func theSummaryIsTheOneCompareComputes() throws {
        let folder = TemporaryDirectory()
        let (report, store) = try syntheticReport(in: folder)
        #expect(report.summary == (try ComparisonSummary(store: store, experiment: report.experiment)))
        #expect(report.summary.speedUnit == "steps" && report.summary.accuracyMeasure == "test")
        #expect(report.summary.targetSource.hasPrefix("pilot: 99%"))
        #expect(report.summary.restriction == 400)  // 10 epochs × 40 steps
        // Tuning trials and the pilot are stored but never counted as a variant's runs.
        #expect(report.runs.count == 12 + 4 * 6 + 1)
        #expect(report.evaluationRuns.count == 12 && report.protocolRuns.count == 25)
        for variant in report.variants {
            #expect(variant.runs.count == 3 && variant.runs.allSatisfy { $0.kind == .evaluation })
            #expect(variant.summary.runs == 3 && variant.seedResults.count == 3)
            #expect(variant.accuracyByProgress.x.allSatisfy { $0 <= 400 })
        }
        let tanh = try #require(report.variant(named: "tanh abg"))
        #expect(tanh.summary.reachedTarget == 0 && tanh.summary.medianTimeToTarget == nil)
        #expect(tanh.seedResults.allSatisfy { $0.time == .censored(400) })
        #expect(SummaryTable(report.summary).rows[2][6].text == "not reached (3/3 missed)")
        let linear = try #require(report.variant(named: "linear-exp"))
        #expect(linear.summary.diverged == 1 && linear.summary.runs == 3)
        #expect(linear.seedResults.last == VariantReport.SeedResult(seed: 3, accuracy: 0, time: .censored(400), diverged: true))
        #expect(linear.seedResults[0].accuracy == report.runs.first { $0.run.cell == Cell(variant: "linear-exp", seed: 1) }?.run.testAccuracy)
        // Evaluation runs train at the tuned learning rate, so that is what differs from the baseline.
        let chosen = try #require(linear.summary.tunedValues["lr"])
        #expect(linear.configuration?.learningRate == chosen && linear.summary.learningRate == chosen)
        #expect(linear.differences.contains("head = linear-exp"))
        // The diverged run's last epoch has an infinite cross-entropy: it is not averaged into the mean.
        #expect(linear.crossEntropyByEpoch.x.count == 10 && linear.crossEntropyByEpoch.mean.allSatisfy(\.isFinite))
        #expect(linear.crossEntropyByEpoch.count[0] == 3 && linear.crossEntropyByEpoch.count.last == 2)
        // Steps: 80 evaluations per run, the diverged run's NaN one left out of the curve.
        #expect(linear.accuracyByProgress.x.count == 80 && linear.accuracyByProgress.count[0] == 3)
    }

    @Test func tuningCurvesShowEveryTrialTheDivergedOnesAndTheChoice() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let charts = ReportCharts(report)
        #expect(charts.tunedDimensions.map(\.key) == ["lr"] && charts.tunedDimensions[0].logScale)
        let panels = charts.tuningPanels(key: "lr")
        #expect(panels.map(\.title) == report.variants.map(\.name))
        for (variant, panel) in zip(report.variants, panels) {
            let curve = variant.summary.tuningCurve
            #expect(curve.count == 6)
            // The chosen value is the best trial's, as the protocol runner chose it.
            let best = curve.filter { !$0.diverged }.max { ($0.validationAccuracy ?? 0) < ($1.validationAccuracy ?? 0) }
            #expect(best?.values["lr"] == variant.summary.tunedValues["lr"])
            let svg = panel.render()
            #expect(reportIsWellFormedXML(svg))
            // A log axis over the tuning range 0.001…1, and the chosen value labelled.
            for tick in ["0.001", "0.01", "0.1", "1"] { #expect(svg.contains(">\(tick)</text>"), "tick \(tick)") }
            #expect(svg.contains("chosen " + String(format: "%.3g", variant.summary.tunedValues["lr"]!)))
        }
        // linear-exp diverges above lr 0.1: one of the six Halton points (0.178); × marks it.
        let linear = try #require(report.variant(named: "linear-exp"))
        #expect(linear.summary.tuningCurve.filter(\.diverged).map { $0.values["lr"]! }.allSatisfy { $0 > 0.1 })
        #expect(linear.summary.tuningCurve.filter(\.diverged).count == 1)
        #expect(panels[3].subtitle?.contains("1 diverged") == true)
        let html = HTMLReport.html(report)
        #expect(html.contains("id=\"tuning-lr-0\"") && html.contains("How easy each variant is to tune"))
    }

    @Test func protocolSectionSaysHowTheComparisonWasRun() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let description = ProtocolDescription(report)
        let items = Dictionary(uniqueKeysWithValues: description.items.map { ($0.label, $0.value) })
        #expect(items["target"]?.hasPrefix("87.0% validation accuracy, set by pilot: 99%") == true)
        #expect(items["speed"]?.contains("evaluated every 5 steps") == true)
        #expect(items["speed"]?.contains("restricted to τ = 400 steps") == true)
        #expect(items["accuracy"]?.hasPrefix("test accuracy") == true)
        #expect(items["margins"]?.contains("±0.5 points") == true && items["margins"]?.contains("±10%") == true)
        #expect(items["tuning"]?.hasPrefix("lr 0.001…1 (log-uniform); 6 trials per variant") == true)
        #expect(items["pilot"]?.hasPrefix("relu [pilot] on seed 2000001: finished") == true)
        #expect(items["step cost"]?.contains("interleaved") == true)
        #expect(description.note == nil)
        let html = HTMLReport.html(report)
        for item in description.items { #expect(html.contains("<dd>\(Markup.escape(item.value))</dd>")) }
    }

    @Test func everySVGIsWellFormedXML() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let html = HTMLReport.html(report)
        let svgs = svgElements(html)
        // 4 tuning curves + 4 learning curves + 2 per-seed + 3 dynamics (clamp events recorded) + 5 metrics × 2 layers.
        #expect(svgs.count == 4 + 4 + 2 + 3 + 10)
        for svg in svgs {
            #expect(reportIsWellFormedXML(svg), "not well-formed: \(svg.prefix(200))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(!svg.contains("nan") && !svg.contains("inf\""))
        }
        // The checker itself must be able to fail.
        #expect(!reportIsWellFormedXML("<svg><g></svg>"))
        #expect(!reportIsWellFormedXML("<svg><text>a < b</text></svg>"))
        #expect(!reportIsWellFormedXML("<svg><g x=\"1\"/><text>a &amp b</text></svg>"))
        #expect(reportIsWellFormedXML("<svg><g x=\"1\"/><text>a &amp; b</text></svg>"))
        let ids = reportAttributeValues("id", in: html)
        #expect(Set(ids).count == ids.count, "duplicate element ids")
    }

    @Test func pageReferencesNothingOutsideItself() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let html = HTMLReport.html(report)
        // The SVG namespace is a name, not a reference that is fetched: the one allowed URL, removed explicitly.
        let namespace = "xmlns=\"http://www.w3.org/2000/svg\""
        #expect(html.contains(namespace))
        let rest = html.replacingOccurrences(of: namespace, with: "")
        for forbidden in ["http://", "https://", "ftp://", "file:", "data:", "<script", "<link", "<img", "<iframe", "@import", "@font-face"] {
            #expect(!rest.lowercased().contains(forbidden), "found \(forbidden)")
        }
        for attribute in ["src", "href", "xlink:href", "srcset", "action"] {
            for value in reportAttributeValues(attribute, in: rest) {
                #expect(value.hasPrefix("#"), "\(attribute)=\(value) is not an in-page reference")
            }
        }
        // url(…) in CSS or SVG attributes must point inside the page.
        var search = rest[...]
        var urls = 0
        while let range = search.range(of: "url(") {
            #expect(search[range.upperBound...].hasPrefix("#"), "url( not in-page")
            urls += 1
            search = search[range.upperBound...]
        }
        #expect(urls > 0)  // the chart clip paths
        // No protocol-relative reference either.
        #expect(!rest.contains("\"//") && !rest.contains("(//") && !rest.contains("'//"))
    }

    @Test func markupInVariantNamesIsEscapedEverywhere() throws {
        var experiment = SyntheticExperiment()
        experiment.variants = Array(experiment.variants.prefix(2))
        experiment.variants[1].name = "<b>&\"x\"'|"
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(experiment, in: folder)
        let html = HTMLReport.html(report)
        #expect(!html.contains("<b>&"))
        #expect(html.contains("&lt;b&gt;&amp;&quot;x&quot;&#39;|"))
        for svg in svgElements(html) { #expect(reportIsWellFormedXML(svg)) }
        #expect(Markup.escape("a<b & c>d") == "a&lt;b &amp; c&gt;d")
        #expect(Markup.escape("plain") == "plain")
        let markdown = MarkdownReport.text(report)
        #expect(markdown.contains("\\<b\\>&\"x\"'\\|") && !markdown.contains("<b>"))
    }

    @Test func emptyOrUnfinishedExperimentsAreRefusedInOneLine() throws {
        let folder = TemporaryDirectory()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(SyntheticExperiment().spec)
        #expect(throws: ReportError.self) { try ExperimentReport.load(from: store, experiment: experiment) }
        do {
            _ = try ExperimentReport.load(from: store, experiment: experiment)
        } catch let error as ReportError {
            #expect(error.description.contains("has no runs yet") && !error.description.contains("\n"))
        }
        // Tuning trials alone are not a comparison yet.
        let trial = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: "relu [tune 1/2]", seed: 1_000_001),
                                                    configuration: TrainingConfiguration(), kind: .tuning))
        try store.finish(trial, status: .finished)
        do {
            _ = try ExperimentReport.load(from: store, experiment: experiment)
            Issue.record("a report of tuning trials only should be refused")
        } catch let error as ReportError {
            #expect(error.description.contains("has no runs yet; 1 tuning or pilot run stored"))
        }
        _ = try store.claimRun(experiment: experiment, cell: experiment.spec.cells[0], configuration: TrainingConfiguration())
        do {
            _ = try ExperimentReport.load(from: store, experiment: experiment)
            Issue.record("a report of running runs only should be refused")
        } catch let error as ReportError {
            #expect(error.description.contains("no finished runs yet (1 running, 0 failed; 1 tuning or pilot run stored)"))
        }
    }

    @Test func runningFailedAndMissingRunsAreWarnedAbout() throws {
        let folder = TemporaryDirectory()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        var synthetic = SyntheticExperiment()
        synthetic.seeds = [1, 2, 3, 4]
        let experiment = try store.createOrFindExperiment(synthetic.spec)
        let claim = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: "relu", seed: 1),
                                                    configuration: TrainingConfiguration()))
        let (epochs, _) = synthetic.epochs(synthetic.variants[0], seed: 1, variantIndex: 0)
        for metrics in epochs { try store.appendEpoch(metrics, to: claim) }
        try store.finish(claim, status: .finished)
        let failed = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: "relu", seed: 2),
                                                     configuration: TrainingConfiguration()))
        try store.finish(failed, status: .failed, reason: "out of memory")
        _ = try store.claimRun(experiment: experiment, cell: Cell(variant: "relu", seed: 3), configuration: TrainingConfiguration())
        let trial = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: "tanh abg [tune 2/8]", seed: 1_000_001),
                                                    configuration: TrainingConfiguration(), kind: .tuning))
        try store.finish(trial, status: .failed, reason: "killed")
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        #expect(report.warnings.count == 4)
        #expect(report.warnings[0].hasPrefix("1 run is still running and left out: relu/seed 3"))
        #expect(report.warnings[1].contains("relu/seed 2 (out of memory)"))
        #expect(report.warnings[2] == "1 tuning or pilot run is running or failed: tanh abg [tune 2/8]/seed 1000001 (failed)")
        #expect(report.warnings[3].hasPrefix("13 of 16 cells have not started"))
        let html = HTMLReport.html(report)
        for warning in report.warnings { #expect(html.contains(Markup.escape(warning))) }
        for svg in svgElements(html) { #expect(reportIsWellFormedXML(svg)) }
    }
}
