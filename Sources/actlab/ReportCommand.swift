import ArgumentParser
import ActivationLab
import Foundation

/// The values the retired `--measure` option took (speed is now steps to target).
enum LegacyMeasure: String, ExpressibleByArgument, CaseIterable {
    case seconds, epochs
}

/// `actlab report`: render one experiment of a run store as a self-contained HTML page, and optionally
/// as Markdown, CSV and JSON; print the summary table and verdict lines `compare` ends with.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report (charts, verdicts, statistics) of an experiment in a run store.",
        discussion: """
        Prints the summary table and verdict lines `actlab compare` ends with, and writes a self-contained \
        page (inline CSS and SVG, nothing loaded from the network) with the same numbers: verdict lines, \
        the summary table, the protocol (target, measures, margins, tuning, step costs), each variant's \
        tuning curve, learning curves against steps and wall-clock time with ± sd bands and per-seed \
        curves, accuracy and steps to target per seed, and per-layer diagnostics. Techniques that are our \
        interpretation of a paper are listed in footnotes. --summary-json writes the summary as JSON \
        (docs/report.md); the CSV and JSON exports hold every epoch (and evaluation) of every run.

        Examples:
          actlab report
          actlab report --store runs.sqlite --experiment heads-mlp --out heads.html
          actlab report --summary-json summary.json
          actlab report --markdown summary.md --csv epochs.csv --json runs.json
        """
    )

    @Option(help: "The run store to read (opened read-only).")
    var store = RunStore.defaultPath
    @Option(help: "The experiment to report: its name, a unique prefix, or its #hash (default: the most recently created one).")
    var experiment: String?
    @Option(help: "Where to write the HTML page.")
    var out = "actlab-report.html"
    @Option(help: "Also write the summary (statistics and verdicts per variant) as JSON here.")
    var summaryJson: String?
    @Option(help: "Also write a Markdown summary (verdicts, table, protocol) here.")
    var markdown: String?
    @Option(help: "Also write every per-epoch row as CSV here (per-layer diagnostics flattened to columns).")
    var csv: String?
    @Option(help: "Also write every step evaluation of every run as CSV here.")
    var evaluationsCsv: String?
    @Option(help: "Also write every run, epoch and evaluation as JSON here (per-layer diagnostics nested).")
    var json: String?
    @Option(help: "Judge speed against this validation accuracy (0–1) instead of the stored target: recomputed from the stored evaluations, no retraining. The report says the target was chosen after the runs.")
    var targetAccuracy: Double?
    @Option(help: "Ignored, kept so old scripts run: speed is now steps to target (epochs for old stores), with seconds from measured step costs.")
    var measure: LegacyMeasure?

    func run() throws {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ReportError("--store \(store): no such file. Run `actlab compare` first, or name the store with --store")
        }
        let runStore = try RunStore(path: store, readOnly: true)
        let experiments = try runStore.experiments()
        let chosen: Experiment
        if let name = experiment {
            do { chosen = try ExperimentLookup.find(name, in: experiments) }
            catch { throw ReportError("--experiment \(name): \(error) (in \(store))") }
        } else {
            guard let latest = experiments.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) else {
                throw ReportError("--store \(store): no experiments yet. Run `actlab compare` first")
            }
            chosen = latest
        }
        if measure != nil {
            Terminal.error("note: --measure is ignored: speed verdicts use steps to target (epochs for stores without step evaluations)")
        }

        let started = Date()
        if let targetAccuracy, !(targetAccuracy > 0 && targetAccuracy <= 1) {
            throw ReportError("--target-accuracy: must be in (0, 1], got \(targetAccuracy)")
        }
        let report = try ExperimentReport.load(from: runStore, experiment: chosen, target: targetAccuracy)
        var written: [String] = []
        try write(HTMLReport.html(report), to: out, flag: "--out")
        written.append(out)
        let exports: [(path: String?, flag: String, contents: () throws -> Data)] = [
            (summaryJson, "--summary-json", { try report.summary.jsonData() + Data("\n".utf8) }),
            (markdown, "--markdown", { Data(MarkdownReport.text(report).utf8) }),
            (csv, "--csv", { Data(CSVExport.text(report).utf8) }),
            (evaluationsCsv, "--evaluations-csv", { Data(CSVExport.evaluationsText(report).utf8) }),
        ]
        for export in exports {
            guard let path = export.path else { continue }
            try write(try export.contents(), to: path, flag: export.flag)
            written.append(path)
        }
        if let json {
            try write(JSONExport.data(report), to: json, flag: "--json")
            written.append(json)
        }

        let protocolRuns = report.protocolRuns.count
        Terminal.paragraph("\(chosen.spec.name): \(report.variants.count) variants, \(report.evaluationRuns.count) evaluation runs"
            + (protocolRuns > 0 ? " (+\(protocolRuns) tuning and pilot runs)" : ""))
        Terminal.line(SummaryColumns.text(report.summary, width: Terminal.width))
        Terminal.paragraph(SummaryColumns.legend(report.summary))
        Terminal.line("")
        Terminal.paragraph(ProtocolDescription.targetLine(report.summary))
        for line in report.verdictLines { Terminal.paragraph(line) }
        for note in VerdictLine.notes(report.summary) { Terminal.paragraph("note: " + note) }
        if let note = ProtocolDescription(report).note { Terminal.paragraph("note: " + note) }
        for warning in report.warnings { Terminal.paragraph("note: " + warning) }
        Terminal.line("wrote \(written.joined(separator: ", ")) in " + DurationText.format(Date().timeIntervalSince(started)))
    }

    private func write(_ text: String, to path: String, flag: String) throws {
        try write(Data(text.utf8), to: path, flag: flag)
    }

    private func write(_ data: Data, to path: String, flag: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError("\(flag) \(path): the folder \(folder) does not exist. Create it first")
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError("\(flag) \(path): cannot write the file (\((error as NSError).localizedDescription))")
        }
    }
}
