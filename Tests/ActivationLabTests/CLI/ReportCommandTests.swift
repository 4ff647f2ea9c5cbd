import Foundation
import Testing
@testable import ActivationLab

/// `actlab report` end to end on a store `actlab compare` wrote: the summary JSON has the documented keys
/// and verdict strings, and the terminal shows exactly the table and verdict lines `compare` ended with.
@Suite(.serialized) struct ReportCommandTests {
    /// A tiny tuned comparison of the default variants on the bundled sample (a few seconds).
    static let compare = ["compare", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "400",
                          "--seeds", "2", "--epochs", "2", "--tune-budget", "2", "--target-accuracy", "0.5",
                          "--threads", "1", "--report", ""]

    /// The lines from the summary table's header to the last verdict line.
    static func summaryLines(_ output: String) -> [String] {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("variant ") }),
              let end = lines.lastIndex(where: { $0.contains(" vs ") && $0.contains(" — accuracy ") }) else { return [] }
        return Array(lines[start...end])
    }

    @Test func summaryJSONAndTerminalMatchWhatCompareComputed() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        // A terminal wide enough for one line per variant and per verdict, so lines can be counted.
        let wide = ["COLUMNS": "400"]
        let compared = try ActlabProcess.run(Self.compare + ["--store", store], in: directory.url, environment: wide)
        #expect(compared.status == 0, "\(compared.standardError)")

        let output = try ActlabProcess.run(["report", "--store", store, "--out", directory.path("report.html"),
                                            "--summary-json", directory.path("summary.json"), "--markdown", directory.path("report.md"),
                                            "--csv", directory.path("epochs.csv"), "--evaluations-csv", directory.path("evaluations.csv"),
                                            "--json", directory.path("runs.json")], in: directory.url, environment: wide)
        #expect(output.status == 0, "\(output.standardError)")
        // The same table, target line and verdict lines as compare printed at its end.
        let fromCompare = Self.summaryLines(compared.standardOutput), fromReport = Self.summaryLines(output.standardOutput)
        #expect(fromCompare.count == 2 + 5 + 1 + 1 + 1 + 4)
        #expect(fromReport == fromCompare)
        for name in ["report.html", "report.md", "epochs.csv", "evaluations.csv", "runs.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.path(name)), "\(name) missing")
        }

        let data = try Data(contentsOf: URL(fileURLWithPath: directory.path("summary.json")))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["target_accuracy"] as? Double == 0.5)
        #expect((object["experiment"] as? String)?.hasPrefix("sample/mlp:784-16-10: relu vs tanh") == true)
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.map { $0["name"] as? String ?? "" } == [ComparisonDefaults.baseline] + ComparisonDefaults.variants)
        for variant in variants {
            for key in ["name", "baseline", "runs", "learning_rate", "test_accuracy", "accuracy_delta", "speedup_steps",
                        "speedup_seconds", "verdict_accuracy", "verdict_speed", "seeds_to_decide"] {
                #expect(variant.keys.contains(key), "\(key) missing")
            }
            #expect(variant["runs"] as? Int == 2 && (variant["learning_rate"] as? Double ?? 0) > 0)
            #expect(Set((variant["test_accuracy"] as? [String: Any])?.keys.map { $0 } ?? []) == ["mean", "ci_low", "ci_high"])
        }
        let baseline = variants[0]
        #expect(baseline["baseline"] as? Bool == true)
        for key in ["accuracy_delta", "speedup_steps", "speedup_seconds", "verdict_accuracy", "verdict_speed"] {
            #expect(baseline[key] is NSNull, "the baseline's \(key) must be null")
        }
        for variant in variants.dropFirst() {
            #expect(variant["baseline"] as? Bool == false)
            #expect(["better", "worse", "equivalent", "inconclusive"].contains(variant["verdict_accuracy"] as? String ?? ""))
            #expect(["faster", "slower", "equivalent", "inconclusive"].contains(variant["verdict_speed"] as? String ?? ""))
            let delta = try #require(variant["accuracy_delta"] as? [String: Any])
            #expect(Set(delta.keys) == ["estimate", "ci_low", "ci_high", "p", "p_holm"])
            let speedup = try #require(variant["speedup_steps"] as? [String: Any])
            #expect(Set(speedup.keys) == ["estimate", "ci_low", "ci_high", "p", "p_holm"])
            #expect(variant["speedup_seconds"] is [String: Any])  // step costs were measured
        }
        // Pretty-printed with sorted keys, and exactly the summary of the store.
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"accuracy_margin\""))
        let runStore = try RunStore(path: store, readOnly: true)
        let experiment = try #require(try runStore.experiments().first)
        let summary = try ComparisonSummary(store: runStore, experiment: experiment)
        #expect(try ComparisonSummary.decode(data) == summary)
    }

    @Test func theOldMeasureFlagIsAcceptedAndIgnored() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let compared = try ActlabProcess.run(Self.compare + ["--store", store, "--variants", "tanh", "--tune", "none"], in: directory.url)
        #expect(compared.status == 0, "\(compared.standardError)")
        let output = try ActlabProcess.run(["report", "--store", store, "--out", directory.path("r.html"), "--measure", "epochs"],
                                           in: directory.url)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError.contains("--measure is ignored"))
        #expect(Self.summaryLines(output.standardOutput) == Self.summaryLines(compared.standardOutput))
    }

    @Test func aMissingFolderIsNamedUnderItsFlag() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        _ = try ActlabProcess.run(Self.compare + ["--store", store, "--variants", "tanh", "--tune", "none", "--seeds", "1"],
                                  in: directory.url)
        let output = try ActlabProcess.run(["report", "--store", store, "--out", directory.path("r.html"),
                                            "--summary-json", directory.path("nowhere/summary.json")], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains("--summary-json") && output.standardError.contains("does not exist"))
    }
}
