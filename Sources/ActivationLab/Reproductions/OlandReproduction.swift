import Foundation

/// Oland, Bansal, Dannenberg, Raj, "Be Careful What You Backpropagate" (arXiv 1707.04199, 2017):
/// softmax-ce vs linear-mse vs every reading of the exponential gradient boost, on an MLP and a small CNN.
public struct OlandReproduction: Reproduction {
    public init() {}
    public var id: PaperID { .oland }

    /// The heads compared (baseline first) and whether each is an interpretation of the paper.
    static let heads: [(head: String, interpretation: Bool)] = [
        ("softmax-ce", false), ("linear-mse", false), ("linear-exp", true), ("linear-exp-error", true),
        ("linear-exp-scaled", true), ("linear-pow3", true),
    ]
    static var boosts: [String] { heads.filter(\.interpretation).map(\.head) }

    /// The learning-rate range every head is tuned over, for speed to the pre-set target. The earlier
    /// accuracy-tuned rates (0.003–0.1, `linear-exp-scaled` at 0.003 on the CNN, the edge of its grid) lie
    /// well inside it.
    static let tuning = "lr=0.0003:0.5"

    /// The target scale of the default reading, varied: targets t = s for the correct class (exp(z) must
    /// reach s), so s moves where the exponential takes over.
    static let targetScales: [Double] = [0.5, 2]

    /// Every head warms its learning rate up linearly over the first 100 steps: without it the unbounded heads
    /// diverge within a few steps on some seeds even at rates far below the tuned ones (a large first error,
    /// exponentiated). Runs shorter than 300 steps (quick mode) warm up over their first third instead.
    static func schedule(_ base: TrainingConfiguration) -> LearningRateSchedule {
        guard let images = base.trainLimit else { return .warmup(steps: 100, then: .constant) }
        let steps = (images + base.batchSize - 1) / base.batchSize * base.epochs
        return .warmup(steps: max(1, min(100, steps / 3)), then: .constant)
    }

    /// The variant of `head` (at target scale `scale` when given); its learning rate is tuned.
    static func variant(_ head: (head: String, interpretation: Bool), scale: Double? = nil) -> PlannedVariant {
        let key = head.head + (scale.map { "-s\(Format.number($0, decimals: 1))" } ?? "")
        let name = head.head + (scale.map { ", target scale \(Format.number($0, decimals: 1))" } ?? "") + (head.interpretation ? " (interpretation)" : "")
        return PlannedVariant(key, name) {
            $0.activation = "relu"
            $0.head = head.head
            if let scale { $0.targetScale = scale }
        }
    }

    /// Every head, then the default reading at the other target scales.
    static var variants: [PlannedVariant] {
        heads.map { variant($0) } + targetScales.map { variant(("linear-exp", true), scale: $0) }
    }

    public var claim: PaperClaim {
        PaperClaim(
            title: "Oland et al. 2017: linear output and exponential gradient boosting",
            citation: "Oland, Bansal, Dannenberg, Raj, \"Be Careful What You Backpropagate: A Case For Linear Output Activations & Gradient Boosting\", arXiv 1707.04199 (2017).",
            claim: "A linear output layer with exponential gradient boosting converges faster than softmax with cross-entropy, at equal or better accuracy.",
            quote: """
                **Claim (paper):** saturating output activations such as softmax impede learning; the utility of softmax is not its normalisation ("the normalization makes things worse") but the exponentiation of the error gradient. A linear output with exponential gradient boosting converges faster and generalises better (CIFAR-10, ImageNet; PASCAL VOC 2012 segmentation converged 33% faster, slightly better accuracy). On MNIST a plain linear output already converged faster at equal accuracy; on CIFAR it was worse than softmax, which motivated the boost.
                """,
            source: "the paper's abstract (arXiv 1707.04199), as quoted in the research notes; the full text was not read here",
            figure: "PASCAL VOC 2012 segmentation \"converged 33% faster\" (\"roughly two days of training less\") with slightly better performance; read as a speed-up of about 1.33× (a quarter fewer epochs) — 1.5× if it meant a third less time; the rule asks only for a speed-up above 1.")
    }

    static let minimumCNNImages = 6000
    static let minimumCNNEpochs = 3

    func models(_ context: ReproductionContext) -> [ReproductionModel] {
        let s = context.scale
        var models = [ReproductionModel(label: "mlp", model: context.mlp([s.hidden, s.hidden]), epochs: s.epochs,
                                        trainLimit: s.trainLimit, text: "ReLU MLP, two hidden layers of \(s.hidden)")]
        if s.includeCNN, context.sampleShape.count == 3 {
            // The linear heads need more steps than quick mode's CNN scale gives (2,000 images × 2 epochs = 32 steps
            // left them near chance), so this CNN trains on at least 6,000 images for at least 3 epochs.
            models.append(ReproductionModel(label: "cnn", model: "cnn:lenet", epochs: max(s.cnnEpochs, Self.minimumCNNEpochs),
                                            trainLimit: s.cnnTrainLimit.map { max($0, Self.minimumCNNImages) },
                                            text: "LeNet-style ReLU CNN",
                                            validationFraction: ReproductionContext.cnnValidationFraction))
        }
        return models
    }

    public func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison] {
        try models(context).map { m in
            var base = m.base(context)
            base.schedule = Self.schedule(base)
            var settings = try context.protocolSettings(tune: Self.tuning, epochs: m.epochs, tuneFraction: 0.5)
            settings.tuneObjective = .speed
            return try ReproductionRunner.planned(paper: id, label: m.label, description: m.text, scale: context.scale,
                                                  base: context.evaluating(base), variants: Self.variants, protocol: settings)
        }
    }

    /// Non-inferiority margin for "equal or better accuracy": 1 point.
    static let margin = 0.01

    public func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                        progress: (String) -> Void) throws -> ReproductionAnalysis {
        var measurements: [ReproductionMeasurement] = []
        for outcome in outcomes {
            let l = outcome.planned.label
            for variant in Self.variants.dropFirst() {
                measurements.append(outcome.speedup(key: "\(l).speedup.\(variant.key)", label: "\(l): speed-up of \(variant.key) over softmax-ce (steps)",
                                                    variant.key, over: "softmax-ce"))
                measurements.append(outcome.accuracyDifference(key: "\(l).acc.\(variant.key)", label: "\(l): accuracy, \(variant.key) − softmax-ce",
                                                               variant.key, minus: "softmax-ce"))
            }
        }
        let labels = outcomes.map(\.planned.label)
        let rule = VerdictRule.any("some boost reading converges faster at no accuracy cost on every model",
            Self.boosts.map { boost in
                .all(boost, labels.flatMap { l -> [VerdictRule] in
                    [.above("\(l).speedup.\(boost)", 1), .above("\(l).acc.\(boost)", -Self.margin)]
                })
            })
        let linear = Finding(
            title: "a plain linear output (linear-mse) converges faster at equal accuracy on the MLP (the paper's MNIST observation)",
            rule: .all("linear-mse on the MLP", [.above("mlp.speedup.linear-mse", 1), .above("mlp.acc.linear-mse", -Self.margin)]),
            measurements: measurements)
        let scaleFinding = Finding(
            title: "the default reading is faster at some other target scale on every model (the scale is part of the method)",
            rule: .any("linear-exp at another target scale, faster than at scale 1", Self.targetScales.map { scale in
                .all("scale \(Format.number(scale, decimals: 1))", labels.map { l in .above("\(l).speedup.linear-exp-s\(Format.number(scale, decimals: 1))", 1) })
            }), measurements: measurements)
        let s = context.scale
        let models = models(context)
        let cnnData: String = models.dropFirst().map { ", " + ReproductionScale.samples($0.trainLimit) + " for the CNN" }.joined()
        let setup: [String] = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)) for the MLP" + cnnData
                + "; validation on 10% of the training file for the MLP, 5% for the CNN (evaluating 6,000 images each epoch would cost more than the CNN's training). The paper's figures are for CIFAR-10, ImageNet and VOC; pass "
                + "`--dataset cifar10:DIR` for CIFAR-10.",
            "Models: " + ReproductionModel.list(models) + ". Scaled down to fit 2 CPU cores.",
            "Heads: softmax-ce (baseline), linear-mse, and the four readings of the boost (linear-exp, linear-exp-error, "
                + "linear-exp-scaled, linear-pow3); targets t = 1 for the correct class, 0 otherwise; exponent clamp 30.",
            "Training: SGD, momentum 0.9, batch 128, the learning rate warmed up linearly over the first 100 steps "
                + "(over the first third in runs shorter than 300 steps; without it the unbounded heads diverged within a few steps on some seeds, even at rate 0.001). "
                + ProtocolText.tuning(outcomes, range: Self.tuning).replacingOccurrences(of: "scored by its final validation accuracy (a diverged trial scores 0)",
                                                                                with: "scored by its steps to the target (the claim is about speed; accuracy breaks ties)")
                + " The target was fixed before tuning by a pilot of softmax-ce at the base learning rate 0.05. The paper's own schedules are unknown to us.",
            "Target scale: the default reading (`linear-exp`, targets s for the correct class and 0 for the others) also runs at s = "
                + Self.targetScales.map { Format.number($0, decimals: 1) }.joined(separator: " and ") + " (a finding, not part of the verdict).",
            ProtocolText.seeds(outcomes, scale: s),
            "Margin: \"equal or better accuracy\" = the 95% CI of the accuracy difference above −1 point.",
        ]
        return ReproductionAnalysis(
            setup: setup,
            interpretations: [
                "The paper's boost formula is not confirmed. `linear-exp` (δ = exp(z) − t) is our default reading because it is "
                    + "exactly softmax-CE's gradient with the normalisation removed, which is the ablation the abstract describes "
                    + "(\"the utility of softmax does not stem from the normalization … the advantage is in the exponentiation of "
                    + "error gradients\"). The mission's one-line description (\"exponentiate the output error\") fits "
                    + "`linear-exp-error` (exp(z − t) − 1) and `linear-exp-scaled` ((z − t)·exp(z), the error multiplied by exp(output)) "
                    + "as well; `linear-pow3` ((z − t)³) is the cube variant third parties mention. The verdict accepts any of them, "
                    + "and Holm's adjustment over the rule's leaves pays for the four chances.",
            ],
            tables: outcomes.map { ComparisonMeasurements.table($0) }, measurements: measurements, rule: rule,
            findings: [linear, scaleFinding],
            summary: XuReproduction.summary(measurements, keys: labels.map { "\($0).speedup.linear-exp" }, points: false)
                + "; " + XuReproduction.summary(measurements, keys: labels.map { "\($0).acc.linear-exp" }))
    }
}
