import Foundation
import Testing
@testable import ActivationLab

/// Stores written before the protocol still render: epochs instead of steps, validation instead of test
/// accuracy, no tuning, and the report says so.
@Suite struct OldStoreReportTests {
    @Test func aSchemaV1StoreRendersInEpochsOnValidationAccuracy() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("v1.sqlite")
        try V1StoreFixture.write(to: path, runningOwner: RunStoreMigrationTests.deadOwner)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let store = try RunStore(path: path, readOnly: true)
        let experiment = try #require(try store.experiment(named: V1StoreFixture.experimentName))
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        #expect(report.protocolRecord == nil)
        #expect(report.summary == (try ComparisonSummary(store: store, experiment: experiment)))
        #expect(report.summary.speedUnit == "epochs" && report.summary.accuracyMeasure == "validation")
        #expect(report.summary.targetSource == "fixed" && report.summary.tuning == "none" && report.targetAccuracy == 0.5)
        let relu = try #require(report.variant(named: "relu"))
        // Final validation accuracy 0.7; the target 0.5 is reached in epoch 1.
        #expect(relu.summary.testAccuracy?.mean == 0.7 && relu.summary.medianTimeToTarget == 1)
        #expect(relu.seedResults == [VariantReport.SeedResult(seed: 1, accuracy: 0.7, time: .reached(1), diverged: false)])
        #expect(report.verdictLines == ["tanh vs relu — accuracy inconclusive (no runs to compare) · speed inconclusive"])
        #expect(report.warnings.first?.hasPrefix("1 run is still running and left out: tanh/seed 1") == true)

        let note = try #require(ProtocolDescription(report).note)
        #expect(note.contains("no protocol was stored") && note.contains("whole epochs") && note.contains("final validation accuracy"))
        let html = HTMLReport.html(report)
        #expect(html.contains(Markup.escape(note)))
        #expect(html.contains(">validation acc %</th>") && html.contains(">epochs→50.0%</th>"))
        #expect(html.contains("id=\"accuracy-epoch\"") && !html.contains("id=\"tuning\""))
        #expect(html.contains("Final validation accuracy per seed"))
        for svg in svgElements(html) { #expect(reportIsWellFormedXML(svg), "\(svg.prefix(160))") }
        let markdown = MarkdownReport.text(report)
        #expect(markdown.contains(SummaryColumns.markdown(report.summary)) && !markdown.contains("## Tuning trials"))
        _ = try JSONExport.data(report)
        _ = CSVExport.evaluationsText(report)
        // Reading never touches the file.
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func aStoreWithoutStepEvaluationsDrawsAccuracyByEpoch() throws {
        var synthetic = SyntheticExperiment()
        synthetic.protocolEra = false
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(synthetic, in: folder)
        #expect(report.summary.speedUnit == "epochs" && report.summary.accuracyMeasure == "validation")
        #expect(report.summary.restriction == 10 && report.protocolRuns.isEmpty)
        let tanh = try #require(report.variant(named: "tanh abg"))
        #expect(tanh.summary.reachedTarget == 0 && tanh.seedResults.allSatisfy { $0.time == .censored(10) })
        let relu = try #require(report.variant(named: "relu"))
        #expect(relu.accuracyByProgress == relu.accuracyByEpoch)
        let charts = ReportCharts(report)
        #expect(charts.accuracyByProgress.id == "accuracy-epoch" && charts.timeToTarget.title == "Epochs to 87% validation accuracy")
        #expect(charts.tunedDimensions.isEmpty)
        let html = HTMLReport.html(report)
        #expect(svgElements(html).count == 4 + 2 + 3 + 10)
        #expect(ProtocolDescription(report).note?.contains("no protocol was stored") == true)
    }
}
