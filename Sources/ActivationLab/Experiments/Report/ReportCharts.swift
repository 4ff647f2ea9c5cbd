/// The charts of a report, built from an `ExperimentReport` as `SVGChart` values: learning curves
/// against epochs and against time (mean line, shaded ±sd band, faint per-seed curves), final accuracy
/// and epochs to target per seed, whole-network dynamics, and per-layer small multiples.
public struct ReportCharts: Sendable {
    public let report: ExperimentReport
    /// How elapsed time is shown on time axes, chosen from the longest run.
    public let timeUnit: TimeUnit

    public enum TimeUnit: Sendable {
        case seconds, minutes, hours

        public var divisor: Double {
            switch self {
            case .seconds: 1
            case .minutes: 60
            case .hours: 3600
            }
        }

        public var name: String {
            switch self {
            case .seconds: "seconds"
            case .minutes: "minutes"
            case .hours: "hours"
            }
        }

        /// Seconds up to 5 minutes, minutes up to 3 hours, then hours.
        public init(longest seconds: Double) {
            self = seconds <= 300 ? .seconds : seconds <= 3 * 3600 ? .minutes : .hours
        }
    }

    public init(_ report: ExperimentReport) {
        self.report = report
        timeUnit = TimeUnit(longest: report.timeGrid.last ?? 0)
    }

    var epochBudget: Int {
        max(report.spec.epochs, report.runs.flatMap { $0.epochs.map(\.epoch) }.max() ?? 1)
    }

    var seedCount: Int { report.spec.seeds.count }

    func colour(_ variant: VariantReport) -> String { ReportPalette.colour(variant.index) }

    var legend: [SVGChart.LegendEntry] {
        report.variants.map {
            SVGChart.LegendEntry($0.name, colour: colour($0), dashed: ReportPalette.isDashed($0.index), band: true)
        } + (hasDiverged ? [SVGChart.LegendEntry("diverged", colour: "#5f6670", marker: .cross)] : [])
    }

    var hasDiverged: Bool { report.runs.contains { $0.run.status == .diverged } }

    var epochAxis: SVGChart.Axis {
        let last = Double(epochBudget)
        return SVGChart.Axis(label: "epoch", domain: last > 1 ? 1...last : 0.5...1.5, integerTicks: true)
    }

    var timeAxis: SVGChart.Axis {
        let end = (report.timeGrid.last ?? 1) / timeUnit.divisor
        return SVGChart.Axis(label: "wall-clock \(timeUnit.name) since start", domain: 0...max(end, 1e-9))
    }

    var targetRule: SVGChart.Mark {
        SVGChart.Mark(.rule(y: report.spec.targetAccuracy, label: "target \(ReportFormat.target(report.spec.targetAccuracy))"),
                      colour: "#6b7280")
    }

    /// Band, per-seed curves and mean line of every variant: all bands first, then seeds, then means, so
    /// no band hides another variant's line.
    func curveMarks(aggregate: (VariantReport) -> CurveAggregate, seeds: (VariantReport) -> [[SVGChart.Point]],
                    xScale: Double = 1) -> [SVGChart.Mark] {
        var bands: [SVGChart.Mark] = [], seedLines: [SVGChart.Mark] = [], means: [SVGChart.Mark] = []
        var divergences: [SVGChart.Mark] = []
        for variant in report.variants {
            let curve = aggregate(variant)
            let c = colour(variant)
            let xs = curve.x.map { $0 / xScale }
            bands.append(SVGChart.Mark(.band(x: xs, lower: curve.lower, upper: curve.upper), colour: c, opacity: 0.16))
            for (run, seed) in zip(variant.completeRuns, seeds(variant)) {
                seedLines.append(SVGChart.Mark(.line(seed, width: 1, dashed: false), colour: c, opacity: 0.3, affectsDomain: false))
                // A diverged run ends in a ×.
                if run.run.status == .diverged, let end = seed.last(where: { $0.x.isFinite && $0.y.isFinite }) {
                    divergences.append(SVGChart.Mark(.points([end], marker: .cross, radius: 4.5, filled: false), colour: c,
                                                     affectsDomain: false))
                }
            }
            means.append(SVGChart.Mark(.line(zip(xs, curve.mean).map { SVGChart.Point($0, $1) }, width: 2.4,
                                             dashed: ReportPalette.isDashed(variant.index)), colour: c))
        }
        return bands + seedLines + means + divergences
    }

    func seedCurves(_ variant: VariantReport, x: (EpochMetrics) -> Double, y: (EpochMetrics) -> Double) -> [[SVGChart.Point]] {
        variant.completeRuns.map { run in run.curveEpochs.map { SVGChart.Point(x($0), y($0)) } }
    }

    var bandNote: String {
        "mean ± sd over seeds (\(seedCount) per variant); faint lines: individual seeds"
    }

    // MARK: Learning curves

    public var accuracyByEpoch: SVGChart {
        SVGChart(id: "accuracy-epoch", title: "Validation accuracy by epoch", subtitle: bandNote, x: epochAxis,
                 y: SVGChart.Axis(label: "validation accuracy", format: .percent, bounds: 0...1),
                 marks: curveMarks(aggregate: \.accuracyByEpoch,
                                   seeds: { seedCurves($0, x: { Double($0.epoch) }, y: \.validationAccuracy) }) + [targetRule],
                 legend: legend)
    }

    public var accuracyByTime: SVGChart {
        let d = timeUnit.divisor
        return SVGChart(id: "accuracy-time", title: "Validation accuracy against wall-clock time", subtitle: bandNote, x: timeAxis,
                        y: SVGChart.Axis(label: "validation accuracy", format: .percent, bounds: 0...1),
                        marks: curveMarks(aggregate: \.accuracyBySeconds,
                                          seeds: { seedCurves($0, x: { $0.elapsedSeconds / d }, y: \.validationAccuracy) },
                                          xScale: d) + [targetRule],
                        legend: legend)
    }

    /// Whether variants use different heads, so their training losses are different functions.
    var headsDiffer: Bool { Set(report.variants.compactMap(\.configuration?.head)).count > 1 }

    var lossLabel: String { headsDiffer ? "training loss (each head's own)" : "training loss" }

    /// Every head's loss is ≥ 0, so a ±sd band below 0 is cut at the axis.
    var lossAxis: SVGChart.Axis { SVGChart.Axis(label: lossLabel, bounds: 0...Double.greatestFiniteMagnitude) }

    public var trainLossByEpoch: SVGChart {
        SVGChart(id: "loss-epoch", title: "Training loss by epoch", subtitle: bandNote, x: epochAxis,
                 y: lossAxis,
                 marks: curveMarks(aggregate: \.trainLossByEpoch,
                                   seeds: { seedCurves($0, x: { Double($0.epoch) }, y: \.trainLoss) }),
                 legend: legend)
    }

    public var trainLossByTime: SVGChart {
        let d = timeUnit.divisor
        return SVGChart(id: "loss-time", title: "Training loss against wall-clock time", subtitle: bandNote, x: timeAxis,
                        y: lossAxis,
                        marks: curveMarks(aggregate: \.trainLossBySeconds,
                                          seeds: { seedCurves($0, x: { $0.elapsedSeconds / d }, y: \.trainLoss) }, xScale: d),
                        legend: legend)
    }

    // MARK: Across seeds

    var categoryAxis: SVGChart.Axis {
        SVGChart.Axis(label: "", domain: -0.5...(Double(report.variants.count) - 0.5),
                      ticks: report.variants.enumerated().map { SVGChart.Tick(Double($0.offset), $0.element.name) })
    }

    /// Deterministic horizontal spread of the k-th of `count` points around a category.
    static func jitter(_ k: Int, of count: Int) -> Double {
        guard count > 1 else { return 0 }
        return -0.18 + 0.36 * Double(k) / Double(count - 1)
    }

    public var finalAccuracy: SVGChart {
        var marks: [SVGChart.Mark] = [targetRule]
        for (i, variant) in report.variants.enumerated() {
            let c = colour(variant)
            if let summary = variant.statistics.finalAccuracy {
                let interval = summary.confidenceInterval ?? summary.mean...summary.mean
                marks.append(SVGChart.Mark(.errorBars([SVGChart.ErrorBar(x: Double(i) + 0.24, low: interval.lowerBound,
                                                                         high: interval.upperBound, centre: summary.mean)],
                                                      width: 1.6), colour: c, opacity: 0.85))
            }
            // The same runs as `VariantStatistics.finalAccuracies`, keeping which of them diverged.
            let finals = variant.statistics.curves.compactMap { curve in curve.finalAccuracy.map { ($0, curve.diverged) } }
            var kept: [SVGChart.Point] = [], diverged: [SVGChart.Point] = []
            for (k, (value, didDiverge)) in finals.enumerated() {
                let point = SVGChart.Point(Double(i) - 0.08 + ReportCharts.jitter(k, of: finals.count) * 0.6, value)
                if didDiverge { diverged.append(point) } else { kept.append(point) }
            }
            marks.append(SVGChart.Mark(.points(kept, marker: ReportPalette.marker(variant.index), radius: 4.2, filled: true),
                                       colour: c, opacity: 0.9))
            marks.append(SVGChart.Mark(.points(diverged, marker: .cross, radius: 4.6, filled: false), colour: c))
        }
        return SVGChart(id: "final-accuracy", title: "Final validation accuracy per seed",
                        subtitle: "points: one per seed (× diverged); bar: mean with its 95% confidence interval",
                        x: categoryAxis, y: SVGChart.Axis(label: "final validation accuracy", format: .percent, bounds: 0...1),
                        marks: marks)
    }

    public var epochsToTarget: SVGChart {
        let budget = Double(epochBudget)
        let scale = NiceScale(0...budget, count: 5, integer: true)
        var ticks = scale.ticks.filter { $0 <= budget }.map { SVGChart.Tick($0, ReportFormat.fixed($0, 0)) }
        let missY = budget + max(1, scale.step * 0.6)
        ticks.append(SVGChart.Tick(missY, "not reached"))
        var marks: [SVGChart.Mark] = [SVGChart.Mark(.rule(y: budget, label: "budget \(epochBudget) epochs"), colour: "#9aa0a6")]
        for (i, variant) in report.variants.enumerated() {
            let c = colour(variant), marker = ReportPalette.marker(variant.index)
            let times = variant.statistics.times
            var reached: [SVGChart.Point] = [], missed: [SVGChart.Point] = []
            for (k, time) in times.enumerated() {
                let x = Double(i) + ReportCharts.jitter(k, of: times.count)
                if let epoch = time.epoch { reached.append(SVGChart.Point(x, Double(epoch))) } else { missed.append(SVGChart.Point(x, missY)) }
            }
            if case .value(let median) = variant.statistics.timeToTarget.medianEpochs {
                marks.append(SVGChart.Mark(.errorBars([SVGChart.ErrorBar(x: Double(i), low: median, high: median, centre: median)],
                                                      width: 1.4), colour: c))
            }
            marks.append(SVGChart.Mark(.points(reached, marker: marker, radius: 4.2, filled: true), colour: c, opacity: 0.9))
            marks.append(SVGChart.Mark(.points(missed, marker: .cross, radius: 4.6, filled: false), colour: c))
        }
        return SVGChart(id: "epochs-to-target",
                        title: "Epochs to \(ReportFormat.target(report.spec.targetAccuracy)) validation accuracy",
                        subtitle: "points: one per seed; bar: median (runs that never reach it count as infinite); × not reached",
                        x: categoryAxis,
                        y: SVGChart.Axis(label: "epochs", domain: 0...(missY + scale.step * 0.3), ticks: ticks), marks: marks)
    }

    // MARK: Dynamics

    public var crossEntropyByEpoch: SVGChart {
        SVGChart(id: "cross-entropy-epoch", title: "Validation cross-entropy by epoch",
                 subtitle: "softmax cross-entropy of the logits, comparable across heads", x: epochAxis,
                 y: SVGChart.Axis(label: "validation cross-entropy", bounds: 0...Double.greatestFiniteMagnitude),
                 marks: curveMarks(aggregate: \.crossEntropyByEpoch,
                                   seeds: { seedCurves($0, x: { Double($0.epoch) }, y: \.validationCrossEntropy) }),
                 legend: legend)
    }

    public var gradientNormByEpoch: SVGChart {
        SVGChart(id: "gradient-norm-epoch", title: "Gradient norm by epoch",
                 subtitle: "mean ‖∇θ L‖ of the whole network over the epoch's steps", x: epochAxis,
                 y: SVGChart.Axis(label: "gradient norm", includeZero: true, bounds: 0...Double.greatestFiniteMagnitude),
                 marks: curveMarks(aggregate: \.gradientNormByEpoch,
                                   seeds: { seedCurves($0, x: { Double($0.epoch) }, y: \.gradientNorm) }),
                 legend: legend)
    }

    /// Whether any run recorded a clamp event (the chart is left out otherwise).
    public var hasClampEvents: Bool {
        report.runs.contains { $0.epochs.contains { $0.clampEvents > 0 } }
    }

    public var clampEventsByEpoch: SVGChart {
        SVGChart(id: "clamp-events-epoch", title: "Exponent clamp events by epoch",
                 subtitle: "safeguard events of boosted heads per epoch", x: epochAxis,
                 y: SVGChart.Axis(label: "clamp events", includeZero: true, bounds: 0...Double.greatestFiniteMagnitude),
                 marks: curveMarks(aggregate: \.clampEventsByEpoch,
                                   seeds: { seedCurves($0, x: { Double($0.epoch) }, y: { Double($0.clampEvents) }) }),
                 legend: legend)
    }

    // MARK: Layer small multiples

    /// Small multiples per row: one per layer position up to 4 (wider panels when there are fewer layers).
    public var layerColumns: Int {
        min(max(report.layerDiagnostics.metrics.map(\.panels.count).max() ?? 1, 1), 4)
    }

    /// One small chart per layer position for `metric`, one mean line and ±sd band per variant.
    public func layerPanels(_ metric: LayerDiagnosticsSummary.Metric) -> [SVGChart] {
        let width = min(620, 1260 / Double(layerColumns))
        let slug = String(metric.key.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })
        return metric.panels.map { panel in
            var bands: [SVGChart.Mark] = [], lines: [SVGChart.Mark] = []
            for curve in panel.curves {
                guard let variant = report.variant(named: curve.variant) else { continue }
                let c = colour(variant)
                bands.append(SVGChart.Mark(.band(x: curve.curve.x, lower: curve.curve.lower, upper: curve.curve.upper),
                                           colour: c, opacity: 0.14))
                lines.append(SVGChart.Mark(.line(zip(curve.curve.x, curve.curve.mean).map { SVGChart.Point($0, $1) },
                                                 width: 1.8, dashed: ReportPalette.isDashed(variant.index)), colour: c))
            }
            let activations = panel.names.map { name in name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name }
            var seen: [String] = []
            for a in activations where !seen.contains(a) { seen.append(a) }
            let title = "layer \(panel.layer)" + (seen.count <= 3 ? " · " + seen.joined(separator: " / ") : " · \(seen.count) activations")
            let units = panel.units.count == 1 ? "\(panel.units[0]) units" : "\(panel.units.min()!)–\(panel.units.max()!) units"
            return SVGChart(id: "layer-\(slug)-\(panel.layer)", title: title, subtitle: units, width: width, height: 220,
                            x: epochAxis, y: SVGChart.Axis(label: "", format: metric.key == "saturated_fraction" ? .percent : .number,
                                                            includeZero: true,
                                                            bounds: metric.key.hasSuffix("fraction") ? 0...1 : 0...Double.greatestFiniteMagnitude),
                            marks: bands + lines)
        }
    }
}
