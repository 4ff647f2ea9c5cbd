import Foundation
import Testing
@testable import ActivationLab

@Suite struct ReproductionReportsTests {
    /// A planned comparison whose experiment is called `name` in the store.
    static func planned(_ label: String, experiment name: String) throws -> PlannedComparison {
        var comparison = try Comparison(name: name, base: TrainingConfiguration(), baseline: "relu", variants: ["tanh"],
                                        seeds: [1], targetAccuracy: 0.8)
        comparison.name = name
        return PlannedComparison(label: label, description: label, comparison: comparison)
    }

    /// One page per comparison that has runs, named `<paper>-<label>.html`, the same page `HTMLReport` makes.
    @Test func writesOneReportPerStoredComparison() throws {
        let folder = TemporaryDirectory()
        let experiment = SyntheticExperiment()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        let stored = try experiment.fill(store)
        let comparisons = [try Self.planned("mlp", experiment: experiment.name),
                           try Self.planned("cnn", experiment: "never started")]
        let written = try ReproductionReports.write(comparisons, paper: .xu, store: store, to: folder.url.path)
        #expect(written == ["xu-mlp.html"])
        let page = try String(contentsOfFile: folder.path("xu-mlp.html"), encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<title>\(stored.spec.name) · ActivationLab report</title>"))
        #expect(ReproductionReports.existing(paper: .xu, in: folder.url.path) == ["xu-mlp.html"])
    }

    @Test func existingListsThePapersReportsOnly() throws {
        let folder = TemporaryDirectory()
        for name in ["xu-b.html", "xu-a.html", "xu.html", "xu-a.md", "su-a.html"] { try folder.write(name, text: "") }
        #expect(ReproductionReports.existing(paper: .xu, in: folder.url.path) == ["xu-a.html", "xu-b.html"])
        #expect(ReproductionReports.existing(paper: .oland, in: folder.path("missing")).isEmpty)
        #expect(ReproductionReports.fileName(paper: .su, comparison: "gates") == "su-gates.html")
    }

    /// A file that cannot be written names its path, so the CLI can prefix the flag that gave the directory.
    @Test func anUnwritableDirectoryIsAReportFileError() throws {
        let folder = TemporaryDirectory()
        let experiment = SyntheticExperiment()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        try experiment.fill(store)
        let missing = folder.path("missing")
        #expect {
            try ReproductionReports.write([try Self.planned("mlp", experiment: experiment.name)], paper: .xu,
                                          store: store, to: missing)
        } throws: { error in
            guard case let .cannotWrite(path, _) = error as? ReportFileError else { return false }
            return path == missing + "/xu-mlp.html" && "\(error)".hasPrefix("cannot write \(missing)/xu-mlp.html: ")
        }
    }
}
