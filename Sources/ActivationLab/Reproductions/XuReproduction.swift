import Foundation

/// Xu, Huang, Li, "Revise Saturated Activation Functions" (arXiv 1602.05980, 2016): a deep plain network
/// and a small CNN across saturated and unsaturated activations.
public struct XuReproduction: Reproduction {
    public init() {}
    public var id: PaperID { .xu }

    /// The activations compared, baseline (ReLU) first, with display names.
    static let activations: [PlannedVariant] = [
        ("relu", "relu"), ("leaky-relu", "leaky-relu (0.01)"), ("very-leaky-relu", "very-leaky-relu (0.25)"),
        ("sigmoid", "sigmoid"), ("scaled-sigmoid", "scaled-sigmoid 4σ(x)−2"), ("tanh", "tanh"),
        ("penalized-tanh", "penalized-tanh (a = 0.25)"),
        ("centered-sigmoid", "ablation: σ(x) − ½ (centred, slope ¼)"), ("steep-sigmoid", "ablation: 4σ(x) (slope 1, off-centre)"),
    ].map { activation, name in PlannedVariant(activation, name) { $0.activation = activation } }

    public var claim: PaperClaim {
        PaperClaim(
            title: "Xu et al. 2016: revised saturated activations",
            citation: "Xu, Huang, Li, \"Revise Saturated Activation Functions\", arXiv 1602.05980 (2016).",
            claim: "Scaled sigmoid 4σ(x)−2 performs like tanh, and penalized tanh is comparable to or better than ReLU and leaky ReLU in deep networks; what hurts the sigmoid is its slope ¼ and non-zero centre.",
            quote: """
                **Claim (paper):** saturated activations are not hopeless; what hurts the logistic sigmoid is its slope ¼ and its non-zero centre at 0. Scaled sigmoid `4σ(x) − 2` performs like tanh; penalized tanh (tanh damped on the negative side) is comparable to or better than ReLU and leaky ReLU in deep CNNs.
                **Reproduction must test:** a deep plain network (≥6 hidden layers, no batch norm) and a small CNN: sigmoid, scaled sigmoid, tanh, penalized tanh, ReLU, leaky ReLU (0.01, 0.25), ≥5 seeds: final accuracy and convergence.
                """,
            source: "ActivationLab specification, techniques.md §4 (summarising the abstract of arXiv 1602.05980; the full text was not read here)",
            figure: "CIFAR-10/100 test error of deep CNNs: penalized tanh on a par with or better than leaky ReLU, scaled sigmoid close to tanh, plain sigmoid far behind (as the specification summarises the paper; table numbers not checked here).")
    }

    func models(_ context: ReproductionContext) -> [ReproductionModel] {
        let s = context.scale
        var models = [ReproductionModel(label: "deep", model: context.mlp(Array(repeating: s.deepHidden, count: s.deepLayers)),
                                        epochs: s.epochs, trainLimit: s.trainLimit,
                                        text: "deep plain MLP, \(s.deepLayers) hidden layers of \(s.deepHidden), no batch norm")]
        if s.includeCNN, context.sampleShape.count == 3 {
            models.append(ReproductionModel(label: "cnn", model: "cnn:lenet", epochs: s.cnnEpochs, trainLimit: s.cnnTrainLimit,
                                            text: "LeNet-style CNN (conv 16, conv 32, fc 128)",
                                            validationFraction: ReproductionContext.cnnValidationFraction))
        }
        return models
    }

    /// The learning-rate range every activation is tuned over (log scale, SGD with momentum 0.9).
    static let tuning = "lr=0.003:0.5"

    public func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison] {
        try models(context).map { m in
            try ReproductionRunner.planned(paper: id, label: m.label, description: m.text, scale: context.scale,
                                           base: context.evaluating(m.base(context)), variants: Self.activations,
                                           protocol: context.protocolSettings(tune: Self.tuning, epochs: m.epochs))
        }
    }

    /// The checks of one model, as (key suffix, first, second, label).
    static let pairs: [(key: String, first: String, second: String, label: String)] = [
        ("scaled-sigmoid-minus-tanh", "scaled-sigmoid", "tanh", "accuracy, scaled sigmoid − tanh"),
        ("penalized-tanh-minus-relu", "penalized-tanh", "relu", "accuracy, penalized tanh − ReLU"),
        ("penalized-tanh-minus-leaky-relu", "penalized-tanh", "leaky-relu", "accuracy, penalized tanh − leaky ReLU (0.01)"),
        ("scaled-sigmoid-minus-sigmoid", "scaled-sigmoid", "sigmoid", "accuracy, scaled sigmoid − sigmoid"),
    ]

    /// The equivalence and non-inferiority margin: 1 accuracy point.
    static let margin = 0.01

    /// The ablation: which half of the fix helps the sigmoid, per model (findings, not part of the verdict).
    static let ablation: [(key: String, first: String, label: String)] = [
        ("centering", "centered-sigmoid", "accuracy, σ(x) − ½ − sigmoid (centring alone)"),
        ("slope", "steep-sigmoid", "accuracy, 4σ(x) − sigmoid (slope alone)"),
    ]

    /// Per model: scaled sigmoid within ±1 point of tanh, penalized tanh no more than 1 point below ReLU and
    /// leaky ReLU, scaled sigmoid above sigmoid; all of it on every model.
    public func rule(labels: [String]) -> VerdictRule {
        .all("the claims hold on every model", labels.map { l in
            .all("\(l): scaled sigmoid like tanh, penalized tanh no worse than the ReLU family, scaled sigmoid better than sigmoid", [
                .within("\(l).acc.scaled-sigmoid-minus-tanh", Self.margin),
                .above("\(l).acc.penalized-tanh-minus-relu", -Self.margin),
                .above("\(l).acc.penalized-tanh-minus-leaky-relu", -Self.margin),
                .above("\(l).acc.scaled-sigmoid-minus-sigmoid", 0),
            ])
        })
    }

    public func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                        progress: (String) -> Void) throws -> ReproductionAnalysis {
        var measurements: [ReproductionMeasurement] = []
        for outcome in outcomes {
            let l = outcome.planned.label
            for pair in Self.pairs {
                measurements.append(outcome.accuracyDifference(key: "\(l).acc.\(pair.key)", label: "\(l): \(pair.label)",
                                                               pair.first, minus: pair.second))
            }
            for part in Self.ablation {
                measurements.append(outcome.accuracyDifference(key: "\(l).ablation.\(part.key)", label: "\(l): \(part.label)",
                                                               part.first, minus: "sigmoid"))
            }
        }
        let labels = outcomes.map(\.planned.label)
        let rule = rule(labels: labels)
        let findings = Self.ablation.map { part in
            Finding(title: "\(part.key == "centering" ? "centring alone (σ(x) − ½)" : "slope 1 alone (4σ(x))") helps the sigmoid on every model",
                    rule: .all(part.label, labels.map { .above("\($0).ablation.\(part.key)", 0) }), measurements: measurements)
        }
        let s = context.scale
        let cnnData: String = s.includeCNN ? ", " + ReproductionScale.samples(s.cnnTrainLimit) + " for the CNN" : ""
        var setup: [String] = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)) for the deep MLP" + cnnData
                + "; validation on 10% of the training file (seeded per run) for the MLP, 5% for the CNN; accuracy is measured on the test split. The paper used CIFAR-10/100; "
                + "pass `--dataset cifar10:DIR` to use CIFAR-10.",
            "Models: " + ReproductionModel.list(models(context)) + ". Scaled down from the paper's deep CNNs to fit 2 CPU cores.",
            "Training: SGD, momentum 0.9, batch 128; He initialisation for the ReLU family and Glorot (uniform) for the "
                + "saturated ones (`--init auto`). " + ProtocolText.tuning(outcomes, range: Self.tuning),
            "Ablation (the paper's explanation: the sigmoid's slope ¼ and its centre ½ hurt): σ(x) − ½ fixes the centre only, "
                + "4σ(x) the slope only; both are compared with the sigmoid as findings.",
            ProtocolText.seeds(outcomes, scale: s),
            "Margins: \"performs like\" = the interval of the accuracy difference inside ±1 point; \"comparable to or better\" "
                + "= the interval's lower end above −1 point.",
        ]
        if context.sampleShape.count != 3 { setup.append("The CNN is skipped: the data are not images.") }
        return ReproductionAnalysis(
            setup: setup,
            interpretations: [
                "Penalized tanh's negative-side factor a = 0.25 is the specification's value; the abstract does not state it, so it rests on secondary sources (see the research notes).",
            ],
            tables: outcomes.map { ComparisonMeasurements.table($0) }, measurements: measurements, rule: rule,
            findings: findings,
            summary: Self.summary(measurements, keys: outcomes.flatMap { o in
                ["\(o.planned.label).acc.penalized-tanh-minus-relu", "\(o.planned.label).acc.scaled-sigmoid-minus-tanh"]
            }))
    }

    /// "label est [lo, hi] points; …" for the README.
    static func summary(_ measurements: [ReproductionMeasurement], keys: [String], points: Bool = true) -> String {
        keys.compactMap { key in measurements.first { $0.key == key } }
            .map { "\($0.label): \(Format.measurement($0, points: points))\(points ? " points" : "")" }
            .joined(separator: "; ")
    }
}
