import ArgumentParser
import ActivationLab
import Foundation

extension Verdict.Measure: ExpressibleByArgument {}

/// `actlab report`: render one experiment of a run store as a self-contained HTML page, and optionally
/// as Markdown, CSV and JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report (charts, verdicts, statistics) of an experiment in a run store.",
        discussion: """
        The page is self-contained (inline CSS and SVG, nothing loaded from the network): verdict lines, a \
        summary table per variant (mean ± sd, 95% CI, epochs and seconds to the target, speed-up with CI, \
        p-value, smoothness), learning curves against epochs and wall-clock time with ± sd bands and per-seed \
        curves, final accuracy and epochs to target per seed, and per-layer diagnostics. Techniques that are our \
        interpretation of a paper are listed in footnotes. CSV and JSON exports hold every epoch of every run.

        Examples:
          actlab report
          actlab report --store runs.sqlite --experiment heads-mlp --out heads.html
          actlab report --markdown summary.md --csv epochs.csv --json epochs.json
          actlab report --measure epochs
        """
    )

    @Option(help: "The run store to read (opened read-only).")
    var store = RunStore.defaultPath
    @Option(help: "The experiment to report (default: the most recently created one).")
    var experiment: String?
    @Option(help: "Where to write the HTML page.")
    var out = "actlab-report.html"
    @Option(help: "Also write a Markdown summary (verdicts and table) here.")
    var markdown: String?
    @Option(help: "Also write every per-epoch row as CSV here (per-layer diagnostics flattened to columns).")
    var csv: String?
    @Option(help: "Also write every per-epoch row as JSON here (per-layer diagnostics nested).")
    var json: String?
    @Option(help: "What the verdicts' speed-ups measure: seconds (wall clock) or epochs.")
    var measure: Verdict.Measure = .seconds

    func run() throws {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ReportError("--store \(store): no such file; run `actlab compare` first or name the store with --store")
        }
        let runStore = try RunStore(path: store, readOnly: true)
        let experiments = try runStore.experiments()
        let chosen: Experiment
        if let name = experiment {
            guard let found = experiments.first(where: { $0.spec.name == name }) else {
                let names = experiments.map(\.spec.name)
                throw ReportError("--experiment \(name): no such experiment in \(store); "
                    + (names.isEmpty ? "the store has none" : "available: \(names.joined(separator: ", "))"))
            }
            chosen = found
        } else {
            guard let latest = experiments.max(by: { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }) else {
                throw ReportError("\(store) has no experiments yet; run `actlab compare` first")
            }
            chosen = latest
        }

        let started = Date()
        let report = try ExperimentReport.load(from: runStore, experiment: chosen, measure: measure)
        var written: [String] = []
        try write(HTMLReport.html(report), to: out, flag: "--out")
        written.append(out)
        if let markdown {
            try write(MarkdownReport.text(report), to: markdown, flag: "--markdown")
            written.append(markdown)
        }
        if let csv {
            try write(CSVExport.text(report), to: csv, flag: "--csv")
            written.append(csv)
        }
        if let json {
            try write(JSONExport.data(report), to: json, flag: "--json")
            written.append(json)
        }

        print("\(chosen.spec.name): \(report.variants.count) variants, \(report.runs.count) runs")
        for line in report.verdictLines { print("  " + line) }
        for warning in report.warnings { print("  note: " + warning) }
        print("wrote \(written.joined(separator: ", ")) in " + String(format: "%.2f s", Date().timeIntervalSince(started)))
    }

    private func write(_ text: String, to path: String, flag: String) throws {
        try write(Data(text.utf8), to: path, flag: flag)
    }

    private func write(_ data: Data, to path: String, flag: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError("\(flag) \(path): the folder \(folder) does not exist")
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ReportError("\(flag) \(path): cannot write the file (\((error as NSError).localizedDescription))")
        }
    }
}
