/// The per-variant summary table shared by the HTML and Markdown reports: final accuracy (mean ± sd with
/// its 95% CI), the difference to the baseline with Welch's p, epochs and seconds to the target (censored
/// medians, with "not reached in k of N"), speed-ups with bootstrap CIs, cost per epoch and smoothness.
public struct SummaryTable: Sendable {
    public struct Column: Sendable {
        public let title: String
        /// What the column means, for a tooltip or a legend.
        public let help: String
    }

    /// One cell: its main value and an optional detail line (an interval, a p-value, a censoring count).
    public struct Cell: Sendable, Equatable {
        public let main: String
        public let detail: String?
        /// A result worth pointing at: a significant difference or a speed-up whose CI excludes 1.
        public let emphasis: Bool

        public init(_ main: String, detail: String? = nil, emphasis: Bool = false) {
            self.main = main
            self.detail = detail
            self.emphasis = emphasis
        }

        /// Both parts on one line: "89.1 ± 0.3% (95% CI 88.3–89.9%)".
        public var text: String { detail.map { "\(main) (\($0))" } ?? main }
    }

    public let columns: [Column]
    /// One row of cells per variant, in report order.
    public let rows: [[Cell]]

    public init(_ report: ExperimentReport) {
        let target = ReportFormat.target(report.spec.targetAccuracy)
        columns = [
            Column(title: "variant", help: "Variant name; the baseline is listed first."),
            Column(title: "runs", help: "Finished or diverged runs used in the statistics, of the seeds planned."),
            Column(title: "final accuracy",
                   help: "Last epoch's validation accuracy: mean ± sample sd over seeds, and the Student-t 95% CI of the mean."),
            Column(title: "vs baseline",
                   help: "Mean difference to the baseline in percentage points, and Welch's two-sided t-test p-value."),
            Column(title: "epochs to \(target)",
                   help: "Median epochs to reach the target; runs that never reach it count as infinitely long."),
            Column(title: "seconds to \(target)", help: "Median wall-clock seconds to reach the target, same rule."),
            Column(title: "speed-up (time)",
                   help: "mean(baseline seconds) / mean(variant seconds) to the target with its 95% bootstrap CI; "
                       + "only when every run of both reached the target. Above 1: the variant is faster."),
            Column(title: "speed-up (epochs)", help: "The same ratio in epochs."),
            Column(title: "s / epoch", help: "Mean ± sd wall-clock seconds per epoch (training and validation)."),
            Column(title: "smoothness",
                   help: "Mean relative step-to-step change of the training loss (lower is smoother), and its excess: "
                       + "movement that is not net progress, per epoch (0 for a monotone curve)."),
        ]
        rows = report.variants.map { SummaryTable.row($0, report: report) }
    }

    static func row(_ variant: VariantReport, report: ExperimentReport) -> [Cell] {
        let s = variant.statistics
        let planned = report.spec.seeds.count
        let accuracy = s.finalAccuracy
        var difference = Cell("–")
        if let delta = variant.verdict?.accuracyDifference {
            let points = ReportFormat.fixed(delta * 100, 1)
            let test = variant.verdict?.accuracyTest
            difference = Cell((points.hasPrefix("-") ? "−" + points.dropFirst() : "+" + points) + " pts",
                              detail: test.map { "p " + ($0.pValue < 0.001 ? "< 0.001" : "= " + ReportFormat.pValue($0.pValue)) },
                              emphasis: (test?.pValue ?? 1) < 0.05)
        }
        return [
            Cell(variant.name, detail: variant.isBaseline ? "baseline" : nil),
            Cell(s.runs == planned ? "\(s.runs)" : "\(s.runs) of \(planned)", detail: s.diverged > 0 ? "\(s.diverged) diverged" : nil),
            Cell(ReportFormat.percentMeanSD(accuracy),
                 detail: accuracy?.confidenceInterval.map { "95% CI " + ReportFormat.percentInterval($0) }),
            difference,
            reach(s.timeToTarget, s.timeToTarget.medianEpochs, decimals: 0),
            reach(s.timeToTarget, s.timeToTarget.medianSeconds, decimals: 1),
            speedup(variant.speedupSeconds),
            speedup(variant.speedupEpochs),
            Cell(variant.secondsPerEpoch.map { summary in
                ReportFormat.fixed(summary.mean, 2) + (summary.standardDeviation.map { " ± " + ReportFormat.fixed($0, 2) } ?? "")
            } ?? "–"),
            s.smoothness.map { Cell(ReportFormat.percent($0.meanRelativeChange), detail: "excess " + ReportFormat.fixed($0.excessVariation, 4)) }
                ?? Cell("–"),
        ]
    }

    /// "6", "6" with "not reached in 1 of 5", or "not reached" with "in 3 of 5".
    static func reach(_ summary: TargetSummary, _ median: CensoredMedian, decimals: Int) -> Cell {
        guard summary.runs > 0 else { return Cell("–") }
        switch median {
        case .notReached:
            return Cell("not reached", detail: "in \(summary.notReached) of \(summary.runs)")
        case .value:
            let value = ReportFormat.median(median, decimals: decimals, unit: "")
            return Cell(value, detail: summary.notReached == 0 ? nil : "not reached in \(summary.notReached) of \(summary.runs)")
        }
    }

    /// "1.31×" with "95% CI 1.10–1.52".
    static func speedup(_ interval: BootstrapInterval?) -> Cell {
        guard let interval else { return Cell("–") }
        return Cell("\(ReportFormat.fixed(interval.estimate, 2))×",
                    detail: "95% CI \(ReportFormat.fixed(interval.interval.lowerBound, 2))–\(ReportFormat.fixed(interval.interval.upperBound, 2))",
                    emphasis: !interval.interval.contains(1))
    }
}
