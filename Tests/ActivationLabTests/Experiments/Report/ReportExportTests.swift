import Foundation
import Testing
@testable import ActivationLab

/// The CSV and JSON exports: every run of every kind, with the kind to filter on, and the step evaluations.
@Suite struct ReportExportTests {
    @Test func csvHasOneRowPerRunEpochWithItsKindAndQuotesFields() throws {
        var experiment = SyntheticExperiment()
        experiment.variants[1].name = "tanh, \"penalized\""
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(experiment, in: folder)
        let text = CSVExport.text(report)
        let rows = parseCSV(text)
        let header = rows[0]
        let evaluationRows = 4 * 3 * 10 - (10 - 6)  // the diverged run stops after epoch 6
        let protocolRows = report.protocolRuns.map(\.epochs.count).reduce(0, +)
        #expect(rows.count == 1 + evaluationRows + protocolRows)
        #expect(Array(header.prefix(16)) == ["experiment", "variant", "seed", "run_id", "kind", "status"] + CSVExport.metricColumns)
        #expect(header.contains("layer2_gamma_at_cap") && header.contains("layer1_dead_units"))
        for row in rows { #expect(row.count == header.count) }
        let kind = try #require(header.firstIndex(of: "kind"))
        #expect(rows.dropFirst().filter { $0[kind] == "evaluation" }.count == evaluationRows)
        #expect(rows.dropFirst().filter { $0[kind] == "pilot" }.count == 10)
        #expect(Set(rows.dropFirst().map { $0[kind] }) == ["evaluation", "tuning", "pilot"])
        // The awkward name survives quoting and reads back whole (evaluation runs only: trials have other names).
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

    @Test func evaluationsCSVHasOneRowPerRunStepWithTheTestAccuracy() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let rows = parseCSV(CSVExport.evaluationsText(report))
        #expect(rows[0] == CSVExport.evaluationColumns)
        #expect(rows.count == 1 + report.runs.map(\.evaluations.count).reduce(0, +))
        for row in rows { #expect(row.count == CSVExport.evaluationColumns.count) }
        let run = try #require(report.variant(named: "relu")?.runs.first)
        let mine = rows.filter { $0[3] == String(run.run.id) }
        #expect(mine.count == 80 && mine.map { Int($0[7])! } == run.evaluations.map(\.step))
        #expect(mine.allSatisfy { $0[4] == "evaluation" && Double($0[6]) == run.run.testAccuracy })
        #expect(zip(mine, run.evaluations).allSatisfy { Double($0[9]) == $1.validationAccuracy })
        // A diverged run has no test accuracy: the cell is empty, and its last evaluation's loss is nan.
        let diverged = rows.filter { $0[5] == "diverged" && $0[4] == "evaluation" }
        #expect(!diverged.isEmpty && diverged.allSatisfy { $0[6].isEmpty } && diverged.last?[10] == "nan")
    }

    @Test func jsonRoundTripsWithRunsAndEvaluations() throws {
        let folder = TemporaryDirectory()
        let (report, _) = try syntheticReport(in: folder)
        let data = try JSONExport.data(report)
        let document = try JSONExport.decode(data)
        #expect(document.format == JSONExport.format && document.version == 2)
        #expect(document.rows.count == report.records.count)
        #expect(document.runs.count == report.runs.count && document.evaluations.count == report.evaluationRecords.count)
        #expect(document.experiment.variants == report.spec.variants && document.experiment.seeds == report.spec.seeds)
        #expect(try ProtocolRecord.decode(document.experiment.protocolJSON) == report.protocolRecord)
        #expect(abs(document.experiment.createdAt.timeIntervalSince(report.experiment.createdAt)) < 0.001)
        // NaN ≠ NaN, so compare re-encoded bytes, and the finite rows directly.
        #expect(try JSONExport.encoder().encode(document) == data)
        let finite = zip(document.rows, report.records).filter { $0.1.metrics.validationLoss.isFinite }
        for (decoded, original) in finite { #expect(decoded == original) }
        let nanRow = try #require(document.rows.first { $0.status == .diverged && $0.kind == .evaluation && $0.metrics.validationLoss.isNaN })
        #expect(nanRow.variant == "linear-exp" && nanRow.metrics.epoch == 6 && nanRow.metrics.validationCrossEntropy == .infinity)
        // Runs carry kind, test accuracy and steps; the evaluation runs' match the store.
        let relu = try #require(document.runs.first { $0.variant == "relu" && $0.seed == 1 })
        let stored = try #require(report.runs.first { $0.run.cell == Cell(variant: "relu", seed: 1) })
        #expect(relu.kind == .evaluation && relu.testAccuracy == stored.run.testAccuracy && relu.stepBudget == 400)
        #expect(relu.configuration == stored.run.configuration)
        #expect(document.runs.filter { $0.kind == .tuning }.count == 24 && document.runs.filter { $0.kind == .pilot }.count == 1)
        // Rows and evaluations are flat objects: run identity next to the metric keys.
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let row = try #require((object["rows"] as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["experiment", "variant", "seed", "run_id", "kind", "status", "epoch", "train_loss", "val_loss",
                                  "val_accuracy", "val_cross_entropy", "seconds", "elapsed_seconds", "learning_rate",
                                  "gradient_norm", "clamp_events", "layers"])
        let evaluation = try #require((object["evaluations"] as? [[String: Any]])?.first)
        #expect(Set(evaluation.keys) == ["experiment", "variant", "seed", "run_id", "kind", "status", "step", "epoch",
                                         "val_accuracy", "val_loss", "elapsed_seconds"])
    }

    @Test func aVersion1ExportStillDecodes() throws {
        let folder = TemporaryDirectory()
        var experiment = SyntheticExperiment()
        experiment.protocolEra = false
        let (report, _) = try syntheticReport(experiment, in: folder)
        // A version-1 file: no runs, evaluations, kinds or protocol.
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONExport.data(report)) as? [String: Any])
        object["version"] = 1
        object["runs"] = nil
        object["evaluations"] = nil
        var header = try #require(object["experiment"] as? [String: Any])
        header["protocol"] = nil
        object["experiment"] = header
        object["rows"] = (object["rows"] as? [[String: Any]])?.map { row in row.filter { $0.key != "kind" } }
        let document = try JSONExport.decode(try JSONSerialization.data(withJSONObject: object))
        #expect(document.version == 1 && document.runs.isEmpty && document.evaluations.isEmpty)
        #expect(document.experiment.protocolJSON == "{}")
        #expect(document.rows.count == report.records.count && document.rows.allSatisfy { $0.kind == .evaluation })
    }
}
