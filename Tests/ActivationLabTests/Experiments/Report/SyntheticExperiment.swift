import Foundation
@testable import ActivationLab

/// A run store filled with plausible synthetic runs, for report tests and the example screenshot.
///
/// Curves follow `acc(e) = ceiling − (ceiling − start)·exp(−e/τ)` with seeded noise, losses the matching
/// decay, time a per-variant seconds-per-epoch with jitter, and per-layer diagnostics typical of each
/// activation (ReLU: half its activations in the flat region and a few dead units; tanh: rising
/// saturation; transformed tanh: γ-at-cap counters). The default variants:
/// - `relu` (baseline) reaches the target in every run;
/// - `penalized-tanh` reaches it sooner but costs more seconds per epoch;
/// - `tanh abg` (a `--transform abg` run) never reaches it;
/// - `linear-exp` (an interpreted head) reaches it fast, records clamp events, and its last seed diverges.
///
/// With `protocolEra` (the default) the store looks like one `actlab compare` writes today: step evaluations
/// (8 per epoch), test accuracy and step budgets on every run, a learning-rate tuning curve per variant (6
/// trials, the evaluation runs at the best one; `linear-exp` diverges above 0.1), a pilot run and the protocol
/// record (target source, tuned values, step costs). Without it, epochs only, as stores before the protocol.
struct SyntheticExperiment {
    struct Variant {
        var name: String
        var start: Double
        var ceiling: Double
        var tau: Double
        var secondsPerEpoch: Double
        var activation: String
        var head = "softmax-ce"
        var transform: TransformMode = .none
        var divergesInLastSeedAt: Int? = nil
        /// The learning rate at which tuning trials score best.
        var bestLearningRate = 0.1
        /// Tuning trials above this learning rate diverge.
        var divergesAbove = 0.9
    }

    static let defaultVariants: [Variant] = [
        Variant(name: "relu", start: 0.80, ceiling: 0.895, tau: 2.6, secondsPerEpoch: 2.1, activation: "relu"),
        Variant(name: "penalized-tanh", start: 0.815, ceiling: 0.9, tau: 2.0, secondsPerEpoch: 2.35, activation: "penalized-tanh",
                bestLearningRate: 0.05),
        Variant(name: "tanh abg", start: 0.75, ceiling: 0.85, tau: 3.2, secondsPerEpoch: 2.9, activation: "tanh", transform: .abg,
                bestLearningRate: 0.3),
        Variant(name: "linear-exp", start: 0.81, ceiling: 0.892, tau: 1.8, secondsPerEpoch: 2.0, activation: "relu",
                head: "linear-exp", divergesInLastSeedAt: 6, bestLearningRate: 0.01, divergesAbove: 0.1),
    ]

    var name = "fashion-mlp-activations"
    var variants = SyntheticExperiment.defaultVariants
    var seeds: [UInt64] = [1, 2, 3]
    var epochs = 10
    var target = 0.87
    var layerWidths = [256, 128]
    var protocolEra = true
    /// Optimiser steps per epoch (evaluations every `stepsPerEpoch / 8` steps).
    var stepsPerEpoch = 40
    var tuningPlan = try! TuningPlan("lr", budget: 6)
    var tuneEpochs = 3

    var spec: ExperimentSpec {
        ExperimentSpec(name: name, dataset: "fashion-mnist", model: "mlp:784-" + layerWidths.map(String.init).joined(separator: "-") + "-10",
                       baseline: variants[0].name, variants: variants.map(\.name), seeds: seeds, epochs: epochs,
                       targetAccuracy: target,
                       configuration: #"{"variants":{"penalized-tanh":{"activation":"penalized-tanh"},"tanh abg":{"activation":"tanh","transform":"abg"},"linear-exp":{"head":"linear-exp"}}}"#)
    }

    func configuration(_ variant: Variant, seed: UInt64) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dataset = spec.dataset
        c.model = spec.model
        c.activation = variant.activation
        c.head = variant.head
        c.transform = variant.transform
        if variant.transform != .none { c.learningRate = 0.2 }
        c.epochs = epochs
        c.seed = seed
        return c
    }

    /// The epochs of one run, and whether it diverged.
    func epochs(_ variant: Variant, seed: UInt64, variantIndex: Int) -> (epochs: [EpochMetrics], diverged: Bool) {
        var rng = SeededGenerator.derived(seed: seed, stream: UInt64(variantIndex + 1))
        func noise(_ scale: Double) -> Double { Double(rng.normal()) * scale }
        let seedShift = noise(0.004)
        let diverges = seed == seeds.last ? variant.divergesInLastSeedAt : nil
        let last = diverges ?? epochs
        var elapsed = 0.0
        var result: [EpochMetrics] = []
        for epoch in 1...last {
            let e = Double(epoch)
            let progress = exp(-e / variant.tau)
            var accuracy = min(0.99, variant.ceiling + seedShift - (variant.ceiling - variant.start) * progress + noise(0.0035))
            var loss = 0.27 + 0.45 * progress + noise(0.012) + (variant.head == "linear-exp" ? 0.35 : 0)
            let seconds = variant.secondsPerEpoch * (1 + noise(0.04))
            elapsed += seconds
            var validationLoss = loss + 0.04 + noise(0.01), crossEntropy = 0.3 + 0.35 * progress + noise(0.01)
            if epoch == diverges {
                // What the trainer stores when the validation loss blows up: chance accuracy, non-finite losses.
                loss = 4.6
                validationLoss = .nan
                crossEntropy = .infinity
                accuracy = 0.1
            }
            let layers = layerWidths.enumerated().map { (i, units) -> LayerDiagnostics in
                let depth = Double(i)
                switch variant.activation {
                case "relu":
                    return LayerDiagnostics(layer: "\(i + 1):relu", units: units, saturatedFraction: 0.46 + 0.04 * depth + 0.02 * (1 - progress) + noise(0.004),
                                            deadUnits: Int((2 + 3 * depth + 4 * (1 - progress) + noise(1)).rounded().clamped(0, 50)),
                                            gradientNorm: (0.09 + 0.05 * progress) / (1 + depth) * (1 + noise(0.05)))
                case "tanh":
                    return LayerDiagnostics(layer: "\(i + 1):tanh", units: units, saturatedFraction: 0.06 + 0.05 * depth + 0.12 * (1 - progress) + noise(0.004),
                                            deadUnits: 0, gradientNorm: (0.05 + 0.05 * progress) / (1 + depth) * (1 + noise(0.05)),
                                            extra: ["gamma_at_cap": (Double(2 + 6 * i) * (1 - progress) + noise(1)).rounded().clamped(0, 100),
                                                    "low_variance_fraction": 0.02 + 0.05 * depth * (1 - progress) + abs(noise(0.004))])
                default:
                    return LayerDiagnostics(layer: "\(i + 1):\(variant.activation)", units: units,
                                            saturatedFraction: 0.1 + 0.04 * depth + 0.06 * (1 - progress) + noise(0.004), deadUnits: 0,
                                            gradientNorm: (0.07 + 0.05 * progress) / (1 + depth) * (1 + noise(0.05)))
                }
            }
            result.append(EpochMetrics(
                epoch: epoch, trainLoss: loss, validationLoss: validationLoss, validationAccuracy: accuracy,
                validationCrossEntropy: crossEntropy, seconds: seconds, elapsedSeconds: elapsed,
                learningRate: 0.05, gradientNorm: (0.6 + 1.2 * progress) * (1 + noise(0.06)),
                clampEvents: variant.head == "linear-exp" ? Int((30 * progress + noise(3)).rounded().clamped(0, 1000)) : 0,
                layers: layers))
        }
        return (result, diverges != nil)
    }

    /// Creates the experiment in `store` and writes every run (and, with `protocolEra`, the tuning trials,
    /// the pilot and the protocol record first, as `compare` does).
    @discardableResult
    func fill(_ store: RunStore) throws -> Experiment {
        let experiment = try store.createOrFindExperiment(spec)
        var tuned: [String: [String: Double]] = [:]
        if protocolEra {
            for (index, variant) in variants.enumerated() {
                tuned[variant.name] = try writeTuningTrials(variant, index: index, store: store, experiment: experiment)
            }
            try writePilot(store: store, experiment: experiment, learningRate: tuned[variants[0].name]?["lr"])
            try store.setProtocol(protocolRecord(tuned: tuned).json, experiment: experiment)
        }
        for (index, variant) in variants.enumerated() {
            for seed in seeds {
                var configuration = configuration(variant, seed: seed)
                if let lr = tuned[variant.name]?["lr"] { configuration.learningRate = lr }
                let cell = Cell(variant: variant.name, seed: seed)
                guard let claim = try store.claimRun(experiment: experiment, cell: cell, configuration: configuration) else { continue }
                let (epochs, diverged) = epochs(variant, seed: seed, variantIndex: index)
                for metrics in epochs { try store.appendEpoch(metrics, to: claim) }
                let budget = protocolEra ? self.epochs * stepsPerEpoch : nil
                if protocolEra {
                    for point in evaluations(epochs, diverged: diverged, seed: seed, variantIndex: index) {
                        try store.appendEvaluation(point, to: claim)
                    }
                }
                if diverged {
                    try store.finish(claim, status: .diverged, reason: "the validation loss became nan",
                                     divergedEpoch: epochs.count, divergedStep: protocolEra ? epochs.count * stepsPerEpoch : epochs.count * 422 - 17,
                                     steps: protocolEra ? epochs.count * stepsPerEpoch : nil, stepBudget: budget)
                } else {
                    let test = protocolEra ? testAccuracy(epochs, seed: seed, variantIndex: index) : nil
                    try store.finish(claim, status: .finished,
                                     test: test.map { Evaluation(loss: 0.3, crossEntropy: 0.3, accuracy: $0, count: 1000) },
                                     steps: budget, stepBudget: budget)
                }
            }
        }
        return experiment
    }

    /// Evaluations every `stepsPerEpoch / 8` steps: between epoch ends the curve's value at the fractional
    /// epoch with noise of its own stream, at an epoch's end the epoch's own validation accuracy. A diverged
    /// run's last evaluation has a NaN loss and chance accuracy, as the trainer stores it.
    func evaluations(_ epochs: [EpochMetrics], diverged: Bool, seed: UInt64, variantIndex: Int) -> [EvaluationPoint] {
        var rng = SeededGenerator.derived(seed: seed, stream: UInt64(100 + variantIndex))
        let variant = variants[variantIndex]
        let interval = stepsPerEpoch / 8
        var points: [EvaluationPoint] = []
        var previousElapsed = 0.0
        for metrics in epochs {
            for k in 1...8 {
                let step = (metrics.epoch - 1) * stepsPerEpoch + k * interval
                let elapsed = previousElapsed + (metrics.elapsedSeconds - previousElapsed) * Double(k) / 8
                if k == 8 {
                    points.append(EvaluationPoint(step: step, epoch: metrics.epoch, validationAccuracy: metrics.validationAccuracy,
                                                  validationLoss: metrics.validationLoss, elapsedSeconds: elapsed))
                } else {
                    let e = Double(metrics.epoch - 1) + Double(k) / 8
                    let accuracy = variant.ceiling - (variant.ceiling - variant.start) * exp(-e / variant.tau) + Double(rng.normal()) * 0.004
                    points.append(EvaluationPoint(step: step, epoch: metrics.epoch, validationAccuracy: min(accuracy, 0.99),
                                                  validationLoss: 0.3 + 0.45 * exp(-e / variant.tau), elapsedSeconds: elapsed))
                }
            }
            previousElapsed = metrics.elapsedSeconds
        }
        _ = diverged  // the diverged epoch's own values (NaN loss) already end the list
        return points
    }

    /// The test accuracy of a finished run: its last validation accuracy less about half a point.
    func testAccuracy(_ epochs: [EpochMetrics], seed: UInt64, variantIndex: Int) -> Double? {
        var rng = SeededGenerator.derived(seed: seed, stream: UInt64(200 + variantIndex))
        return epochs.last.map { $0.validationAccuracy - 0.005 + Double(rng.normal()) * 0.002 }
    }

    /// The tuning trials of `variant` (cells `<name> [tune i/n]` on the tuning seed, `tuneEpochs` each);
    /// returns the chosen values: the best trial's, as `ProtocolRunner` chooses.
    func writeTuningTrials(_ variant: Variant, index: Int, store: RunStore, experiment: Experiment) throws -> [String: Double] {
        var rng = SeededGenerator.derived(seed: ProtocolSettings.firstTuningSeed, stream: UInt64(300 + index))
        var best: (values: [String: Double], score: Double)?
        for trial in 0..<tuningPlan.budget {
            let values = tuningPlan.trial(trial)
            let lr = values["lr"]!
            var configuration = tuningPlan.apply(values, to: self.configuration(variant, seed: ProtocolSettings.firstTuningSeed))
            configuration.epochs = tuneEpochs
            let cell = Cell(variant: "\(variant.name) [tune \(trial + 1)/\(tuningPlan.budget)]", seed: ProtocolSettings.firstTuningSeed)
            guard let claim = try store.claimRun(experiment: experiment, cell: cell, configuration: configuration, kind: .tuning) else { continue }
            let distance = log10(lr / variant.bestLearningRate)
            let score = min(0.99, variant.ceiling - 0.02 - 0.05 * distance * distance + Double(rng.normal()) * 0.003)
            let diverges = lr > variant.divergesAbove
            var elapsed = 0.0
            for epoch in 1...(diverges ? 1 : tuneEpochs) {
                elapsed += variant.secondsPerEpoch
                let accuracy = diverges ? 0.1 : score - (score - 0.5) * exp(-Double(epoch) * 1.4)
                let metrics = EpochMetrics(epoch: epoch, trainLoss: diverges ? 9 : 0.4 + 0.3 / Double(epoch),
                                           validationLoss: diverges ? .nan : 0.45, validationAccuracy: accuracy,
                                           validationCrossEntropy: diverges ? .infinity : 0.45, seconds: variant.secondsPerEpoch,
                                           elapsedSeconds: elapsed, learningRate: lr)
                try store.appendEpoch(metrics, to: claim)
                try store.appendEvaluation(EvaluationPoint(step: epoch * stepsPerEpoch, epoch: epoch, validationAccuracy: accuracy,
                                                           validationLoss: metrics.validationLoss, elapsedSeconds: elapsed), to: claim)
            }
            if diverges {
                try store.finish(claim, status: .diverged, reason: "the validation loss became nan", divergedEpoch: 1,
                                 divergedStep: stepsPerEpoch, steps: stepsPerEpoch, stepBudget: tuneEpochs * stepsPerEpoch)
            } else {
                try store.finish(claim, status: .finished, steps: tuneEpochs * stepsPerEpoch, stepBudget: tuneEpochs * stepsPerEpoch)
                if best == nil || score > best!.score { best = (values, score) }
            }
        }
        return best?.values ?? [:]
    }

    /// The baseline on the pilot seed, at its tuned learning rate.
    func writePilot(store: RunStore, experiment: Experiment, learningRate: Double?) throws {
        var configuration = configuration(variants[0], seed: ProtocolSettings.pilotSeed)
        if let learningRate { configuration.learningRate = learningRate }
        let cell = Cell(variant: "\(variants[0].name) [pilot]", seed: ProtocolSettings.pilotSeed)
        guard let claim = try store.claimRun(experiment: experiment, cell: cell, configuration: configuration, kind: .pilot) else { return }
        let (epochs, _) = epochs(variants[0], seed: ProtocolSettings.pilotSeed, variantIndex: 0)
        for metrics in epochs { try store.appendEpoch(metrics, to: claim) }
        for point in evaluations(epochs, diverged: false, seed: ProtocolSettings.pilotSeed, variantIndex: 0) {
            try store.appendEvaluation(point, to: claim)
        }
        try store.finish(claim, status: .finished, steps: self.epochs * stepsPerEpoch, stepBudget: self.epochs * stepsPerEpoch)
    }

    /// The protocol as `ProtocolRunner` stores it: the tuning plan, the target the pilot set, tuned values and step costs.
    func protocolRecord(tuned: [String: [String: Double]]) -> ProtocolRecord {
        var settings = ProtocolSettings()
        settings.tune = tuningPlan.text
        settings.tuneBudget = tuningPlan.budget
        settings.tuneEpochs = tuneEpochs
        var record = ProtocolRecord(settings: settings)
        record.targetAccuracy = target
        record.targetSource = String(format: "pilot: 99%% of the tuned baseline's best validation accuracy %.4f on seed %llu",
                                     target / 0.99, ProtocolSettings.pilotSeed)
        record.tunedValues = tuned
        record.stepSeconds = Dictionary(uniqueKeysWithValues: variants.map { ($0.name, $0.secondsPerEpoch / Double(stepsPerEpoch) * 0.9) })
        record.stepCostMethod = "median over 7 interleaved rounds of 4 steps per variant, after 3 warm-up steps, in one process"
        return record
    }
}

fileprivate extension Comparable {
    func clamped(_ low: Self, _ high: Self) -> Self { min(max(self, low), high) }
}
