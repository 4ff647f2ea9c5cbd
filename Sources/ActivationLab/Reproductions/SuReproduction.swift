import Foundation

/// Su, Zhu, Li, "Your Network May Need to Be Rewritten" (arXiv 2405.03712, 2024): GA against its own
/// activation for partners that really differ (tanh, sigmoid) and for sign-flip partners (gelu, relu:
/// equivalent in distribution), HD-FGD and HD-FGD+SA on an MLP, GA on the residual CNN.
/// Everything below the paper's abstract is our interpretation.
public struct SuReproduction: Reproduction {
    public init() {}
    public var id: PaperID { .su }

    /// Each activation alone and alternated with its flip partner (GA). tanh's partner x − tanh(x) and the
    /// sigmoid's x/4 − σ(x) + ½ really differ from a sign flip; gelu's x − gelu(x) = −gelu(−x) and relu's
    /// min(x, 0) = −relu(−x) are sign flips, so their GA networks are the plain ones in distribution
    /// (docs/findings/ga-equivalence.md) — they show the equivalence, not the method.
    static let gaActivations = ["gelu", "tanh", "sigmoid", "relu"]

    static let mlpVariants: [PlannedVariant] = gaActivations.flatMap { activation in
        [PlannedVariant(activation, "\(activation)") { $0.activation = activation },
         PlannedVariant("\(activation)-ga", "GA: \(activation) alternating with its flip partner") {
             $0.activation = activation; $0.adversarial = true
         }]
    } + [
        PlannedVariant("hdfgd", "HD-FGD: (W_u z) ⊙ Φ(W_v z), widths matched") {
            $0.activation = "gelu"; $0.hdfgd = true; $0.matchParameters = true
        },
        PlannedVariant("hdfgd-sa", "HD-FGD+SA: alternating with (W_u z) ⊙ (1 − Φ(W_v z))") {
            $0.activation = "gelu"; $0.hdfgd = true; $0.adversarial = true; $0.matchParameters = true
        },
    ]
    static let cnnVariants: [PlannedVariant] = [
        PlannedVariant("gelu", "gelu everywhere") { $0.activation = "gelu" },
        PlannedVariant("gelu-ga", "GA: gelu alternating with x − gelu(x), per activation site") {
            $0.activation = "gelu"; $0.adversarial = true
        },
    ]

    /// The learning-rate range every variant is tuned over (SGD, momentum 0.9).
    static let tuning = "lr=0.003:0.5"

    /// The comparisons the verdict reads, as (key, variant, reference): the method against the network it changes.
    static let claims: [(key: String, variant: String, reference: String)] = [
        ("tanh-ga", "tanh-ga", "tanh"), ("sigmoid-ga", "sigmoid-ga", "sigmoid"), ("gelu-ga", "gelu-ga", "gelu"),
        ("hdfgd-sa", "hdfgd-sa", "gelu"),
    ]
    /// Comparisons that are equal in distribution by construction (findings).
    static let equivalences: [(key: String, variant: String, reference: String)] = [
        ("relu-ga", "relu-ga", "relu"), ("gelu-ga", "gelu-ga", "gelu"), ("sa-vs-hdfgd", "hdfgd-sa", "hdfgd"),
    ]

    public var claim: PaperClaim {
        PaperClaim(
            title: "Su et al. 2024: network adversarial and HD-FGD",
            citation: "Su, Zhu, Li, \"Your Network May Need to Be Rewritten: Network Adversarial Based on High-Dimensional Function Graph Decomposition\", arXiv 2405.03712 (2024).",
            claim: "Alternating an activation with an adversarial partner (GA), and splitting gated activations into parts with split-adversarial partners (HD-FGD + SA), gives better accuracy, a more stable loss and faster training.",
            quote: """
                **Claim (paper abstract):** using one activation everywhere causes internal covariate shift and "gradient deviation". Build an adversarial function with the *opposite derivative-graph properties* and alternate the two across layers (GA, global adversarial). For complex activations, decompose the function into parts that each pass through a linear layer (HD-FGD), and build the partner from the inverse of each part's partial derivatives (SA, split adversarial). Claimed: better accuracy, more stable loss, faster training on CIFAR-10/100 with ResNet, ViT and Swin. **The paper's body (formulas, tables) could not be obtained; everything below the claim is our interpretation and must be labelled so.**
                """,
            source: "the abstract of arXiv 2405.03712, as the specification (techniques.md §3) summarises it; the full text was not read here",
            figure: "Higher CIFAR-10/100 accuracy for ResNet, ViT and Swin with GA and HD-FGD + SA (the abstract gives no numbers we could obtain).")
    }

    func models(_ context: ReproductionContext) -> [ReproductionModel] {
        let s = context.scale
        var models = [ReproductionModel(label: "mlp", model: context.mlp([s.hidden, s.hidden, s.hidden]), epochs: s.epochs,
                                        trainLimit: s.trainLimit,
                                        text: "plain MLP, three hidden layers of \(s.hidden) (no residuals, no normalisation)")]
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
                                           base: context.evaluating(m.base(context)), variants: Self.variants(m),
                                           protocol: context.protocolSettings(tune: Self.tuning, epochs: m.epochs))
        }
    }

    /// An accuracy gain smaller than this does not count as "better accuracy": half a point.
    static let margin = 0.005

    public func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                        progress: (String) -> Void) throws -> ReproductionAnalysis {
        var measurements: [ReproductionMeasurement] = []
        var adversarial: [VerdictRule] = [], equivalent: [VerdictRule] = [], smoother: [VerdictRule] = []
        for outcome in outcomes {
            let l = outcome.planned.label
            let planned = Set(outcome.planned.specNames.keys)
            for pair in Self.claims + Self.equivalences where planned.contains(pair.variant) && planned.contains(pair.reference) {
                let key = "\(l).acc.\(pair.key)"
                guard !measurements.contains(where: { $0.key == key }) else { continue }
                measurements.append(outcome.accuracyDifference(key: key, label: "\(l): accuracy, \(pair.variant) − \(pair.reference)",
                                                               pair.variant, minus: pair.reference))
                measurements.append(outcome.speedup(key: "\(l).speedup.\(pair.key)", label: "\(l): speed-up of \(pair.variant) over \(pair.reference) (steps)",
                                                    pair.variant, over: pair.reference))
                measurements.append(Self.roughness(outcome, key: "\(l).roughness.\(pair.key)", pair.variant, minus: pair.reference))
            }
            for pair in Self.claims where planned.contains(pair.variant) {
                adversarial.append(.improvement("\(l).acc.\(pair.key)", Self.margin))
                smoother.append(.below("\(l).roughness.\(pair.key)", 0))
            }
            for pair in Self.equivalences where planned.contains(pair.variant) && planned.contains(pair.reference) {
                equivalent.append(.within("\(l).acc.\(pair.key)", 0.01))
            }
        }
        let rule = VerdictRule.any("an adversarial variant (GA with a partner, or HD-FGD+SA) improves accuracy by at least half a point over the network it changes, on some model", adversarial)
        let equivalence = Finding(
            title: "sign-flip partners change nothing in distribution: GA with gelu or relu, and HD-FGD+SA against HD-FGD, within ±1 point",
            rule: .all("equivalent by construction", equivalent), measurements: measurements)
        let smoothness = Finding(
            title: "an adversarial variant has a smoother training loss than the network it changes (the paper's \"more stable loss\")",
            rule: .any("some adversarial variant", smoother), measurements: measurements)
        let s = context.scale
        let cnnData: String = s.includeCNN ? ", " + ReproductionScale.samples(s.residualTrainLimit) + " for the residual CNN" : ""
        let setup: [String] = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)) for the MLP" + cnnData
                + "; validation on 10% of the training file for the MLP, 2% for the CNN (evaluating 6,000 images each epoch would cost more than the CNN's training). The paper used CIFAR-10/100 with ResNet, ViT and Swin; pass "
                + "`--dataset cifar10:DIR` for CIFAR-10.",
            "Models: " + ReproductionModel.list(models(context)) + ". HD-FGD needs dense hidden layers, so the residual CNN compares the baseline with GA only.",
            "GA is compared with its own activation: tanh and the sigmoid have partners that are not a sign flip "
                + "(x − tanh(x), x/4 − σ(x) + ½); gelu and relu have sign-flip partners and are equivalent by construction (a finding). "
                + "HD-FGD variants use `match-parameters` (hidden widths shrunk to the baseline's parameter count), so they do "
                + "not win by having more weights.",
            "Training: SGD, momentum 0.9, batch 128, `--init auto`. " + ProtocolText.tuning(outcomes, range: Self.tuning)
                + " Scaled down from the paper's GPU runs to fit 2 CPU cores.",
            ProtocolText.seeds(outcomes, scale: s) + " Loss roughness is compared per seed (`LossRoughness`, lower is steadier).",
        ]
        return ReproductionAnalysis(
            setup: setup,
            interpretations: [
                "Adversarial partner (\"derivative graph flipped within its range\"): g(x) = (M + m)·x − f(x) + f(0) with M, m "
                    + "= sup, inf f'; for gelu g(x) = x − gelu(x) = −gelu(−x).",
                "GA alternation: activation sites alternate f, g, f, … layer by layer (site by site in the residual CNN).",
                "HD-FGD for gelu: y = (W_u z) ⊙ Φ(W_v z); SA partner: (W_u z) ⊙ (1 − Φ(W_v z)); HD-FGD+SA alternates them.",
                "Loss roughness as the paper's \"more stable loss\" (`LossRoughness` of the per-epoch training loss).",
                "The SA gate 1 − Φ(v) equals Φ(−v), so an SA layer is an HD-FGD layer with its gate weights negated and, with "
                    + "sign-symmetric initialisation, HD-FGD+SA trains like HD-FGD in distribution (docs/findings/sa-equivalence.md, tested).",
            ],
            tables: outcomes.map { ComparisonMeasurements.table($0) }, measurements: measurements, rule: rule,
            findings: [equivalence, smoothness],
            summary: XuReproduction.summary(measurements, keys: ["mlp.acc.tanh-ga", "mlp.acc.sigmoid-ga", "mlp.acc.hdfgd-sa", "cnn.acc.gelu-ga"]))
    }

    /// Loss roughness of `first` − `second`, paired by seed (negative: `first` is steadier).
    static func roughness(_ outcome: ComparisonOutcome, key: String, _ first: String, minus second: String) -> ReproductionMeasurement {
        let a = outcome.evaluationRuns(key: first), b = outcome.evaluationRuns(key: second)
        func value(_ run: RunRecord) -> Double? { LossRoughness.of(trainLoss: run.epochs.map(\.trainLoss)) }
        let pairs = Set(a.keys).intersection(b.keys).sorted().compactMap { seed in value(a[seed]!).flatMap { x in value(b[seed]!).map { (x, $0) } } }
        return .difference(key: key, label: "\(outcome.planned.label): loss roughness, \(first) − \(second) (negative: steadier)",
                           MeanDifference.paired(variant: pairs.map(\.0), baseline: pairs.map(\.1)))
    }
}
