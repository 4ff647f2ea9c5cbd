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
    }

    static let defaultVariants: [Variant] = [
        Variant(name: "relu", start: 0.80, ceiling: 0.895, tau: 2.6, secondsPerEpoch: 2.1, activation: "relu"),
        Variant(name: "penalized-tanh", start: 0.815, ceiling: 0.9, tau: 2.0, secondsPerEpoch: 2.35, activation: "penalized-tanh"),
        Variant(name: "tanh abg", start: 0.75, ceiling: 0.85, tau: 3.2, secondsPerEpoch: 2.9, activation: "tanh", transform: .abg),
        Variant(name: "linear-exp", start: 0.81, ceiling: 0.892, tau: 1.8, secondsPerEpoch: 2.0, activation: "relu",
                head: "linear-exp", divergesInLastSeedAt: 6),
    ]

    var name = "fashion-mlp-activations"
    var variants = SyntheticExperiment.defaultVariants
    var seeds: [UInt64] = [1, 2, 3]
    var epochs = 10
    var target = 0.87
    var layerWidths = [256, 128]

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

    /// Creates the experiment in `store` and writes every run.
    @discardableResult
    func fill(_ store: RunStore) throws -> Experiment {
        let experiment = try store.createOrFindExperiment(spec)
        for (index, variant) in variants.enumerated() {
            for seed in seeds {
                let cell = Cell(variant: variant.name, seed: seed)
                guard let claim = try store.claimRun(experiment: experiment, cell: cell,
                                                     configuration: configuration(variant, seed: seed)) else { continue }
                let (epochs, diverged) = epochs(variant, seed: seed, variantIndex: index)
                for metrics in epochs { try store.appendEpoch(metrics, to: claim) }
                if diverged {
                    try store.finish(claim, status: .diverged, reason: "the validation loss became nan",
                                     divergedEpoch: epochs.count, divergedStep: epochs.count * 422 - 17)
                } else {
                    try store.finish(claim, status: .finished)
                }
            }
        }
        return experiment
    }
}

fileprivate extension Comparable {
    func clamped(_ low: Self, _ high: Self) -> Self { min(max(self, low), high) }
}
