import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser on Linux
#endif
import Testing
@testable import ActivationLab

/// The synthetic store of `SyntheticExperiment` (4 variants × 3 seeds × 10 epochs, one diverged run, one
/// variant that never reaches the target), written to a temporary folder.
private func syntheticReport(_ experiment: SyntheticExperiment = SyntheticExperiment(),
                             in folder: TemporaryDirectory) throws -> (ExperimentReport, RunStore) {
    let store = try RunStore(path: folder.path("runs.sqlite"))
    let stored = try experiment.fill(store)
    let reader = try RunStore(path: folder.path("runs.sqlite"), readOnly: true)
    let report = try ExperimentReport.load(from: reader, experiment: stored,
                                           generatedAt: Date(timeIntervalSince1970: 1_790_000_000))
    return (report, store)
}

/// Every `<svg …>…</svg>` element of a page.
private func svgElements(_ html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        result.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return result
}

/// Whether `text` is well-formed XML, by Foundation's non-validating `XMLParser`. On Linux `parse()` can
/// return true after a recoverable error (e.g. a mismatched end tag), so `parserError` is checked too.
func reportIsWellFormedXML(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() && parser.parserError == nil
}

/// All values of `attribute="…"` in `html`.
func reportAttributeValues(_ attribute: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    while let range = rest.range(of: " \(attribute)=\"") {
        let valueStart = range.upperBound
        guard let end = rest[valueStart...].firstIndex(of: "\"") else { break }
        values.append(String(rest[valueStart..<end]))
        rest = rest[end...]
    }
    return values
}

/// A small RFC 4180 reader: rows of fields, quoted fields may hold commas, quotes ("") and newlines.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false
    var chars = Array(text)
    if chars.last == "\n" { chars.removeLast() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.append(c)
        }
        i += 1
    }
    row.append(field)
    rows.append(row)
    return rows
}

@Suite struct ReportTests {
    @Test func htmlHasEveryVariantAndVerdictLine() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let html = HTMLReport.html(report)
        for variant in SyntheticExperiment.defaultVariants {
            #expect(html.contains(Markup.escape(variant.name)), "variant \(variant.name) missing")
        }
        #expect(report.verdictLines.count == 4)
        // Verdict lines set the variant name in bold and keep "p = …" together with no-break spaces;
        // compare the text without that markup.
        let text = html.replacingOccurrences(of: "<strong>", with: "").replacingOccurrences(of: "</strong>", with: "")
            .replacingOccurrences(of: "\u{00A0}", with: " ")
        for line in report.verdictLines {
            #expect(text.contains("<span>" + Markup.escape(line) + "</span>"), "verdict line missing: \(line)")
        }
        // The interpreted techniques of two variants are footnoted, and a plain variant is not.
        #expect(html.contains("Used by: linear-exp."))
        #expect(html.contains("Used by: tanh abg."))
        #expect(report.interpretations.map(\.note.key) == ["head:linear-exp", "transform"])
        // Per-layer small multiples: saturation, dead units, gradient norm and the γ counters, two layers each.
        let metrics = report.layerDiagnostics.metrics.map(\.key)
        #expect(metrics == ["saturated_fraction", "dead_units", "gradient_norm", "gamma_at_cap", "low_variance_fraction"])
        #expect(report.layerDiagnostics.metrics.allSatisfy { $0.panels.count == 2 })
        #expect(html.contains("id=\"layer-gamma-at-cap-2\""))
        // Writing to disk for a browser: ACTLAB_REPORT_EXAMPLE_DIR (used by scripts/screenshot_report.sh).
        if let directory = ProcessInfo.processInfo.environment["ACTLAB_REPORT_EXAMPLE_DIR"] {
            let example = try RunStore(path: directory + "/example-runs.sqlite")
            try SyntheticExperiment().fill(example)
            try Data(html.utf8).write(to: URL(fileURLWithPath: directory + "/example-test.html"))
        }
    }

    @Test func everySVGIsWellFormedXML() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let html = HTMLReport.html(report)
        let svgs = svgElements(html)
        // 4 curves + 2 per-seed + 3 dynamics (clamp events recorded) + 5 metrics × 2 layers.
        #expect(svgs.count == 4 + 2 + 3 + 10)
        for svg in svgs {
            #expect(reportIsWellFormedXML(svg), "not well-formed: \(svg.prefix(200))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
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

    @Test func statisticsAreTheStoresAndCensoringIsSaid() throws {
        let folder = TemporaryDirectory()
        let (report, store) = try syntheticReport(in: folder)
        let fromStore = try store.variantStatistics(experiment: report.experiment)
        for statistics in fromStore {
            let variant = try #require(report.variant(named: statistics.name))
            // NaN ≠ NaN, so compare the printed curves.
            #expect(String(describing: variant.statistics.curves) == String(describing: statistics.curves))
        }
        let baseline = try #require(fromStore.first { $0.name == "relu" })
        for statistics in fromStore where statistics.name != "relu" {
            #expect(report.variant(named: statistics.name)?.verdict?.text == Verdict(statistics, against: baseline).text)
        }
        #expect(report.verdictLines[0] == Verdict.baselineLine(baseline))

        let tanh = try #require(report.variant(named: "tanh abg"))
        #expect(tanh.statistics.timeToTarget.reached == 0)
        #expect(tanh.verdict!.text.contains("87% not reached in 3 of 3 runs"))
        let linear = try #require(report.variant(named: "linear-exp"))
        #expect(linear.statistics.diverged == 1 && linear.statistics.runs == 3)
        #expect(linear.verdict!.text.hasSuffix("1 of 3 runs diverged"))
        #expect(linear.differences == ["head = linear-exp"])
        #expect(tanh.differences == ["activation = tanh", "learning-rate = 0.2", "transform = abg"])

        let table = SummaryTable(report)
        #expect(table.columns.map(\.title) == ["variant", "runs", "final accuracy", "vs baseline", "epochs to 87%",
                                                "seconds to 87%", "speed-up (time)", "speed-up (epochs)", "s / epoch", "smoothness"])
        let row = try #require(table.rows.first { $0[0].main == "tanh abg" })
        #expect(row[4].text == "not reached (in 3 of 3)" && row[5].text == "not reached (in 3 of 3)")
        #expect(row[6].text == "–" && row[7].text == "–")  // no speed-up when runs miss the target
        #expect(row[3].emphasis && row[3].main == "−4.4 pts")  // significantly worse, and said with a real minus
        let linearRow = try #require(table.rows.first { $0[0].main == "linear-exp" })
        #expect(linearRow[1].text == "3 (1 diverged)")
        let penalized = try #require(report.variant(named: "penalized-tanh"))
        let speedup = try #require(penalized.speedupSeconds)
        #expect(table.rows[1][6].main == ReportFormat.fixed(speedup.estimate, 2) + "×")
        #expect(table.rows[1][6].emphasis == !speedup.interval.contains(1))
        #expect(speedup.estimate == penalized.verdict?.speedup?.estimate)
        #expect(table.rows[0][0].text == "relu (baseline)" && table.rows[0][3].text == "–")

        // The diverged run's last epoch has an infinite cross-entropy: it is not averaged into the mean.
        let crossEntropy = linear.crossEntropyByEpoch
        #expect(crossEntropy.x.count == 10 && crossEntropy.mean.allSatisfy(\.isFinite))
        #expect(crossEntropy.count[0] == 3 && crossEntropy.count[5] == 2 && crossEntropy.count.last == 2)
    }

    @Test func csvHasOneRowPerRunEpochAndQuotesFields() throws {
        var experiment = SyntheticExperiment()
        experiment.variants[1].name = "tanh, \"penalized\""
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(experiment, in: folder)
        let text = CSVExport.text(report)
        let rows = parseCSV(text)
        let header = rows[0]
        let expectedRows = 4 * 3 * 10 - (10 - 6)  // the diverged run stops after epoch 6
        #expect(rows.count == 1 + expectedRows)
        #expect(Array(header.prefix(15)) == ["experiment", "variant", "seed", "run_id", "status"] + CSVExport.metricColumns)
        #expect(header.contains("layer2_gamma_at_cap") && header.contains("layer1_dead_units"))
        for row in rows { #expect(row.count == header.count) }
        // The awkward name survives quoting and reads back whole.
        let column = try #require(header.firstIndex(of: "variant"))
        #expect(rows.filter { $0[column] == "tanh, \"penalized\"" }.count == 30)
        #expect(text.contains("\"tanh, \"\"penalized\"\"\""))
        // NaN is spelled out; the diverged row keeps its status.
        let status = try #require(header.firstIndex(of: "status")), loss = try #require(header.firstIndex(of: "train_loss"))
        let validationLoss = try #require(header.firstIndex(of: "val_loss"))
        let crossEntropy = try #require(header.firstIndex(of: "val_cross_entropy"))
        #expect(rows.contains { $0[status] == "diverged" && $0[validationLoss] == "nan" && $0[crossEntropy] == "inf" && $0[loss] == "4.6" })
        // Values read back exactly.
        let first = report.runs[0].epochs[0]
        let accuracy = try #require(header.firstIndex(of: "val_accuracy"))
        #expect(Double(rows[1][accuracy]) == first.validationAccuracy)
        #expect(CSVExport.field("plain") == "plain" && CSVExport.field("a\nb") == "\"a\nb\"")
    }

    @Test func jsonRoundTrips() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let data = try JSONExport.data(report)
        let document = try JSONExport.decode(data)
        #expect(document.format == JSONExport.format && document.version == 1)
        #expect(document.rows.count == report.records.count)
        #expect(document.experiment.variants == report.spec.variants && document.experiment.seeds == report.spec.seeds)
        #expect(abs(document.experiment.createdAt.timeIntervalSince(report.experiment.createdAt)) < 0.001)
        // NaN ≠ NaN, so compare re-encoded bytes, and the finite rows directly.
        #expect(try JSONExport.encoder().encode(document) == data)
        let finite = zip(document.rows, report.records).filter { $0.1.metrics.validationLoss.isFinite }
        #expect(finite.count == report.records.count - 1)
        for (decoded, original) in finite { #expect(decoded == original) }
        let nanRow = try #require(document.rows.first { $0.status == .diverged && $0.metrics.validationLoss.isNaN })
        #expect(nanRow.variant == "linear-exp" && nanRow.metrics.epoch == 6 && nanRow.metrics.validationCrossEntropy == .infinity)
        // Rows are flat objects: run identity next to the metric keys.
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let row = try #require((object["rows"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["experiment", "variant", "seed", "run_id", "status", "epoch", "train_loss", "val_loss",
                                  "val_accuracy", "val_cross_entropy", "seconds", "elapsed_seconds", "learning_rate",
                                  "gradient_norm", "clamp_events", "layers"])
    }

    @Test func markupInVariantNamesIsEscapedEverywhere() throws {
        var experiment = SyntheticExperiment()
        experiment.variants = Array(experiment.variants.prefix(2))
        experiment.variants[1].name = "<b>&\"x\"'"
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(experiment, in: folder)
        let html = HTMLReport.html(report)
        #expect(!html.contains("<b>&"))
        #expect(html.contains("&lt;b&gt;&amp;&quot;x&quot;&#39;"))
        for svg in svgElements(html) { #expect(reportIsWellFormedXML(svg)) }
        #expect(Markup.escape("a<b & c>d") == "a&lt;b &amp; c&gt;d")
        #expect(Markup.escape("plain") == "plain")
        let markdown = MarkdownReport.text(report)
        #expect(markdown.contains("\\<b\\>&\"x\"'") && !markdown.contains("<b>"))
    }

    @Test func markdownHasVerdictsAndTable() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let markdown = MarkdownReport.text(report)
        for line in report.verdictLines { #expect(markdown.contains("- " + MarkdownReport.inline(line))) }
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == 2 + 4)
        let columns = SummaryTable(report).columns.count
        for line in tableLines {
            // Cell separators are the pipes not escaped with a backslash.
            let separators = zip(" " + line, line).filter { $0.1 == "|" && $0.0 != "\\" }.count
            #expect(separators == columns + 1)
        }
        #expect(markdown.contains("## Interpretations"))
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
        _ = try store.claimRun(experiment: experiment, cell: experiment.spec.cells[0], configuration: TrainingConfiguration())
        do {
            _ = try ExperimentReport.load(from: store, experiment: experiment)
            Issue.record("a report of running runs only should be refused")
        } catch let error as ReportError {
            #expect(error.description.contains("no finished runs yet (1 running, 0 failed)"))
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
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        #expect(report.warnings.count == 3)
        #expect(report.warnings[0].hasPrefix("1 run is still running and left out: relu/seed 3"))
        #expect(report.warnings[1].contains("relu/seed 2 (out of memory)"))
        #expect(report.warnings[2].hasPrefix("13 of 16 cells have not started"))
        let html = HTMLReport.html(report)
        for warning in report.warnings { #expect(html.contains(Markup.escape(warning))) }
        for svg in svgElements(html) { #expect(reportIsWellFormedXML(svg)) }
    }
}
