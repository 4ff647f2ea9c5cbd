import Foundation

/// The summary's secondary numbers per variant, below the main table in the HTML and Markdown reports:
/// the p-values behind the verdicts, the seconds-based figures, loss roughness and the tuned values. All
/// are fields of `VariantSummary` (each column's help names its key in the summary JSON), formatted as the
/// terminal formats the same quantities.
public struct SummaryDetails: Sendable {
    public struct Column: Sendable {
        public let title: String
        public let help: String
    }

    public let columns: [Column]
    /// One row per variant, in the summary's order.
    public let rows: [[String]]

    public init(_ summary: ComparisonSummary) {
        let target = VerdictLine.percent(summary.targetAccuracy)
        columns = [
            Column(title: "variant", help: "Variant name."),
            Column(title: "reached \(target)", help: "Runs that reached the target within the budget, of the complete runs (JSON: reached_target)."),
            Column(title: "wall-clock s→\(target)",
                   help: "Median wall-clock seconds to the target over the runs that reached it (JSON: wall_clock_seconds_to_target); "
                       + "secondary: load on the machine moves it."),
            Column(title: "speed-up, seconds (95% CI)",
                   help: "The speed-up in \(summary.speedUnit) × the ratio of measured seconds per step, baseline ÷ variant (JSON: speedup_seconds)."),
            Column(title: "Holm p acc", help: "Accuracy: Holm-adjusted p across the variants, raw p in brackets (JSON: accuracy_delta.p_holm, .p)."),
            Column(title: "Holm p speed", help: "Speed: Holm-adjusted p across the variants, raw p in brackets (JSON: speedup_steps.p_holm, .p)."),
            Column(title: "method", help: "paired: compared seed by seed; unpaired: Welch, when the runs could not be matched by seed (JSON: method)."),
            Column(title: "seeds to decide",
                   help: "For an inconclusive verdict: seeds that would probably decide it, from the observed paired spread (JSON: seeds_to_decide)."),
            Column(title: "loss roughness",
                   help: "RMS of the second differences of the log training loss per epoch, mean over runs (JSON: loss_roughness): "
                       + "lower is steadier, and a slow steady decline scores as well as a fast one."),
            Column(title: "tuned", help: "The values tuning chose for the variant (JSON: tuned_values)."),
        ]
        rows = summary.variants.map { v in
            [
                v.name,
                "\(v.reachedTarget) of \(v.runs)",
                v.wallClockSecondsToTarget.map(DurationText.format) ?? "—",
                v.speedupSeconds.map {
                    VerdictLine.ratio($0.estimate) + SummaryColumns.range($0.ciLow, $0.ciHigh)
                } ?? "—",
                SummaryDetails.pValues(v.accuracyDelta),
                SummaryDetails.pValues(v.speedupSteps),
                v.method ?? "—",
                v.seedsToDecide ?? "—",
                v.lossRoughness.map { String(format: "%.3f", $0) } ?? "—",
                v.tunedValues.isEmpty ? "—"
                    : v.tunedValues.keys.sorted().map { "\($0)=\(String(format: "%.3g", v.tunedValues[$0]!))" }.joined(separator: ", "),
            ]
        }
    }

    /// "0.016 [0.005]": the Holm-adjusted p with the raw one.
    static func pValues(_ estimate: Estimate?) -> String {
        guard let estimate, let holm = estimate.pHolm else { return "—" }
        return VerdictLine.pValue(holm) + (estimate.p.map { " [" + VerdictLine.pValue($0) + "]" } ?? "")
    }
}
