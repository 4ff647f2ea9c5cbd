import Foundation
import Testing
@testable import ActivationLab

/// The Markdown report: the verdict lines, the terminal's summary table, the protocol and the tuning trials.
@Suite struct MarkdownReportTests {
    @Test func markdownHasVerdictsTheSummaryTableAndTheProtocol() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let markdown = MarkdownReport.text(report)
        for line in report.verdictLines { #expect(markdown.contains("- " + MarkdownReport.inline(line))) }
        // For plain names the table is exactly the one SummaryColumns writes.
        #expect(MarkdownReport.table(report.summary) == SummaryColumns.markdown(report.summary))
        #expect(markdown.contains(SummaryColumns.markdown(report.summary)))
        let summaryLines = markdown.components(separatedBy: "## Summary")[1].components(separatedBy: "\n\n")[1]
            .split(separator: "\n")
        #expect(summaryLines.count == 2 + 4)
        let columns = SummaryColumns.headers(report.summary).count
        for line in summaryLines {
            // Cell separators are the pipes not escaped with a backslash.
            let separators = zip(" " + line, line).filter { $0.1 == "|" && $0.0 != "\\" }.count
            #expect(separators == columns + 1)
        }
        #expect(markdown.contains("### More numbers per variant") && markdown.contains("loss roughness"))
        for item in ProtocolDescription(report).items {
            #expect(markdown.contains("- **\(item.label)**: \(MarkdownReport.inline(item.value))"))
        }
        #expect(markdown.contains("## Tuning trials") && markdown.contains("- **linear-exp** (lr): "))
        #expect(markdown.contains("0.178 diverged"))
        #expect(markdown.contains(" ✓ "))
        #expect(markdown.contains("## Interpretations") && !markdown.lowercased().contains("smoothness"))
    }

    @Test func aPipeInAVariantNameDoesNotBreakTheTable() throws {
        var experiment = SyntheticExperiment()
        experiment.variants = Array(experiment.variants.prefix(2))
        experiment.variants[1].name = "a|b_*c*"
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(experiment, in: folder)
        let table = MarkdownReport.table(report.summary)
        let row = try #require(table.split(separator: "\n").last)
        #expect(row.hasPrefix("| a\\|b\\_\\*c\\* | "))
        let separators = zip(" " + row, row).filter { $0.1 == "|" && $0.0 != "\\" }.count
        #expect(separators == SummaryColumns.headers(report.summary).count + 1)
    }
}
