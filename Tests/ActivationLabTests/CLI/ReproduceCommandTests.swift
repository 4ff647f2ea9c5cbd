import Foundation
import Testing
@testable import ActivationLab

@Suite struct ReproduceCommandTests {
    @Test func unknownPaperAndBadOptionsAreOneLineErrorsThatTouchNothing() throws {
        let directory = TemporaryDirectory()
        let paper = try ActlabProcess.run(["reproduce", "hinton", "--quick"], in: directory.url)
        #expect(paper.status != 0)
        // The paper is a choice: the one-line error lists every paper and `all`.
        #expect(paper.standardError == "actlab reproduce: <paper>: 'hinton' is not valid. "
                + "Use one of oland, vatanen, su, xu, williams, all. See 'actlab reproduce --help'\n")
        let seeds = try ActlabProcess.run(["reproduce", "xu", "--seeds", "0"], in: directory.url)
        #expect(seeds.status != 0)
        #expect(seeds.standardError.contains("--seeds: must be in 1...\(OptionLimits.seeds), got 0"))
        let data = try ActlabProcess.run(["reproduce", "xu", "--quick", "--dataset", "idx:/nonexistent"], in: directory.url)
        #expect(data.status != 0)
        #expect(data.standardError.contains("/nonexistent"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(left.isEmpty, "files left behind: \(left)")
    }

    /// A quick run refuses to replace a full run's document (it overwrote the committed docs/reproductions/xu.*).
    @Test func aQuickRunNeverReplacesAFullRunsDocument() throws {
        let directory = TemporaryDirectory()
        let full = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../docs/reproductions/xu.json").standardized
        let docs = directory.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: full, to: docs.appendingPathComponent("xu.json"))
        let output = try ActlabProcess.run(["reproduce", "xu", "--quick", "--dataset", "sample", "--out-dir", "docs",
                                            "--store", directory.path("r.sqlite")], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains("holds a full run's document"), "\(output.standardError)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: docs.path) == ["xu.json"])
        #expect(!FileManager.default.fileExists(atPath: directory.path("r.sqlite")))
    }

    /// An unusable `--out-dir` stops the command before any training, not after it.
    @Test func unusableOutputDirectoryIsRefusedBeforeTraining() throws {
        let directory = TemporaryDirectory()
        try Data().write(to: directory.url.appendingPathComponent("notes"))
        let nested = try ActlabProcess.run(["reproduce", "xu", "--quick", "--dataset", "sample", "--out-dir", "notes/docs"],
                                           in: directory.url)
        #expect(nested.status != 0)
        #expect(nested.standardError.contains("--out-dir: cannot create notes/docs: notes is a file"))
        let file = try ActlabProcess.run(["reproduce", "xu", "--quick", "--dataset", "sample", "--out-dir", "notes"],
                                         in: directory.url)
        #expect(file.status != 0)
        #expect(file.standardError.contains("--out-dir: notes is a file, not a directory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["notes"])
    }

    /// `--render-only` rewrites the documents from `<paper>.json` alone, keeping the run's numbers and header.
    @Test func renderOnlyRewritesDocumentsFromTheStoredResult() throws {
        let directory = TemporaryDirectory()
        let missing = try ActlabProcess.run(["reproduce", "xu", "--render-only", "--out-dir", "docs"], in: directory.url)
        #expect(missing.status != 0)
        #expect(missing.standardError.contains("docs/xu.json not found. Run `actlab reproduce xu` first"))

        let docs = directory.url.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        let measurements = [ReproductionMeasurement(key: "m", label: "a measurement", estimate: 2, low: 1.5, high: 2.5,
                                                    method: "bootstrap", count: 5)]
        let analysis = ReproductionAnalysis(setup: ["setup"], interpretations: [], tables: [], measurements: measurements,
                                            rule: .above("m", 1), findings: [], summary: "m 2 [1.5, 2.5]")
        let result = ReproductionResult(paper: .xu, claim: XuReproduction().claim, command: "actlab reproduce xu",
                                        date: Date(timeIntervalSince1970: 0), commit: "abc1234", cores: 2,
                                        scale: .quick(dataset: "sample"), seconds: 12, analysis: analysis)
        try result.json().write(to: docs.appendingPathComponent("xu.json"))
        let rendered = try ActlabProcess.run(["reproduce", "all", "--render-only", "--out-dir", "docs"], in: directory.url)
        #expect(rendered.status == 0, "\(rendered.standardError)")
        let markdown = try String(contentsOf: docs.appendingPathComponent("xu.md"), encoding: .utf8)
        #expect(markdown.contains("| commit | abc1234 |"))
        #expect(markdown.contains("| verdict | **supported** |"))
        #expect(FileManager.default.fileExists(atPath: docs.appendingPathComponent("xu.html").path))
        #expect(FileManager.default.fileExists(atPath: docs.appendingPathComponent("README.md").path))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("actlab-reproductions.sqlite").path))
    }
}
