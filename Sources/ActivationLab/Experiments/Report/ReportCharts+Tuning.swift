import Foundation

/// Tuning curves: for each tuned option, one small chart per variant of its trials' final validation
/// accuracy against the value tried (`VariantSummary.tuningCurve`).
///
/// Why: a variant that reaches its accuracy only in a narrow band of learning rates is harder to use than
/// one that is good across two decades, even when both tune to the same best value; the curve shows that,
/// the verdicts cannot. Panels of one option share both axes so they compare at a glance; log-scale options
/// get a log axis; diverged trials are × marks on the bottom edge (they score 0); the chosen value is a
/// dashed vertical line with a ring around the trial(s) it came from.
extension ReportCharts {
    /// The tuned options in plan order, with whether each is searched on a log scale; empty without tuning.
    public var tunedDimensions: [(key: String, logScale: Bool)] {
        guard let plan = try? report.protocolRecord?.settings.tuningPlan(), !plan.isEmpty,
              report.variants.contains(where: { !$0.summary.tuningCurve.isEmpty }) else { return [] }
        return plan.dimensions.map { ($0.key, $0.logScale) }
    }

    /// One panel per variant for the tuned option `key` (variants without trials are skipped).
    public func tuningPanels(key: String) -> [SVGChart] {
        guard let plan = try? report.protocolRecord?.settings.tuningPlan(),
              let dimension = plan.dimensions.first(where: { $0.key == key }) else { return [] }
        let trials = report.variants.flatMap(\.summary.tuningCurve)
        let accuracies = trials.compactMap(\.validationAccuracy).filter(\.isFinite)
        let anyDiverged = trials.contains { $0.diverged || $0.validationAccuracy == nil }
        let low = anyDiverged ? 0 : (accuracies.min() ?? 0), high = max(accuracies.max() ?? 1, low + 0.01)
        let yScale = NiceScale(low...high, count: 4)
        let yDomain = max(yScale.domain.lowerBound, 0)...min(yScale.domain.upperBound, 1)
        let values = trials.compactMap { $0.values[key] }.filter(\.isFinite)
        let xLow = min(dimension.range.lowerBound, values.min() ?? dimension.range.lowerBound)
        let xHigh = max(dimension.range.upperBound, values.max() ?? dimension.range.upperBound)
        let xDomain = dimension.logScale
            ? xLow * pow(xHigh / xLow, -0.04)...xHigh * pow(xHigh / xLow, 0.04)
            : (xLow - (xHigh - xLow) * 0.04)...(xHigh + (xHigh - xLow) * 0.04)
        let oneKey = plan.dimensions.count == 1
        let columns = min(max(report.variants.count, 1), 4)
        let width = min(620, 1260 / Double(columns))
        let slug = String(key.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" })

        return report.variants.compactMap { variant -> SVGChart? in
            let curve = variant.summary.tuningCurve.filter { $0.values[key] != nil }
            guard !curve.isEmpty else { return nil }
            let c = colour(variant)
            let chosen = variant.summary.tunedValues[key]
            let scored = curve.filter { !$0.diverged && $0.validationAccuracy?.isFinite == true }
                .map { SVGChart.Point($0.values[key]!, $0.validationAccuracy!) }.sorted { $0.x < $1.x }
            let failed = curve.filter { $0.diverged || $0.validationAccuracy?.isFinite != true }
                .map { SVGChart.Point($0.values[key]!, yDomain.lowerBound) }
            var marks: [SVGChart.Mark] = []
            if let chosen {
                marks.append(SVGChart.Mark(.verticalRule(x: chosen, label: "chosen \(String(format: "%.3g", chosen))"),
                                           colour: "#5f6670"))
            }
            // With one tuned option the trials are a curve; with several, a line across them would mix options.
            if oneKey && scored.count > 1 {
                marks.append(SVGChart.Mark(.line(scored, width: 1.4, dashed: false), colour: c, opacity: 0.55))
            }
            marks.append(SVGChart.Mark(.points(scored, marker: ReportPalette.marker(variant.index), radius: 4.4, filled: true),
                                       colour: c))
            marks.append(SVGChart.Mark(.points(failed, marker: .cross, radius: 5, filled: false), colour: "#D55E00"))
            if let chosen {
                let picked = curve.filter { $0.values[key] == chosen }
                    .map { SVGChart.Point(chosen, $0.validationAccuracy.flatMap { $0.isFinite ? $0 : nil } ?? yDomain.lowerBound) }
                marks.append(SVGChart.Mark(.points(picked, marker: .circle, radius: 8.5, filled: false), colour: c))
            }
            let diverged = curve.filter(\.diverged).count
            var subtitle = "\(curve.count) trial\(curve.count == 1 ? "" : "s")"
            if diverged > 0 { subtitle += " · \(diverged) diverged (×)" }
            if let chosen { subtitle += " · chosen \(String(format: "%.3g", chosen))" }
            return SVGChart(id: "tuning-\(slug)-\(variant.index)", title: variant.name, subtitle: subtitle, width: width, height: 250,
                            x: SVGChart.Axis(label: key + (dimension.logScale ? " (log scale)" : ""), domain: xDomain,
                                             logarithmic: dimension.logScale),
                            y: SVGChart.Axis(label: "final val. accuracy", domain: yDomain, format: .percent),
                            marks: marks)
        }
    }
}
