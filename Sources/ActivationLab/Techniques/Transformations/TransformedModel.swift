/// Transformed-nonlinearity networks (Raiko et al. 2012; Vatanen et al. 2013): a fully shortcut-connected
/// MLP of transformed tanh units, re-estimated every `transformEvery` steps by a `StepHook`.
enum TransformedModel {
    /// The shortcut network for a resolved mlp spec (no `auto` widths); `configuration` has been validated
    /// (tanh units, an mlp, no adversarial or HD-FGD layers).
    static func build(spec: ModelSpec, configuration: TrainingConfiguration, rng: inout SeededGenerator) throws -> any Layer {
        guard case let .mlp(widths) = spec else { preconditionFailure("validate() admits transforms on mlp models only, resolved by ModelBuilder") }
        return try ShortcutNetwork(sizes: widths, transform: configuration.transform, gammaType: configuration.gammaType, rng: &rng)
    }
}

/// Re-estimates α, β, γ on the current minibatch every `schedule.every` steps.
public final class TransformationHook: StepHook {
    public let schedule: TransformationSchedule
    private var rng: SeededGenerator

    public init(schedule: TransformationSchedule, seed: UInt64) {
        self.schedule = schedule
        rng = SeededGenerator.derived(seed: seed, stream: 0x7A45)
    }

    public func afterStep(_ step: Int, batch: Tensor, model: any Layer) {
        guard let network = model as? ShortcutNetwork else { return }
        schedule.apply(to: network, step: step, batch: batch, using: &rng)
    }
}

extension ShortcutNetwork: DiagnosticsReporting {
    /// Per hidden layer: saturation and dead units on the last forward pass, the mean pre-activation
    /// gradient norm since the last call, and the γ failure-mode counters of the last re-estimation.
    public func diagnostics(namePrefix: String) -> [LayerDiagnostics] {
        guard hiddenTanh.count == depth - 1 else { return [] }
        let steps = max(gradientNormSteps, 1)
        defer {
            preActivationGradientNorms = preActivationGradientNorms.map { _ in 0 }
            gradientNormSteps = 0
        }
        return (1..<depth).map { l in
            let unit = nonlinearities[l - 1]
            let (t, y) = (hiddenTanh[l - 1], layerOutputs[l])
            let (samples, units) = (t.rows, t.columns)
            var saturated = 0
            var alive = [Bool](repeating: false, count: units)
            for r in 0..<samples {
                for j in 0..<units {
                    let (alpha, gamma) = (unit.alpha[j], unit.gamma[j])
                    let tanh = t[flat: r * units + j]
                    let maximumSlope = abs(gamma) * max(abs(1 + alpha), abs(alpha))
                    if abs(gamma * (1 - tanh * tanh + alpha)) < 0.05 * maximumSlope { saturated += 1 }
                    if y[flat: r * units + j] != 0 { alive[j] = true }
                }
            }
            let extra = l - 1 < lastDiagnostics.count ? lastDiagnostics[l - 1].extra : [:]
            let norm = l - 1 < preActivationGradientNorms.count ? preActivationGradientNorms[l - 1] / Double(steps) : 0
            return LayerDiagnostics(layer: "\(namePrefix)\(l):transformed-tanh", units: units,
                                    saturatedFraction: Double(saturated) / Double(max(samples * units, 1)),
                                    deadUnits: alive.filter { !$0 }.count, gradientNorm: norm, extra: extra)
        }
    }
}
