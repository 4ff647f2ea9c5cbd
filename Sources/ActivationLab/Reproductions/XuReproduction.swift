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
            source: "ActivationLab specification, techniques.md §4 (summarising arXiv 1602.05980, abstract and Sections 3–4)",
            figure: "CIFAR-10/100 test error of a deep CNN: penalized tanh on a par with or better than leaky ReLU, scaled sigmoid close to tanh, plain sigmoid far behind (the paper's Tables 2–3).")
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

    public func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison] {
        try models(context).map { m in
            try ReproductionRunner.planned(paper: id, label: m.label, description: m.text, scale: context.scale,
                                           base: m.base(context), variants: Self.activations)
        }
    }

    /// The checks of one model, as (key suffix, first, second, label).
    static let pairs: [(key: String, first: String, second: String, label: String)] = [
        ("scaled-sigmoid-minus-tanh", "scaled-sigmoid", "tanh", "final accuracy, scaled sigmoid − tanh"),
        ("penalized-tanh-minus-relu", "penalized-tanh", "relu", "final accuracy, penalized tanh − ReLU"),
        ("penalized-tanh-minus-leaky-relu", "penalized-tanh", "leaky-relu", "final accuracy, penalized tanh − leaky ReLU (0.01)"),
        ("scaled-sigmoid-minus-sigmoid", "scaled-sigmoid", "sigmoid", "final accuracy, scaled sigmoid − sigmoid"),
    ]

    /// The equivalence and non-inferiority margin: 1 accuracy point.
    static let margin = 0.01

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
                guard let a = outcome.statistics(pair.first), let b = outcome.statistics(pair.second) else { continue }
                measurements.append(ComparisonMeasurements.accuracyDifference(
                    key: "\(l).acc.\(pair.key)", label: "\(l): \(pair.label)", a, b))
            }
        }
        let rule = rule(labels: outcomes.map(\.planned.label))
        let s = context.scale
        let cnnData: String = s.includeCNN ? ", " + ReproductionScale.samples(s.cnnTrainLimit) + " for the CNN" : ""
        var setup: [String] = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)) for the deep MLP" + cnnData
                + "; validation on 10% of the training file (seeded per run) for the MLP, 5% for the CNN (evaluating 6,000 images each epoch would cost more than the CNN's training). The paper used CIFAR-10/100; "
                + "pass `--dataset cifar10:DIR` to use CIFAR-10.",
            "Models: " + ReproductionModel.list(models(context)) + ". Scaled down from the paper's deep CNNs (hundreds of epochs on a GPU) to fit 2 CPU cores.",
            "Training: SGD, momentum 0.9, learning rate 0.05, batch 128, the same for every activation; He "
                + "initialisation for the ReLU family and Glorot (uniform) for the saturated ones (`--init auto`). "
                + "Not tuned per activation — a limitation the paper does not share.",
            "Seeds: \(s.seeds) per activation (seed = weights, data order and validation split).",
            "Margins: \"performs like\" = the 95% CI of the accuracy difference inside ±1 point; \"comparable to or better\" "
                + "= the CI's lower end above −1 point.",
        ]
        if context.sampleShape.count != 3 { setup.append("The CNN is skipped: the data are not images.") }
        let tables = outcomes.map { ComparisonMeasurements.table($0) }
        return ReproductionAnalysis(
            setup: setup, interpretations: [],
            tables: tables, measurements: measurements, rule: rule,
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
