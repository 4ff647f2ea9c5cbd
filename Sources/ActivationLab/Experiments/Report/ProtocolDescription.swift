import Foundation

/// How a comparison was run and judged, in words, for the "Protocol" section of the HTML and Markdown
/// reports: the target and how it was set, what speed and accuracy measure, the margins, the tuning plan
/// and budget, the pilot and how step costs were measured. A reader needs these to know what a verdict
/// promises: "faster" means something else in steps restricted to τ than in wall-clock seconds.
///
/// Stores written before the protocol have no record; the section then says which fallbacks the summary
/// used (epochs instead of steps, validation instead of test accuracy, the definition's fixed target).
public struct ProtocolDescription: Sendable {
    public struct Item: Sendable, Equatable {
        public let label: String
        public let value: String
    }

    public let items: [Item]
    /// A sentence on what is missing, for a store written before the protocol or step evaluations.
    public let note: String?

    public init(_ report: ExperimentReport) {
        let summary = report.summary, record = report.protocolRecord
        let settings = record?.settings
        let target = ReportFormat.percent(summary.targetAccuracy, 1)
        var items: [Item] = []
        items.append(Item(label: "target", value: "\(target) validation accuracy, "
            + (record?.targetSource.map { $0 == "fixed" ? "fixed before the runs (--target-accuracy)" : "set by \($0)" }
               ?? "fixed in the experiment's definition")))
        items.append(Item(label: "speed", value: ProtocolDescription.speed(report)))
        items.append(Item(label: "accuracy", value: summary.accuracyMeasure == "test"
            ? "test accuracy at the end of each run's budget; validation accuracy only sets the target and drives tuning"
            : "final validation accuracy: the runs have no test accuracy (stored before test evaluation)"))
        items.append(Item(label: "margins", value: "accuracy differences within ±\(ReportFormat.fixed(summary.accuracyMargin * 100, 1)) points "
            + "and speed-ups within \(ReportFormat.fixed(1 / summary.speedMargin, 3))×–\(ReportFormat.fixed(summary.speedMargin, 2))× "
            + "(±\(ReportFormat.fixed((summary.speedMargin - 1) * 100, 0))%) count as equivalent"))
        items.append(Item(label: "budget", value: "\(report.spec.epochs) epochs per evaluation run"
            + (report.baseline?.configuration.map { ", \($0.schedule) learning-rate schedule" } ?? "")
            + ", seeds \(report.spec.seeds.map(String.init).joined(separator: ", "))"))
        items.append(Item(label: "tuning", value: ProtocolDescription.tuning(settings, summary: summary)))
        if let pilot = report.protocolRuns.first(where: { $0.kind == .pilot }) {
            let best = (pilot.evaluations.map(\.validationAccuracy) + pilot.epochs.map(\.validationAccuracy)).filter(\.isFinite).max()
            items.append(Item(label: "pilot", value: "\(pilot.run.cell.variant) on seed \(pilot.run.cell.seed): \(pilot.run.status.rawValue)"
                + (best.map { ", best validation accuracy \(ReportFormat.percent($0, 2))" } ?? "")))
        }
        items.append(Item(label: "step cost", value: record?.stepCostMethod.map { "seconds per training step: \($0)" }
            ?? "not measured; speed-ups in seconds are not available"))
        self.items = items

        var missing: [String] = []
        if record == nil { missing.append("no protocol was stored (no tuning, no pilot, no step-cost benchmark)") }
        if summary.speedUnit == "epochs" { missing.append("speed is in whole epochs, as no step evaluations were stored") }
        if summary.accuracyMeasure == "validation" { missing.append("accuracy is the final validation accuracy, as no test accuracy was stored") }
        note = missing.isEmpty ? nil
            : "This experiment was stored by an older version or as a plain sweep: " + missing.joined(separator: "; ") + "."
    }

    /// The line `compare` prints above its verdicts: target, how it was set, and the margins.
    public static func targetLine(_ summary: ComparisonSummary) -> String {
        "target \(VerdictLine.percent(summary.targetAccuracy)) (\(summary.targetSource)); "
            + "margins ±\(String(format: "%g", summary.accuracyMargin * 100)) pts, "
            + "±\(String(format: "%g", (summary.speedMargin - 1) * 100))% speed"
    }

    static func speed(_ report: ExperimentReport) -> String {
        let summary = report.summary
        let tau = summary.restriction.map { "restricted to τ = \(ReportFormat.fixed($0, 0)) \(summary.speedUnit)" }
        guard summary.speedUnit == "steps" else {
            return "epochs to the target (the first epoch whose validation accuracy reaches it)"
                + (tau.map { "; " + $0 + ": a run that never reaches the target counts as τ" } ?? "")
        }
        let interval = ComparisonSummary.evaluationInterval(report.evaluationRuns.filter(\.run.isComplete).map(\.record))
        return "steps to the target (the first validation evaluation at or above it"
            + (interval.map { ", evaluated every \(ReportFormat.fixed($0, 0)) steps" } ?? "") + ")"
            + (tau.map { "; " + $0 + ": a run that never reaches the target counts as τ" } ?? "")
            + "; seconds to target = steps × the measured seconds per step"
    }

    static func tuning(_ settings: ProtocolSettings?, summary: ComparisonSummary) -> String {
        guard let settings else { return "none recorded: every variant ran at its own settings" }
        guard let plan = try? settings.tuningPlan(), !plan.isEmpty else {
            return "none: every variant ran at its own settings"
        }
        let ranges = plan.dimensions.map { d in
            "\(d.key) \(String(format: "%g", d.range.lowerBound))…\(String(format: "%g", d.range.upperBound))"
                + (d.logScale ? " (log-uniform)" : " (uniform)")
        }.joined(separator: ", ")
        let seeds = settings.tuningSeeds.map(String.init).joined(separator: ", ")
        let placement = plan.refines
            ? "\(plan.firstStage) at the same Halton points for every variant, then \(plan.budget - plan.firstStage) around each variant's best of those"
            : "at the same Halton points"
        return "\(ranges); \(settings.tuneBudget) trials per variant, \(placement), "
            + "\(settings.tuneEpochs) epoch\(settings.tuneEpochs == 1 ? "" : "s") each on seed\(settings.tuningSeeds.count == 1 ? "" : "s") \(seeds); "
            + "the best final validation accuracy wins, a diverged trial scores 0"
    }
}
