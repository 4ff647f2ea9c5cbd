import ActivationLab
import Foundation

/// The terminal summary at the end of `actlab compare`: one row per variant, then the verdict lines.
enum ComparisonTable {
    static func render(_ statistics: [VariantStatistics], baseline: String, target: Double) -> String {
        guard let base = statistics.first(where: { $0.name == baseline }) else { return "no runs stored yet" }
        let header = ["variant", "runs", "final acc (mean ± sd)", "95% CI", "epochs→\(percent(target))",
                      "seconds→\(percent(target))", "loss smoothness"]
        var rows = [header]
        for variant in statistics {
            let accuracy = variant.finalAccuracy
            rows.append([
                variant.name,
                "\(variant.runs)" + (variant.diverged > 0 ? " (\(variant.diverged) diverged)" : ""),
                accuracy.map { percent($0.mean) + ($0.standardDeviation.map { " ± " + String(format: "%.2f", 100 * $0) } ?? "") } ?? "—",
                accuracy?.confidenceInterval.map { "\(percent(max($0.lowerBound, 0)))–\(percent(min($0.upperBound, 1)))" } ?? "—",
                median(variant.timeToTarget.medianEpochs, variant.timeToTarget, format: "%.0f"),
                median(variant.timeToTarget.medianSeconds, variant.timeToTarget, format: "%.1f s"),
                variant.smoothness.map { String(format: "%.4f", $0.meanAbsoluteChange) } ?? "—",
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        lines.insert(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "), at: 1)
        lines.append("")
        lines.append(Verdict.baselineLine(base))
        for variant in statistics where variant.name != baseline {
            lines.append(Verdict(variant, against: base).text)
        }
        return lines.joined(separator: "\n")
    }

    private static func percent(_ value: Double) -> String { String(format: "%.1f%%", 100 * value) }

    private static func median(_ median: CensoredMedian, _ summary: TargetSummary, format: String) -> String {
        let note = summary.notReached > 0 ? " (not reached in \(summary.notReached) of \(summary.runs))" : ""
        switch median {
        case let .value(value): return String(format: format, value) + note
        case .notReached: return "not reached in \(summary.notReached) of \(summary.runs)"
        }
    }
}
