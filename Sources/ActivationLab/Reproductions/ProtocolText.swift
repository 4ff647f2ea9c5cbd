import Foundation

/// The sentences every reproduction's setup uses to say how its comparisons were run under the protocol:
/// what was tuned and what it chose, which seeds, and how the target was fixed.
enum ProtocolText {
    /// "Every variant tuned with the same budget: …; tuned rates: mlp: relu 0.075, …".
    static func tuning(_ outcomes: [ComparisonOutcome], range: String) -> String {
        guard let settings = outcomes.first?.record?.settings else { return "Not tuned." }
        let plan = try? settings.tuningPlan()
        var text = "Every variant is tuned with the same budget: \(settings.tuneBudget) trials of \(range.replacingOccurrences(of: "=", with: " in ").replacingOccurrences(of: ":", with: "–")) "
            + (plan.map { $0.refines } == true
                ? "(coarse to fine: the first \(plan?.firstStage ?? 0) at the same quasi-random log-scale points for every variant, the rest around each variant's best of those, so a best at the largest or smallest rate tried is followed beyond it)"
                : "(the same quasi-random log-scale points for every variant)")
            + ", each trained for \(settings.tuneEpochs) "
            + "epoch\(settings.tuneEpochs == 1 ? "" : "s") on seed \(settings.tuningSeeds.map(String.init).joined(separator: ", ")) — never an evaluation seed — "
            + "and scored by its final validation accuracy (a diverged trial scores 0)."
        let rates = outcomes.map { o in
            "\(o.planned.label): " + o.planned.comparison.variants.map { v in
                let rate = o.record?.tunedValues[v.name]?["lr"]
                return "\(o.planned.specNames.first { $0.value == v.name }?.key ?? v.name) "
                    + (rate.map { String(format: "%.3g", $0) } ?? "—") + (edge(o, variant: v.name) ? " (edge)" : "")
            }.joined(separator: ", ")
        }
        text += " Tuned learning rates — " + rates.joined(separator: "; ") + "."
        if outcomes.contains(where: { o in o.planned.comparison.variants.contains { edge(o, variant: $0.name) } }) {
            text += " \"(edge)\" marks a rate that is the largest or smallest its trials tried: its optimum may lie beyond it."
        }
        return text
    }

    /// Whether the variant's tuned learning rate is the smallest or largest rate its trials tried.
    static func edge(_ outcome: ComparisonOutcome, variant: String) -> Bool {
        guard let chosen = outcome.record?.tunedValues[variant]?["lr"] else { return false }
        let tried = outcome.runs.filter { $0.kind == .tuning && ComparisonSummary.baseName(of: $0.variant) == variant }
            .compactMap { $0.configuration?.learningRate }
        guard let low = tried.min(), let high = tried.max(), low < high else { return false }
        return chosen <= low || chosen >= high
    }

    /// "Seeds 1–10 per variant, paired …; targets fixed before the evaluation runs: …".
    static func seeds(_ outcomes: [ComparisonOutcome], scale: ReproductionScale) -> String {
        let targets = outcomes.map { o in
            "\(o.planned.label) \(Format.percent(o.target)) (\(o.record?.targetSource ?? "fixed"))"
        }.joined(separator: "; ")
        return "Seeds 1–\(scale.seeds) per variant (the seed fixes initial weights, data order and validation split), so "
            + "every comparison is paired by seed. Speed is counted in optimiser steps to a target validation accuracy "
            + "fixed before any evaluation run: \(targets)."
    }
}
