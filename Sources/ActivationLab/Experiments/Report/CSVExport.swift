/// The CSV exports (RFC 4180 quoting: comma-separated, lines end in `\n`, fields with a comma, quote or
/// line break quoted, quotes doubled): one row per run × epoch (`text`), and one row per run × step
/// evaluation (`evaluationsText`). Each file holds one kind of observation, so it loads straight into a
/// data frame; both carry the run's `kind` (evaluation, tuning, pilot) to filter on.
///
/// Epoch columns: `experiment, variant, seed, run_id, kind, status, epoch, train_loss, val_loss, val_accuracy,
/// val_cross_entropy, seconds, elapsed_seconds, learning_rate, gradient_norm, clamp_events`, then the
/// per-layer diagnostics flattened, for each activation-layer position i = 1, 2, …:
/// `layer<i>_name, layer<i>_units, layer<i>_saturated_fraction, layer<i>_dead_units, layer<i>_gradient_norm`
/// and `layer<i>_<key>` for every `extra` key seen at that position (sorted). Cells a row does not have
/// (a shallower network, a counter another technique records) are empty. Numbers are written in the
/// shortest form that reads back to the same Double; NaN and ±∞ as `nan`, `inf`, `-inf`.
public enum CSVExport {
    public static let metricColumns = [
        "epoch", "train_loss", "val_loss", "val_accuracy", "val_cross_entropy", "seconds", "elapsed_seconds",
        "learning_rate", "gradient_norm", "clamp_events",
    ]

    /// The CSV text of `report`'s rows.
    public static func text(_ report: ExperimentReport) -> String {
        text(report.records)
    }

    /// The CSV text of `records`.
    public static func text(_ records: [EpochRecord]) -> String {
        let layerCount = records.map(\.metrics.layers.count).max() ?? 0
        var extraKeys = Array(repeating: Set<String>(), count: layerCount)
        for record in records {
            for (i, layer) in record.metrics.layers.enumerated() { extraKeys[i].formUnion(layer.extra.keys) }
        }
        let extras = extraKeys.map { $0.sorted() }
        var header = ["experiment", "variant", "seed", "run_id", "kind", "status"] + metricColumns
        for i in 0..<layerCount {
            let prefix = "layer\(i + 1)_"
            header += ["name", "units", "saturated_fraction", "dead_units", "gradient_norm"].map { prefix + $0 }
            header += extras[i].map { prefix + $0 }
        }
        var lines = [header.map(field).joined(separator: ",")]
        lines.reserveCapacity(records.count + 1)
        let x = ReportFormat.exact
        for record in records {
            let m = record.metrics
            var row = [field(record.experiment), field(record.variant), String(record.seed), String(record.runID),
                       record.kind.rawValue, record.status.rawValue, String(m.epoch), x(m.trainLoss), x(m.validationLoss),
                       x(m.validationAccuracy), x(m.validationCrossEntropy), x(m.seconds), x(m.elapsedSeconds),
                       x(m.learningRate), x(m.gradientNorm), String(m.clampEvents)]
            for i in 0..<layerCount {
                guard i < m.layers.count else {
                    row += Array(repeating: "", count: 5 + extras[i].count)
                    continue
                }
                let layer = m.layers[i]
                row += [field(layer.layer), String(layer.units), x(layer.saturatedFraction), String(layer.deadUnits),
                        x(layer.gradientNorm)]
                row += extras[i].map { key in layer.extra[key].map(x) ?? "" }
            }
            lines.append(row.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The columns of `evaluationsText`: the run, its test accuracy (a run-level value, repeated on each of
    /// its rows; empty when not evaluated), then the `EvaluationPoint` fields.
    public static let evaluationColumns = [
        "experiment", "variant", "seed", "run_id", "kind", "status", "test_accuracy",
        "step", "epoch", "val_accuracy", "val_loss", "elapsed_seconds",
    ]

    /// One row per run × step evaluation of `report`, in run order then step order.
    public static func evaluationsText(_ report: ExperimentReport) -> String {
        let x = ReportFormat.exact
        var lines = [evaluationColumns.joined(separator: ",")]
        for run in report.runs {
            let identity = [field(report.spec.name), field(run.run.cell.variant), String(run.run.cell.seed), String(run.run.id),
                            run.kind.rawValue, run.run.status.rawValue, run.run.testAccuracy.map(x) ?? ""]
            for point in run.evaluations {
                lines.append((identity + [String(point.step), String(point.epoch), x(point.validationAccuracy),
                                          x(point.validationLoss), x(point.elapsedSeconds)]).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when it contains a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
