/// Per-layer diagnostics aggregated over seeds by epoch, arranged for small multiples: one row per
/// metric (saturated fraction, dead units, gradient norm, then every technique counter found in
/// `LayerDiagnostics.extra`), one panel per layer position, one curve per variant.
///
/// Layers are matched across variants by their position in `EpochMetrics.layers` (the activation
/// layers in network order), since variants may use different activations at the same position.
public struct LayerDiagnosticsSummary: Sendable {
    public struct Curve: Sendable {
        public let variant: String
        public let curve: CurveAggregate
    }

    public struct Panel: Sendable {
        /// 1-based position among the activation layers.
        public let layer: Int
        /// The distinct layer labels at this position across variants, e.g. `["1:tanh", "1:relu"]`.
        public let names: [String]
        /// The distinct unit counts at this position.
        public let units: [Int]
        public let curves: [Curve]
    }

    public struct Metric: Sendable {
        /// `saturated_fraction`, `dead_units`, `gradient_norm` or an `extra` key.
        public let key: String
        public let label: String
        public let panels: [Panel]
    }

    /// Metrics with at least one non-zero value, in display order.
    public let metrics: [Metric]
    /// Labels of metrics that were recorded but are 0 in every layer, epoch and run (shown as a note, not a chart).
    public let allZero: [String]

    /// - Parameter variants: per variant (in report order), the epochs of each of its complete runs.
    public init(variants: [(name: String, runs: [[EpochMetrics]])]) {
        let layerCount = variants.flatMap { $0.runs.flatMap { $0.map(\.layers.count) } }.max() ?? 0
        var extraKeys = Set<String>()
        for variant in variants { for run in variant.runs { for epoch in run { for layer in epoch.layers {
            extraKeys.formUnion(layer.extra.keys)
        } } } }
        let standard: [(String, String, (LayerDiagnostics) -> Double)] = [
            ("saturated_fraction", "saturated fraction", { $0.saturatedFraction }),
            ("dead_units", "dead units", { Double($0.deadUnits) }),
            ("gradient_norm", "gradient norm ‖∂L/∂x‖", { $0.gradientNorm }),
        ]
        let extras: [(String, String, (LayerDiagnostics) -> Double)] = extraKeys.sorted().map { key in
            (key, key.replacingOccurrences(of: "_", with: " "), { $0.extra[key] ?? .nan })
        }
        var metrics: [Metric] = []
        var allZero: [String] = []
        for (key, label, value) in layerCount > 0 ? standard + extras : [] {
            var panels: [Panel] = []
            var anyNonZero = false
            for position in 0..<layerCount {
                var names: [String] = [], units: [Int] = []
                var curves: [Curve] = []
                for variant in variants {
                    let series: [[(epoch: Int, value: Double)]] = variant.runs.map { run in
                        run.compactMap { epoch in
                            guard position < epoch.layers.count else { return nil }
                            let layer = epoch.layers[position]
                            if !names.contains(layer.layer) { names.append(layer.layer) }
                            if !units.contains(layer.units) { units.append(layer.units) }
                            let v = value(layer)
                            if v.isFinite && v != 0 { anyNonZero = true }
                            return (epoch.epoch, v)
                        }
                    }
                    let curve = CurveAggregate.byEpoch(series.filter { !$0.isEmpty })
                    if !curve.isEmpty { curves.append(Curve(variant: variant.name, curve: curve)) }
                }
                if !curves.isEmpty {
                    panels.append(Panel(layer: position + 1, names: names, units: units, curves: curves))
                }
            }
            guard !panels.isEmpty else { continue }
            if anyNonZero {
                metrics.append(Metric(key: key, label: label, panels: panels))
            } else {
                allZero.append(label)
            }
        }
        self.metrics = metrics
        self.allZero = allZero
    }

    public var isEmpty: Bool { metrics.isEmpty && allZero.isEmpty }
}
