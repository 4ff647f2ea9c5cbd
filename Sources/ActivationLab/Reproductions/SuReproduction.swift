import Foundation

/// Su, Zhu, Li, "Your Network May Need to Be Rewritten" (arXiv 2405.03712, 2024): baseline vs GA vs HD-FGD
/// vs HD-FGD+SA on an MLP, baseline vs GA on the residual CNN, and the GA equivalence finding.
/// Everything below the paper's abstract is our interpretation.
public struct SuReproduction: Reproduction {
    public init() {}
    public var id: PaperID { .su }

    static let mlpVariants: [PlannedVariant] = [
        PlannedVariant("baseline", "baseline (gelu everywhere)") { $0.activation = "gelu" },
        PlannedVariant("ga", "GA: gelu alternating with its flip partner x − gelu(x)") {
            $0.activation = "gelu"; $0.adversarial = true
        },
        PlannedVariant("hdfgd", "HD-FGD: (W_u z) ⊙ Φ(W_v z), widths matched") {
            $0.activation = "gelu"; $0.hdfgd = true; $0.matchParameters = true
        },
        PlannedVariant("hdfgd-sa", "HD-FGD+SA: alternating with (W_u z) ⊙ (1 − Φ(W_v z))") {
            $0.activation = "gelu"; $0.hdfgd = true; $0.adversarial = true; $0.matchParameters = true
        },
    ]
    static let cnnVariants: [PlannedVariant] = [
        PlannedVariant("baseline", "baseline (gelu everywhere)") { $0.activation = "gelu" },
        PlannedVariant("ga", "GA: gelu alternating with x − gelu(x), per activation site") {
            $0.activation = "gelu"; $0.adversarial = true
        },
    ]

    public var claim: PaperClaim {
        PaperClaim(
            title: "Su et al. 2024: network adversarial and HD-FGD",
            citation: "Su, Zhu, Li, \"Your Network May Need to Be Rewritten: Network Adversarial Based on High-Dimensional Function Graph Decomposition\", arXiv 2405.03712 (2024).",
            claim: "Alternating an activation with an adversarial partner (GA), and splitting gated activations into parts with split-adversarial partners (HD-FGD + SA), gives better accuracy, a more stable loss and faster training.",
            quote: """
                **Claim (paper abstract):** using one activation everywhere causes internal covariate shift and "gradient deviation". Build an adversarial function with the *opposite derivative-graph properties* and alternate the two across layers (GA, global adversarial). For complex activations, decompose the function into parts that each pass through a linear layer (HD-FGD), and build the partner from the inverse of each part's partial derivatives (SA, split adversarial). Claimed: better accuracy, more stable loss, faster training on CIFAR-10/100 with ResNet, ViT and Swin. **The paper's body (formulas, tables) could not be obtained; everything below the claim is our interpretation and must be labelled so.**
                """,
            source: "ActivationLab specification, techniques.md §3 (summarising the abstract of arXiv 2405.03712)",
            figure: "Higher CIFAR-10/100 accuracy for ResNet, ViT and Swin with GA and HD-FGD + SA (the abstract gives no numbers we could obtain).")
    }

    func models(_ context: ReproductionContext) -> [ReproductionModel] {
        let s = context.scale
        var models = [ReproductionModel(label: "mlp", model: context.mlp([s.hidden, s.hidden, s.hidden]), epochs: s.epochs,
                                        trainLimit: s.trainLimit,
                                        text: "plain GELU MLP, three hidden layers of \(s.hidden) (no residuals, no normalisation)")]
        if s.includeCNN, context.sampleShape.count == 3 {
            models.append(ReproductionModel(label: "cnn", model: "cnn:resnet", epochs: s.residualEpochs,
                                            trainLimit: s.residualTrainLimit,
                                            text: "small residual CNN with batch norm (conv 16, residual blocks 16/32/64)",
                                            validationFraction: ReproductionContext.residualValidationFraction))
        }
        return models
    }

    /// The variants compared on `model`: HD-FGD needs dense hidden layers, so the CNN has GA only.
    static func variants(_ model: ReproductionModel) -> [PlannedVariant] {
        model.label == "cnn" ? cnnVariants : mlpVariants
    }

    public func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison] {
        try models(context).map { m in
            try ReproductionRunner.planned(paper: id, label: m.label, description: m.text, scale: context.scale,
                                           base: m.base(context), variants: Self.variants(m))
        }
    }

    /// An accuracy gain smaller than this does not count as "better accuracy": half a point.
    static let margin = 0.005

    public func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                        progress: (String) -> Void) throws -> ReproductionAnalysis {
        var measurements: [ReproductionMeasurement] = []
        var adversarial: [VerdictRule] = []
        for (outcome, model) in zip(outcomes, models(context)) {
            let l = outcome.planned.label
            let baseline = outcome.baseline
            let baselineSmoothness = baseline.curves.compactMap { Smoothness(trainLoss: $0.trainLoss)?.meanAbsoluteChange }
            for variant in Self.variants(model).dropFirst() {
                guard let v = outcome.statistics(key: variant.key) else { continue }
                measurements.append(ComparisonMeasurements.accuracyDifference(
                    key: "\(l).acc.\(variant.key)", label: "\(l): final accuracy, \(variant.key) − baseline", v, baseline))
                measurements.append(ComparisonMeasurements.speedup(
                    key: "\(l).speedup.\(variant.key)", label: "\(l): speed-up of \(variant.key) over the baseline (epochs)",
                    variant: v, baseline: baseline, budget: outcome.epochs))
                measurements.append(ReproductionMeasurement.difference(
                    key: "\(l).smoothness.\(variant.key)", label: "\(l): loss smoothness, \(variant.key) − baseline (negative: smoother)",
                    v.curves.compactMap { Smoothness(trainLoss: $0.trainLoss)?.meanAbsoluteChange }, baselineSmoothness))
                if variant.key != "hdfgd" { adversarial.append(.improvement("\(l).acc.\(variant.key)", Self.margin)) }
            }
        }
        let rule = VerdictRule.any("an adversarial variant (GA or HD-FGD+SA) improves final accuracy by at least half a point on some model", adversarial)
        let equivalence = Finding(
            title: "in a plain MLP, GA with gelu's partner x − gelu(x) = −gelu(−x) is the baseline with some weights negated, so it trains the same in distribution",
            rule: .all("GA on the MLP matches the baseline", [.within("mlp.acc.ga", 0.01)]),
            measurements: measurements)
        let smoother = Finding(
            title: "the adversarial variants have a smoother training loss than the baseline (the paper's \"more stable loss\")",
            rule: .any("some adversarial variant", outcomes.flatMap { o in
                (o.planned.label == "mlp" ? ["ga", "hdfgd-sa"] : ["ga"]).map { VerdictRule.below("\(o.planned.label).smoothness.\($0)", 0) }
            }),
            measurements: measurements)
        let s = context.scale
        let cnnData: String = s.includeCNN ? ", " + ReproductionScale.samples(s.residualTrainLimit) + " for the residual CNN" : ""
        let setup: [String] = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)) for the MLP" + cnnData
                + "; validation on 10% of the training file for the MLP, 2% for the CNN (evaluating 6,000 images each epoch would cost more than the CNN's training). The paper used CIFAR-10/100 with ResNet, ViT and Swin; pass "
                + "`--dataset cifar10:DIR` for CIFAR-10.",
            "Models: " + ReproductionModel.list(models(context)) + ". HD-FGD needs dense hidden layers, so the residual CNN compares the baseline with GA only.",
            "HD-FGD variants use `match-parameters` (hidden widths shrunk to the baseline's parameter count), so they do "
                + "not win by having more weights.",
            "Training: SGD, momentum 0.9, learning rate 0.05, batch 128, He initialisation, for every variant. Scaled "
                + "down from the paper's GPU runs to fit 2 CPU cores.",
            "Seeds: \(s.seeds) per variant. Loss smoothness = mean |Δ train loss| between epochs per run.",
        ]
        return ReproductionAnalysis(
            setup: setup,
            interpretations: [
                "Adversarial partner (\"derivative graph flipped within its range\"): g(x) = (M + m)·x − f(x) + f(0) with M, m "
                    + "= sup, inf f'; for gelu g(x) = x − gelu(x) = −gelu(−x).",
                "GA alternation: activation sites alternate f, g, f, … layer by layer (site by site in the residual CNN).",
                "HD-FGD for gelu: y = (W_u z) ⊙ Φ(W_v z); SA partner: (W_u z) ⊙ (1 − Φ(W_v z)); HD-FGD+SA alternates them.",
                "Loss smoothness as the paper's \"more stable loss\" (mean absolute change of the per-epoch training loss).",
            ],
            tables: outcomes.map { ComparisonMeasurements.table($0) }, measurements: measurements, rule: rule,
            findings: [equivalence, smoother],
            summary: XuReproduction.summary(measurements, keys: ["mlp.acc.ga", "mlp.acc.hdfgd-sa", "cnn.acc.ga"]))
    }
}
