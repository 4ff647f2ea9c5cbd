/// The charts of a report, built from an `ExperimentReport` as `SVGChart` values: learning curves
/// against steps (or epochs) and against time (mean line, shaded ±sd band, faint per-seed curves), the
/// summary's accuracy and time to target per seed, whole-network dynamics, per-layer small multiples, and
/// each variant's tuning curve (`ReportCharts+Tuning`). Every chart but the tuning curves draws the
/// evaluation runs only.
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

    /// The epoch budget of the evaluation runs.
    var epochBudget: Int {
        max(report.spec.epochs, report.evaluationRuns.flatMap { $0.epochs.map(\.epoch) }.max() ?? 1)
    }

    var seedCount: Int { report.spec.seeds.count }

    func colour(_ variant: VariantReport) -> String { ReportPalette.colour(variant.index) }

    var legend: [SVGChart.LegendEntry] {
        report.variants.map {
            SVGChart.LegendEntry($0.name, colour: colour($0), dashed: ReportPalette.isDashed($0.index), band: true)
        } + (hasDiverged ? [SVGChart.LegendEntry("diverged", colour: "#5f6670", marker: .cross)] : [])
    }

    var hasDiverged: Bool { report.evaluationRuns.contains { $0.run.status == .diverged } }

    var epochAxis: SVGChart.Axis {
        let last = Double(epochBudget)
        return SVGChart.Axis(label: "epoch", domain: last > 1 ? 1...last : 0.5...1.5, integerTicks: true)
    }

    /// Training steps from 0 to the longest budget (or the last evaluation).
    var stepAxis: SVGChart.Axis {
        let budgets = report.evaluationRuns.compactMap { $0.run.stepBudget ?? $0.evaluations.last?.step }
        return SVGChart.Axis(label: "training steps", domain: 0...Double(max(budgets.max() ?? 1, 1)), integerTicks: true)
    }

    var timeAxis: SVGChart.Axis {
        let end = (report.timeGrid.last ?? 1) / timeUnit.divisor
        return SVGChart.Axis(label: "wall-clock \(timeUnit.name) since start", domain: 0...max(end, 1e-9))
    }

    var targetRule: SVGChart.Mark {
        SVGChart.Mark(.rule(y: report.targetAccuracy, label: "target \(ReportFormat.target(report.targetAccuracy))"),
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

    /// Validation accuracy against training steps (the speed unit of the verdicts), or against epochs when
    /// the runs were stored without step evaluations.
    public var accuracyByProgress: SVGChart {
        guard report.inSteps else {
            return SVGChart(id: "accuracy-epoch", title: "Validation accuracy by epoch",
                            subtitle: bandNote + " (no step evaluations stored)", x: epochAxis,
                            y: SVGChart.Axis(label: "validation accuracy", format: .percent, bounds: 0...1),
                            marks: curveMarks(aggregate: \.accuracyByProgress,
                                              seeds: { seedCurves($0, x: { Double($0.epoch) }, y: \.validationAccuracy) }) + [targetRule],
                            legend: legend)
        }
        return SVGChart(id: "accuracy-steps", title: "Validation accuracy by training step", subtitle: bandNote, x: stepAxis,
                        y: SVGChart.Axis(label: "validation accuracy", format: .percent, bounds: 0...1),
                        marks: curveMarks(aggregate: \.accuracyByProgress, seeds: { variant in
                            variant.completeRuns.map { $0.curveEvaluations.map { SVGChart.Point(Double($0.step), $0.validationAccuracy) } }
                        }) + [targetRule],
                        legend: legend)
    }

    public var accuracyByTime: SVGChart {
        let d = timeUnit.divisor
        return SVGChart(id: "accuracy-time", title: "Validation accuracy against wall-clock time", subtitle: bandNote, x: timeAxis,
                        y: SVGChart.Axis(label: "validation accuracy", format: .percent, bounds: 0...1),
                        marks: curveMarks(aggregate: \.accuracyBySeconds, seeds: { variant in
                            variant.completeRuns.map { run in
                                run.evaluations.isEmpty
                                    ? run.curveEpochs.map { SVGChart.Point($0.elapsedSeconds / d, $0.validationAccuracy) }
                                    : run.curveEvaluations.map { SVGChart.Point($0.elapsedSeconds / d, $0.validationAccuracy) }
                            }
                        }, xScale: d) + [targetRule],
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

    /// "test accuracy", or "final validation accuracy" for stores without test results.
    var accuracyName: String {
        report.summary.accuracyMeasure == "test" ? "test accuracy" : "final validation accuracy"
    }

    /// Each seed's accuracy in the summary's measure, with the summary's mean and 95% interval.
    public var finalAccuracy: SVGChart {
        var marks: [SVGChart.Mark] = []
        for (i, variant) in report.variants.enumerated() {
            let c = colour(variant)
            if let mean = variant.summary.testAccuracy {
                marks.append(SVGChart.Mark(.errorBars([SVGChart.ErrorBar(x: Double(i) + 0.24, low: mean.ciLow ?? mean.mean,
                                                                         high: mean.ciHigh ?? mean.mean, centre: mean.mean)],
                                                      width: 1.6), colour: c, opacity: 0.85))
            }
            let results = variant.seedResults.filter { $0.accuracy != nil }
            var kept: [SVGChart.Point] = [], diverged: [SVGChart.Point] = []
            for (k, result) in results.enumerated() {
                let point = SVGChart.Point(Double(i) - 0.08 + ReportCharts.jitter(k, of: results.count) * 0.6, result.accuracy!)
                if result.diverged { diverged.append(point) } else { kept.append(point) }
            }
            marks.append(SVGChart.Mark(.points(kept, marker: ReportPalette.marker(variant.index), radius: 4.2, filled: true),
                                       colour: c, opacity: 0.9))
            marks.append(SVGChart.Mark(.points(diverged, marker: .cross, radius: 4.6, filled: false), colour: c))
        }
        let title = accuracyName.prefix(1).uppercased() + accuracyName.dropFirst()
        return SVGChart(id: "final-accuracy", title: "\(title) per seed",
                        subtitle: "points: one per seed (× diverged, scored 0); bar: mean with its 95% confidence interval",
                        x: categoryAxis, y: SVGChart.Axis(label: accuracyName, format: .percent, bounds: 0...1),
                        marks: marks)
    }

    /// Each seed's steps (or epochs) to the target; runs that never reach it in a "not reached" row above
    /// the restriction τ; the Kaplan–Meier median as a bar.
    public var timeToTarget: SVGChart {
        let unit = report.summary.speedUnit
        let results = report.variants.flatMap(\.seedResults)
        let budget = report.summary.restriction ?? results.compactMap { $0.time?.time }.max() ?? Double(epochBudget)
        let scale = NiceScale(0...max(budget, 1), count: 5, integer: true)
        var ticks = scale.ticks.filter { $0 <= budget }.map { SVGChart.Tick($0, ReportFormat.fixed($0, 0)) }
        let missY = budget + max(unit == "steps" ? 0 : 1, scale.step * 0.6)
        ticks.append(SVGChart.Tick(missY, "not reached"))
        var marks: [SVGChart.Mark] = [SVGChart.Mark(.rule(y: budget, label: "τ = \(ReportFormat.fixed(budget, 0)) \(unit)"),
                                                    colour: "#9aa0a6")]
        for (i, variant) in report.variants.enumerated() {
            let c = colour(variant), marker = ReportPalette.marker(variant.index)
            let times = variant.seedResults.compactMap(\.time)
            var reached: [SVGChart.Point] = [], missed: [SVGChart.Point] = []
            for (k, time) in times.enumerated() {
                let x = Double(i) + ReportCharts.jitter(k, of: times.count)
                if time.isReached { reached.append(SVGChart.Point(x, time.time)) } else { missed.append(SVGChart.Point(x, missY)) }
            }
            if let median = variant.summary.medianTimeToTarget {
                marks.append(SVGChart.Mark(.errorBars([SVGChart.ErrorBar(x: Double(i), low: median, high: median, centre: median)],
                                                      width: 1.4), colour: c))
            }
            marks.append(SVGChart.Mark(.points(reached, marker: marker, radius: 4.2, filled: true), colour: c, opacity: 0.9))
            marks.append(SVGChart.Mark(.points(missed, marker: .cross, radius: 4.6, filled: false), colour: c))
        }
        return SVGChart(id: "time-to-target",
                        title: "\(unit.prefix(1).uppercased() + unit.dropFirst()) to \(ReportFormat.target(report.targetAccuracy)) validation accuracy",
                        subtitle: "points: one per seed; bar: Kaplan–Meier median; × never reached (counted as τ)",
                        x: categoryAxis,
                        y: SVGChart.Axis(label: unit, domain: 0...(missY + scale.step * 0.3), ticks: ticks), marks: marks)
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
        report.evaluationRuns.contains { $0.epochs.contains { $0.clampEvents > 0 } }
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
