import Foundation
import Testing
@testable import ActivationLab

/// A tiny Xu reproduction on the bundled sample, run in-process into a temporary store and directory.
@Suite(.serialized) struct ReproductionFixtureTests {
    static let scale = ReproductionScale(
        mode: "fixture", dataset: "sample", seeds: 2, trainLimit: 500, epochs: 2, hidden: 16, deepHidden: 16,
        deepLayers: 6, includeCNN: false, cnnTrainLimit: nil, cnnEpochs: 1, residualTrainLimit: nil, residualEpochs: 1,
        textCorpus: nil, lmVocabulary: 10, lmEntryLimit: nil, lmEpochs: 1, curvatureSeeds: 1, curvatureHidden: [4],
        curvatureSamples: 20, curvatureSteps: 1, curvatureData: "synthetic", tuneBudget: 2)

    /// Rows of the "Measurements the verdict uses" table, parsed back from the Markdown.
    static func parseMeasurements(_ markdown: String) -> [ReproductionMeasurement] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "### Measurements the verdict uses") else { return [] }
        return lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }.compactMap { line -> ReproductionMeasurement? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 9, cells[1].hasPrefix("`") else { return nil }
            return ReproductionMeasurement(key: cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`")), label: cells[2],
                               estimate: Double(cells[3]), low: Double(cells[4]), high: Double(cells[5]),
                               method: cells[6], count: Int(cells[7]) ?? 0)
        }
    }

    /// A command that reuses stored runs says so beside its wall time, which covers only its own work.
    @Test func aRerunSaysItsWallTimeCoversOnlyItself() throws {
        let folder = TemporaryDirectory()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        let runner = ReproductionRunner(store: store, scale: Self.scale, command: "actlab reproduce xu --fixture",
                                        commit: "abc1234", cores: 2)
        let first = try runner.run(XuReproduction())
        let again = try runner.run(XuReproduction())
        let total = try #require(first.runsTrained)
        #expect(total > 0 && first.runsReused == 0 && !first.wallTime.contains("this command"))
        #expect(again.runsTrained == 0 && again.runsReused == total)
        #expect(again.wallTime.hasSuffix("(this command: it trained 0 runs and found \(total) trained by another)"))
        #expect(again.measurements == first.measurements)
        try ReproductionDocument.write(again, to: folder.path("docs"))
        let markdown = try String(contentsOfFile: folder.path("docs/xu.md"), encoding: .utf8)
        #expect(markdown.contains("| wall time | \(again.wallTime) |"))
    }

    @Test func xuFixtureWritesACompleteDocumentWhoseVerdictFollowsItsRule() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reproduce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try RunStore(path: directory.appendingPathComponent("runs.sqlite").path)
        let runner = ReproductionRunner(store: store, scale: Self.scale, command: "actlab reproduce xu --fixture",
                                        commit: "abc1234", cores: 2)
        var cells = 0
        let result = try runner.run(XuReproduction(), onEvent: { event in
            if case .protocolEvent(.sweep(.cellEnded)) = event { cells += 1 }
        })
        let variants = XuReproduction.activations.count
        #expect(cells == variants * 2 * 2 + 1 + variants * 2)  // tuning (2 trials × 2 tuning seeds each), the pilot, 2 seeds each
        let out = directory.appendingPathComponent("docs").path
        try ReproductionDocument.write(result, to: out)

        let markdown = try String(contentsOfFile: out + "/xu.md", encoding: .utf8)
        // Header: exact command, date, commit and cores.
        #expect(markdown.contains("| command | `actlab reproduce xu --fixture` |"))
        #expect(markdown.contains("| commit | abc1234 |"))
        #expect(markdown.contains("| cores | 2 |"))
        let dateLine = markdown.components(separatedBy: "\n").first { $0.hasPrefix("| date | ") }
        #expect(dateLine.flatMap { ISO8601DateFormatter().date(from: String($0.dropFirst(9).dropLast(2))) } != nil)
        // Every section, in order.
        let positions = ReproductionDocument.sections.map { markdown.range(of: "\n" + $0 + "\n")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        // The claim with its quoted source.
        #expect(markdown.contains("> **Claim (paper):**"))
        #expect(markdown.contains("Source: ActivationLab specification, techniques.md §4"))
        // Results with 95% CIs for every variant of the deep network.
        #expect(markdown.contains("test accuracy [95% CI]"))
        for name in XuReproduction.activations.map(\.name) { #expect(markdown.contains("| \(name)")) }

        // The measurements parsed back from the document equal those in the JSON, and the verdict in both
        // is the rule applied to them.
        let json = try ReproductionResult.decode(Data(contentsOf: URL(fileURLWithPath: out + "/xu.json")))
        let parsed = Self.parseMeasurements(markdown)
        #expect(parsed.count == 6)
        #expect(parsed.map(\.key) == json.measurements.map(\.key))
        #expect(parsed.map(\.low) == json.measurements.map(\.low))
        #expect(parsed.map(\.high) == json.measurements.map(\.high))
        #expect(json.rule == XuReproduction().rule(labels: ["deep"]))
        let recomputed = json.rule.outcome(parsed)
        #expect(json.verdict == recomputed)
        #expect(markdown.contains("## Verdict\n\n**\(recomputed.rawValue)** — "))
        #expect(markdown.contains("| verdict | **\(recomputed.rawValue)** |"))
        // The written rule names every key it reads.
        for key in json.rule.keys { #expect(markdown.contains("(`\(key)`)")) }

        // The README table, regenerated from the JSON.
        let readme = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        #expect(readme.contains("[Xu et al. 2016: revised saturated activations](xu.md) ([HTML](xu.html))"))

        // The HTML page: self-contained, the same verdict, one evidence row per leaf of the rule.
        let html = try String(contentsOfFile: out + "/xu.html", encoding: .utf8)
        #expect(html.contains("<span class=\"badge \(ReproductionHTML.outcomeClass(recomputed))\">\(recomputed.rawValue)</span>"))
        #expect(html.components(separatedBy: "<td class=\"plot\">").count - 1 == Set(json.rule.leaves).count)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        for title in ["The claim", "Our setup", "Results", "Measurements the verdict uses", "Interpretations"] {
            #expect(html.contains("<h2>\(title)</h2>"))
        }
        #expect(readme.contains("**\(recomputed.rawValue)**"))
        #expect(readme.contains("`actlab reproduce oland`"))

        // A rerun reuses the stored runs (no cell is trained again) and gives the same measurements.
        var rerunCells = 0
        let again = try runner.run(XuReproduction(), onEvent: { event in
            if case .protocolEvent(.sweep(.cellStarted)) = event { rerunCells += 1 }
        })
        #expect(rerunCells == 0)
        #expect(again.measurements == result.measurements)
    }
}
