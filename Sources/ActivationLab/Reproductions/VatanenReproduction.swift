import Foundation

/// Raiko, Valpola, LeCun (AISTATS 2012); Vatanen, Raiko, Valpola, LeCun (arXiv 1301.3476, 2013):
/// the shortcut network without transformations against ab and abg (and the plain MLP), each at its own
/// tuned learning rate; the γ failure-mode counters; and the gradient-vs-Newton angle on a small network.
public struct VatanenReproduction: Reproduction {
    public init() {}
    public var id: PaperID { .vatanen }

    /// Batch size and re-estimation interval of the MLP runs.
    static let batchSize = 1000
    static let transformEvery = 10

    /// The shortcut network without transformations first: the authors' baseline, the same network as ab
    /// and abg, so the comparison isolates α, β, γ. The plain MLP shows what the shortcuts alone change.
    static let variants: [PlannedVariant] = [
        PlannedVariant("shortcuts", "shortcuts (plain tanh, full shortcuts)") { plainSGD(&$0); $0.transform = .shortcuts },
        PlannedVariant("none", "none (plain tanh MLP, no shortcuts)") { plainSGD(&$0) },
        PlannedVariant("ab", "ab (shortcuts, α β)") { plainSGD(&$0); $0.transform = .ab },
        PlannedVariant("abg", "abg (shortcuts, α β γ)") { plainSGD(&$0); $0.transform = .abg },
    ]

    /// The learning-rate range every variant is tuned over: the authors' rates (0.05 for none, 0.7 for ab,
    /// 0.2 for abg) lie well inside it.
    static let tuning = "lr=0.01:3"

    /// The authors' setting shared by every variant: tanh, momentum 0.5, large batches.
    static func plainSGD(_ configuration: inout TrainingConfiguration) {
        configuration.activation = "tanh"
        configuration.momentum = 0.5
        configuration.batchSize = batchSize
        configuration.transformEvery = transformEvery
    }

    /// ab learns faster than the same shortcut network without transformations at no more than 1 point of
    /// accuracy, and its gradient is closer to the Newton direction.
    public static let rule = VerdictRule.all(
        "ab learns faster than the untransformed shortcut network, no less accurately, and its gradient is closer to the Newton direction", [
            .above("mlp.speedup.ab", 1), .above("mlp.acc.ab", -0.01), .below("curvature.angle.ab-minus-none", 0),
        ])

    public var claim: PaperClaim {
        PaperClaim(
            title: "Vatanen et al. 2013: transformations in nonlinearities",
            citation: "Raiko, Valpola, LeCun, \"Deep Learning Made Easier by Linear Transformations in Perceptrons\", AISTATS 2012; Vatanen, Raiko, Valpola, LeCun, \"Pushing Stochastic Gradient towards Second-Order Methods — Backpropagation Learning with Transformations in Nonlinearities\", arXiv 1301.3476 (ICONIP 2013).",
            claim: "Transforming each tanh unit to zero mean output and slope (α, β), with shortcut connections, makes plain SGD learn faster and closer to second-order methods (smaller angle between the gradient and the Newton direction); γ can speed it further but may reach a worse optimum.",
            quote: """
                **Claim (paper):** transform each hidden unit's output to zero mean (α, β: zero output and zero slope on average) and normalise its scale (γ), with shortcut connections carrying the linear dependencies; plain SGD then behaves closer to second-order methods (Fisher matrix closer to diagonal; smaller angle between the gradient and the Newton direction) and learns faster. γ speeds learning further but can converge to a worse optimum where many hidden units' inputs and outputs are near zero. Transformed networks tolerated a 4–14× larger learning rate in the authors' code.
                """,
            source: "ActivationLab specification, techniques.md §2 (summarising arXiv 1301.3476 and the authors' published code; the full text was not read here)",
            figure: "MNIST 784-800-800-10: faster decrease of the training error with ab and abg than without transformations, and a smaller angle between the gradient and the Newton direction with them (as the specification summarises the paper).")
    }

    /// Zero-mean inputs, as the authors used: with pixels in [0, 1] the shortcut weights from the inputs see a
    /// large common mean, and ab at lr 0.7 diverges within two epochs (measured; see the setup section). So images
    /// are centred; CSV data keeps its default standardisation, which is zero-mean already.
    static func normalization(_ dataset: String) -> Normalization? {
        (try? DatasetSource(spec: dataset).defaultNormalization) == .unitRange ? .center : nil
    }

    public func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison] {
        let s = context.scale
        var base = context.base(model: context.mlp([s.hidden, s.hidden]), epochs: s.epochs, trainLimit: s.trainLimit)
        base.normalization = Self.normalization(s.dataset)
        base.batchSize = Self.batchSize
        return [try ReproductionRunner.planned(paper: id, label: "mlp", description: "tanh MLP, two hidden layers of \(s.hidden)",
                                               scale: s, base: context.evaluating(base), variants: Self.variants,
                                               protocol: context.protocolSettings(tune: Self.tuning, epochs: s.epochs))]
    }

    /// The curvature data: the synthetic teacher problem or a seeded subset of the dataset pooled to 7×7.
    static func curvatureData(_ scale: ReproductionScale) -> CurvatureData {
        scale.curvatureData == "synthetic" ? .synthetic(features: 10, classes: 3) : .pooled(dataset: scale.dataset)
    }

    /// The mean angle (degrees) over the μ values where every report has one.
    static func meanAngles(_ reports: [CurvatureReport]) -> [Double?] {
        guard let first = reports.first else { return [] }
        let shared = first.angles.indices.filter { i in reports.allSatisfy { i < $0.angles.count && $0.angles[i].degrees != nil } }
        return reports.map { report in
            shared.isEmpty ? nil : shared.map { report.angles[$0].degrees! }.reduce(0, +) / Double(shared.count)
        }
    }

    public func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                        progress: (String) -> Void) throws -> ReproductionAnalysis {
        let s = context.scale
        var measurements: [ReproductionMeasurement] = []
        var tables: [ResultTable] = []
        let modes: [TransformMode] = [.none, .ab, .abg]
        if let outcome = outcomes.first {
            for key in ["ab", "abg", "none"] {
                measurements.append(outcome.speedup(key: "mlp.speedup.\(key)", label: "speed-up of \(key) over shortcuts (steps)",
                                                    key, over: "shortcuts"))
                measurements.append(outcome.accuracyDifference(key: "mlp.acc.\(key)", label: "accuracy, \(key) − shortcuts", key, minus: "shortcuts"))
            }
            measurements.append(outcome.speedup(key: "mlp.speedup.ab-over-none", label: "speed-up of ab over the plain MLP (steps)", "ab", over: "none"))
            measurements.append(outcome.accuracyDifference(key: "mlp.acc.ab-minus-none", label: "accuracy, ab − the plain MLP", "ab", minus: "none"))
            measurements.append(outcome.speedup(key: "mlp.speedup.abg-over-ab", label: "speed-up of abg over ab (steps)", "abg", over: "ab"))
            measurements.append(outcome.accuracyDifference(key: "mlp.acc.abg-minus-ab", label: "accuracy, abg − ab", "abg", minus: "ab"))
            tables.append(ComparisonMeasurements.table(outcome))
            // The γ failure mode, from the last epoch of each run.
            var rows: [[String]] = []
            for variant in Self.variants where variant.key == "ab" || variant.key == "abg" {
                let last = outcome.lastEpochs(key: variant.key)
                let atCap = last.map { $0.layers.reduce(0.0) { $0 + ($1.extra["gamma_at_cap"] ?? 0) } }
                let lowVariance = last.map { e in e.layers.map { $0.extra["low_variance_fraction"] ?? 0 }.reduce(0, +) / Double(max(e.layers.count, 1)) }
                let units = last.first?.layers.reduce(0) { $0 + $1.units } ?? 0
                rows.append([variant.name, "\(last.count)",
                             atCap.isEmpty ? "—" : Format.number(Summary.mean(atCap), decimals: 1) + " of \(units)",
                             lowVariance.isEmpty ? "—" : Format.percent(Summary.mean(lowVariance))])
            }
            tables.append(ResultTable(
                title: "γ failure-mode counters (last epoch, mean over runs)",
                columns: ["variant", "runs", "units with γ at its cap", "units with var(x) < 1e-3"], rows: rows,
                note: "Counted at the last re-estimation of each run; γ at its cap (10) and near-zero input variance mark "
                    + "the failure mode the paper describes for γ. `ab` has γ = 1, so its cap count is 0 by construction."))
        }
        // Gradient-vs-Newton angle on a small network, per seed, same initial weights for every mode.
        var anglesByMode: [TransformMode: [Double?]] = [:]
        var spreads: [TransformMode: [Double]] = [:]
        let experimentSeeds = (1...UInt64(max(s.curvatureSeeds, 1))).map { $0 }
        for seed in experimentSeeds {
            let data: Dataset
            do {
                data = try Self.curvatureData(s).load(samples: s.curvatureSamples, seed: seed, selection: .seeded)
            } catch let error as CurvatureError {
                throw ReproductionError.failed(error.description)
            }
            let experiment = CurvatureExperiment(hidden: s.curvatureHidden, steps: s.curvatureSteps, seed: seed)
            var reports: [CurvatureReport] = []
            for mode in modes {
                progress("curvature: seed \(seed), \(mode.rawValue)")
                do { reports.append(try experiment.run(data: data, transform: mode)) } catch let error as CurvatureError {
                    throw ReproductionError.failed(error.description)
                }
            }
            for (mode, angle) in zip(modes, Self.meanAngles(reports)) { anglesByMode[mode, default: []].append(angle) }
            for (mode, report) in zip(modes, reports) {
                if let spread = report.eigenvalueSpread { spreads[mode, default: []].append(spread) }
            }
        }
        for mode in [TransformMode.ab, .abg] {
            let differences = zip(anglesByMode[mode] ?? [], anglesByMode[.none] ?? []).compactMap { a, b in
                a.flatMap { a in b.map { a - $0 } }
            }
            measurements.append(ReproductionMeasurement.mean(
                key: "curvature.angle.\(mode.rawValue)-minus-none",
                label: "gradient–Newton angle, \(mode.rawValue) − none (degrees, mean over μ)", values: differences,
                method: "paired t"))
        }
        tables.append(ResultTable(
            title: "Gradient vs Newton direction on a small shortcut network",
            columns: ["transform", "seeds", "mean angle over μ, degrees [95% CI]", "median eigenvalue spread λmax/λmin+"],
            rows: modes.map { mode in
                let angles = (anglesByMode[mode] ?? []).compactMap { $0 }
                let summary = Summary(angles)
                let spread = (spreads[mode] ?? []).sorted()
                return [mode.rawValue, "\(angles.count)",
                        summary.map { Format.number($0.mean, decimals: 1) + " " + Format.interval($0.confidenceInterval) } ?? "—",
                        spread.isEmpty ? "—" : String(format: "%.3g", spread[spread.count / 2])]
            },
            note: "Network \(s.curvatureData == "synthetic" ? "10" : "49")-\(s.curvatureHidden.map(String.init).joined(separator: "-"))-\(s.curvatureData == "synthetic" ? "3" : "\(context.classCount)") with full shortcuts, "
                + "\(s.curvatureSteps) plain SGD steps (lr 0.1, batch 50) from the same initial weights for every transform, "
                + "on \(s.curvatureSamples) \(s.curvatureData == "synthetic" ? "samples of a seeded random-teacher problem" : "images average-pooled to 7×7"). "
                + "Angle between g and (H + μI)⁻¹g, averaged over the μ grid logspace(−4, −0.3, 20) where every transform has one."))
        let rule = Self.rule
        let gammaFaster = Finding(title: "γ speeds learning further (abg faster than ab)",
                                  rule: .all("abg vs ab", [.above("mlp.speedup.abg-over-ab", 1)]), measurements: measurements)
        let gammaWorse = Finding(title: "γ can converge to a worse optimum (abg less accurate than ab)",
                                 rule: .all("abg vs ab", [.below("mlp.acc.abg-minus-ab", 0)]), measurements: measurements)
        let plain = Finding(title: "ab learns faster than the plain MLP without shortcuts (the previous reproduction's comparison)",
                            rule: .all("ab vs the plain MLP", [.above("mlp.speedup.ab-over-none", 1), .above("mlp.acc.ab-minus-none", -0.01)]),
                            measurements: measurements)
        let setup = [
            "Data: `\(s.dataset)`, \(ReproductionScale.samples(s.trainLimit)); 10% held out for validation; accuracy on the test split. The paper used MNIST.",
            "Model: tanh MLP \(context.mlp([s.hidden, s.hidden])), \(s.epochs) epochs — the authors used 784-800-800-10 "
                + "for hundreds of epochs; widths and epochs are scaled down for 2 CPU cores.",
            "Variants: `shortcuts` (the fully shortcut-connected network with plain tanh: the authors' untransformed baseline, "
                + "the reference of the verdict), `none` (a plain tanh MLP without shortcuts), `ab` and `abg` (γ type 1), all with full "
                + "shortcut connectivity except `none`. SGD with momentum 0.5, batch \(Self.batchSize). "
                + ProtocolText.tuning(outcomes, range: Self.tuning) + " The authors' momentum ramps from 0.5 to 0.9 over a 50-epoch "
                + "burn-in, which our few epochs never leave; no Gaussian input noise (the authors used 0.3). "
                + (Self.normalization(s.dataset) == .center ? "" : "Inputs are standardised per feature (the CSV default, zero-mean). ")
                + "Image inputs are centred per pixel (zero mean over the training split, as the authors' zero-mean MNIST): with "
                + "pixels in [0, 1] instead, ab at lr 0.7 and abg at lr 0.2 diverged within two epochs. α, β, γ are re-estimated "
                + "every \(Self.transformEvery) steps on the current minibatch.",
            ProtocolText.seeds(outcomes, scale: s) + " The curvature analysis uses \(s.curvatureSeeds) seeds.",
            "Margin: \"no less accurate\" = the interval of the accuracy difference above −1 point.",
        ]
        return ReproductionAnalysis(
            setup: setup,
            interpretations: [
                "Re-estimation on the current minibatch every \(Self.transformEvery) steps (the authors: every step early on, "
                    + "then once per epoch, with input noise).",
                "The curvature analysis uses the full-batch gradient and Hessian (the authors used the current minibatch) and "
                    + "averages the angle over the μ grid.",
            ],
            tables: tables, measurements: measurements, rule: rule, findings: [gammaFaster, gammaWorse, plain],
            summary: XuReproduction.summary(measurements, keys: ["mlp.speedup.ab"], points: false) + "; "
                + XuReproduction.summary(measurements, keys: ["mlp.acc.ab"]) + "; "
                + XuReproduction.summary(measurements, keys: ["curvature.angle.ab-minus-none"], points: false))
    }
}
