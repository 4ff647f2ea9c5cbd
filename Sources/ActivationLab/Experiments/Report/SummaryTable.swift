/// The per-variant summary table shared by the HTML and Markdown reports: final accuracy (mean ± sd,
/// 95% CI, difference to the baseline and Welch's p), epochs and seconds to the target (censored
/// medians, with "not reached in k of N"), speed-ups with bootstrap CIs, cost per epoch and smoothness.
public struct SummaryTable: Sendable {
    public struct Column: Sendable {
        /// Group heading spanning adjacent columns ("" for none).
        public let group: String
        public let title: String
        /// What the column means, for a tooltip or a legend.
        public let help: String
    }

    public let columns: [Column]
    /// One row of cells per variant, in report order.
    public let rows: [[String]]

    public init(_ report: ExperimentReport) {
        let target = ReportFormat.target(report.spec.targetAccuracy)
        columns = [
            Column(group: "", title: "variant", help: "Variant name; the baseline is listed first."),
            Column(group: "", title: "runs", help: "Finished or diverged runs used in the statistics (diverged ones counted)."),
            Column(group: "final validation accuracy", title: "mean ± sd",
                   help: "Mean and sample standard deviation over seeds of the last epoch's validation accuracy."),
            Column(group: "final validation accuracy", title: "95% CI", help: "Student-t 95% interval of the mean."),
            Column(group: "final validation accuracy", title: "Δ vs baseline",
                   help: "Mean difference to the baseline in percentage points."),
            Column(group: "final validation accuracy", title: "p", help: "Welch's two-sided t-test against the baseline."),
            Column(group: "to \(target)", title: "epochs",
                   help: "Median epochs to reach the target; runs that never reach it count as infinitely long."),
            Column(group: "to \(target)", title: "seconds", help: "Median wall-clock seconds to reach the target, same rule."),
            Column(group: "speed-up vs baseline", title: "time",
                   help: "mean(baseline seconds) / mean(variant seconds) to the target, 95% bootstrap CI; only when every run of both reached it."),
            Column(group: "speed-up vs baseline", title: "epochs", help: "The same ratio in epochs."),
            Column(group: "", title: "s / epoch", help: "Mean ± sd wall-clock seconds per epoch (training and validation)."),
            Column(group: "loss smoothness", title: "mean |ΔL|/L",
                   help: "Mean relative step-to-step change of the training loss (lower is smoother)."),
            Column(group: "loss smoothness", title: "excess",
                   help: "Movement of the training loss that is not net progress, per epoch (0 for a monotone curve)."),
        ]
        rows = report.variants.map { SummaryTable.row($0, report: report) }
    }

    static func row(_ variant: VariantReport, report: ExperimentReport) -> [String] {
        let s = variant.statistics
        let planned = report.spec.seeds.count
        var runs = s.runs == planned ? "\(s.runs)" : "\(s.runs) of \(planned)"
        if s.diverged > 0 { runs += " (\(s.diverged) diverged)" }
        let accuracy = s.finalAccuracy
        let difference = variant.verdict?.accuracyDifference.map { difference -> String in
            let points = ReportFormat.fixed(difference * 100, 1)
            return (points.hasPrefix("-") ? "−" + points.dropFirst() : "+" + points) + " pts"
        } ?? "–"
        let p = variant.verdict?.accuracyTest.map { ReportFormat.pValue($0.pValue) } ?? "–"
        let smoothness = s.smoothness
        return [
            variant.name + (variant.isBaseline ? " (baseline)" : ""),
            runs,
            ReportFormat.percentMeanSD(accuracy),
            ReportFormat.percentInterval(accuracy?.confidenceInterval),
            difference,
            p,
            reach(s.timeToTarget, s.timeToTarget.medianEpochs, decimals: 0),
            reach(s.timeToTarget, s.timeToTarget.medianSeconds, decimals: 1),
            speedup(variant.speedupSeconds),
            speedup(variant.speedupEpochs),
            variant.secondsPerEpoch.map { summary in
                ReportFormat.fixed(summary.mean, 2) + (summary.standardDeviation.map { " ± " + ReportFormat.fixed($0, 2) } ?? "")
            } ?? "–",
            smoothness.map { ReportFormat.percent($0.meanRelativeChange) } ?? "–",
            smoothness.map { ReportFormat.fixed($0.excessVariation, 4) } ?? "–",
        ]
    }

    /// "6", "6 · not reached in 1 of 5", "not reached in 3 of 5".
    static func reach(_ summary: TargetSummary, _ median: CensoredMedian, decimals: Int) -> String {
        guard summary.runs > 0 else { return "–" }
        let missed = "not reached in \(summary.notReached) of \(summary.runs)"
        switch median {
        case .notReached: return missed
        case .value:
            let value = ReportFormat.median(median, decimals: decimals, unit: "")
            return summary.notReached == 0 ? value : "\(value) · \(missed)"
        }
    }

    /// "1.31× (1.10–1.52)".
    static func speedup(_ interval: BootstrapInterval?) -> String {
        guard let interval else { return "–" }
        return "\(ReportFormat.fixed(interval.estimate, 2))× (\(ReportFormat.fixed(interval.interval.lowerBound, 2))–"
            + "\(ReportFormat.fixed(interval.interval.upperBound, 2)))"
    }
}
