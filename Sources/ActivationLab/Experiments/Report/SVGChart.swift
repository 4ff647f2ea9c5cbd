import Foundation

/// A small, dependency-free chart renderer: lines, shaded bands, points, error bars and reference rules
/// on linear axes with nice ticks, grid lines, axis labels and a legend, written as one standalone,
/// well-formed SVG element (every text escaped, marks clipped to the plot area).
///
/// Marks are drawn in the order given, so a caller puts bands first and points last.
public struct SVGChart: Sendable {
    public enum Marker: Sendable, Equatable { case circle, square, triangle, diamond, cross }

    /// How tick values are written.
    public enum TickFormat: Sendable, Equatable {
        case number
        /// Fractions shown as percentages: 0.85 → "85%".
        case percent
    }

    public struct Tick: Sendable, Equatable {
        public var value: Double
        public var label: String
        public init(_ value: Double, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    public struct Axis: Sendable {
        public var label: String
        /// Fixed domain; nil: from the data (widened to nice ticks).
        public var domain: ClosedRange<Double>?
        public var format: TickFormat
        /// Explicit ticks (e.g. category names); nil: nice ticks.
        public var ticks: [Tick]?
        /// Nice ticks at whole numbers only (epochs).
        public var integerTicks: Bool
        /// Keep 0 inside the automatic domain.
        public var includeZero: Bool
        /// Limits of the automatic domain, e.g. 0...1 for an accuracy whose ±sd band would pass 100%.
        public var bounds: ClosedRange<Double>?
        /// A log₁₀ scale, for values that span orders of magnitude (a learning rate tried from 0.001 to 1):
        /// ticks at 1, 2, 5 × 10ᵏ (decades only when many), values ≤ 0 pinned to the left or bottom edge.
        public var logarithmic: Bool

        public init(label: String, domain: ClosedRange<Double>? = nil, format: TickFormat = .number,
                    ticks: [Tick]? = nil, integerTicks: Bool = false, includeZero: Bool = false,
                    bounds: ClosedRange<Double>? = nil, logarithmic: Bool = false) {
            self.label = label
            self.domain = domain
            self.format = format
            self.ticks = ticks
            self.integerTicks = integerTicks
            self.includeZero = includeZero
            self.bounds = bounds
            self.logarithmic = logarithmic
        }
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A vertical interval at `x` from `low` to `high`, with an optional horizontal bar at `centre`.
    public struct ErrorBar: Sendable, Equatable {
        public var x: Double, low: Double, high: Double
        public var centre: Double?
        public init(x: Double, low: Double, high: Double, centre: Double? = nil) {
            self.x = x
            self.low = low
            self.high = high
            self.centre = centre
        }
    }

    public struct Mark: Sendable {
        public enum Kind: Sendable {
            /// A polyline; non-finite points break it into segments.
            case line([Point], width: Double, dashed: Bool)
            /// The area between `lower` and `upper` over `x` (entries with a non-finite value are skipped).
            case band(x: [Double], lower: [Double], upper: [Double])
            case points([Point], marker: Marker, radius: Double, filled: Bool)
            case errorBars([ErrorBar], width: Double)
            /// A dashed horizontal reference line across the plot with a label at its right end.
            case rule(y: Double, label: String)
            /// A dashed vertical reference line through the plot with a label near its foot (a chosen value).
            case verticalRule(x: Double, label: String)
        }
        public var kind: Kind
        public var colour: String
        public var opacity: Double
        /// Whether the mark's values set the automatic domain (false for faint context such as seed curves).
        public var affectsDomain: Bool

        public init(_ kind: Kind, colour: String, opacity: Double = 1, affectsDomain: Bool = true) {
            self.kind = kind
            self.colour = colour
            self.opacity = opacity
            self.affectsDomain = affectsDomain
        }
    }

    public struct LegendEntry: Sendable {
        public var label: String
        public var colour: String
        public var dashed: Bool
        /// Draw a marker instead of a line.
        public var marker: Marker?
        /// Draw a shaded band behind the line (for mean ± sd series).
        public var band: Bool

        public init(_ label: String, colour: String, dashed: Bool = false, marker: Marker? = nil, band: Bool = false) {
            self.label = label
            self.colour = colour
            self.dashed = dashed
            self.marker = marker
            self.band = band
        }
    }

    /// Unique within a page: it prefixes the clip-path and title ids.
    public var id: String
    public var title: String
    public var subtitle: String?
    public var width: Double
    public var height: Double
    public var x: Axis
    public var y: Axis
    public var marks: [Mark]
    public var legend: [LegendEntry]

    public init(id: String, title: String, subtitle: String? = nil, width: Double = 640, height: Double = 380,
                x: Axis, y: Axis, marks: [Mark] = [], legend: [LegendEntry] = []) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.width = width
        self.height = height
        self.x = x
        self.y = y
        self.marks = marks
        self.legend = legend
    }

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let textColour = "#4a4f57"
    static let gridColour = "#e8eaed"
    static let axisColour = "#9aa0a6"

    /// Approximate rendered width of `text` at `size` px in a sans-serif face (no font metrics available).
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.56
    }

    // MARK: Rendering

    /// The chart as one `<svg>` element with the SVG namespace, usable inline in HTML or as a file.
    public func render() -> String {
        let (xScale, xTicks) = resolve(axis: x, values: values(\.x), tickCount: max(3, Int(width / 95)))
        let (yScale, yTicks) = resolve(axis: y, values: values(\.y), tickCount: max(3, Int(height / 62)))

        // Layout: title, legend rows, plot, tick labels and axis label.
        let titleHeight: Double = title.isEmpty ? 6 : (subtitle == nil ? 26 : 42)
        let yLabelWidth = yTicks.map { SVGChart.textWidth($0.label, size: 11) }.max() ?? 0
        let left = 10 + (y.label.isEmpty ? 0 : 18) + yLabelWidth + 6
        let right: Double = 14
        let legendRows = legendLayout(left: left, right: width - right)
        let top = titleHeight + Double(legendRows.count) * 18 + (legendRows.isEmpty ? 8 : 12)
        let plotWidth = max(width - left - right, 10)
        let xTickLabelWidth = xTicks.map { SVGChart.textWidth($0.label, size: 11) }.max() ?? 0
        let slot = plotWidth / Double(max(xTicks.count, 1))
        let rotate = x.ticks != nil && xTickLabelWidth > slot - 6
        let xTickSpace: Double = rotate ? min(xTickLabelWidth * 0.6 + 14, height * 0.3) : 18
        let bottom = 8 + xTickSpace + (x.label.isEmpty ? 0 : 18)
        let plotHeight = max(height - top - bottom, 10)

        let frame = Frame(left: left, top: top, width: plotWidth, height: plotHeight,
                          xDomain: xScale, yDomain: yScale, xLog: x.logarithmic, yLog: y.logarithmic)
        var svg = ""
        svg.reserveCapacity(8192)
        let titleID = "\(id)-title"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(Markup.escape(id))\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        svg += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(Markup.escape(titleID))\" "
        svg += "font-family=\"\(SVGChart.fontFamily)\" class=\"chart\">"
        svg += "<title id=\"\(Markup.escape(titleID))\">\(Markup.escape(title.isEmpty ? id : title))</title>"
        svg += "<defs><clipPath id=\"\(Markup.escape(id))-clip\"><rect x=\"\(n(left))\" y=\"\(n(top))\" "
        svg += "width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\"/></clipPath></defs>"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>"

        if !title.isEmpty {
            svg += "<text x=\"\(n(left))\" y=\"19\" font-size=\"14\" font-weight=\"600\" fill=\"#1f2329\">\(Markup.escape(title))</text>"
            if let subtitle {
                svg += "<text x=\"\(n(left))\" y=\"36\" font-size=\"11.5\" fill=\"\(SVGChart.textColour)\">\(Markup.escape(subtitle))</text>"
            }
        }
        renderLegend(legendRows, top: titleHeight + 4, into: &svg)

        // Grid and ticks.
        svg += "<g font-size=\"11\" fill=\"\(SVGChart.textColour)\">"
        for tick in yTicks {
            let py = frame.py(tick.value)
            guard py >= top - 0.5, py <= top + plotHeight + 0.5 else { continue }
            svg += "<line x1=\"\(n(left))\" y1=\"\(n(py))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(py))\" stroke=\"\(SVGChart.gridColour)\"/>"
            svg += "<text x=\"\(n(left - 6))\" y=\"\(n(py + 3.8))\" text-anchor=\"end\">\(Markup.escape(tick.label))</text>"
        }
        for tick in xTicks {
            let px = frame.px(tick.value)
            guard px >= left - 0.5, px <= left + plotWidth + 0.5 else { continue }
            if x.ticks == nil {
                svg += "<line x1=\"\(n(px))\" y1=\"\(n(top))\" x2=\"\(n(px))\" y2=\"\(n(top + plotHeight))\" stroke=\"\(SVGChart.gridColour)\"/>"
            }
            svg += "<line x1=\"\(n(px))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(px))\" y2=\"\(n(top + plotHeight + 4))\" stroke=\"\(SVGChart.axisColour)\"/>"
            let ty = top + plotHeight + 16
            if rotate {
                svg += "<text x=\"\(n(px))\" y=\"\(n(ty))\" text-anchor=\"end\" transform=\"rotate(-35 \(n(px)) \(n(ty)))\">"
                    + "\(Markup.escape(tick.label))</text>"
            } else {
                svg += "<text x=\"\(n(px))\" y=\"\(n(ty))\" text-anchor=\"middle\">\(Markup.escape(tick.label))</text>"
            }
        }
        svg += "</g>"
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotHeight))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(top + plotHeight))\" stroke=\"\(SVGChart.axisColour)\"/>"
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\" stroke=\"\(SVGChart.axisColour)\"/>"

        // Axis labels.
        if !x.label.isEmpty {
            svg += "<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 7))\" text-anchor=\"middle\" font-size=\"12\" "
                + "fill=\"#2d3138\">\(Markup.escape(x.label))</text>"
        }
        if !y.label.isEmpty {
            let cx: Double = 14, cy = top + plotHeight / 2
            svg += "<text x=\"\(n(cx))\" y=\"\(n(cy))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#2d3138\" "
                + "transform=\"rotate(-90 \(n(cx)) \(n(cy)))\">\(Markup.escape(y.label))</text>"
        }

        // Marks, clipped to the plot.
        svg += "<g clip-path=\"url(#\(Markup.escape(id))-clip)\">"
        for mark in marks { render(mark, frame: frame, into: &svg) }
        svg += "</g>"
        // Rule labels outside the clip so they are never cut.
        for mark in marks {
            guard case .rule(let ry, let label) = mark.kind, !label.isEmpty, ry.isFinite else { continue }
            let py = frame.py(ry)
            guard py >= top, py <= top + plotHeight else { continue }
            // A white halo keeps the label legible where curves cross it.
            svg += "<text x=\"\(n(left + plotWidth - 4))\" y=\"\(n(py - 4))\" text-anchor=\"end\" font-size=\"10.5\" "
                + "fill=\"\(Markup.escape(mark.colour))\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" "
                + "stroke-linejoin=\"round\">\(Markup.escape(label))</text>"
        }
        for mark in marks {
            guard case .verticalRule(let rx, let label) = mark.kind, !label.isEmpty, rx.isFinite else { continue }
            let px = frame.px(rx)
            guard px >= left, px <= left + plotWidth else { continue }
            // Beside the line, on the side with more room, just inside the bottom of the plot (a chosen value
            // usually marks the highest point, so the top is where the data is).
            let onLeft = px > left + plotWidth * 0.6
            svg += "<text x=\"\(n(px + (onLeft ? -4 : 4)))\" y=\"\(n(top + plotHeight - 5))\" text-anchor=\"\(onLeft ? "end" : "start")\" "
                + "font-size=\"10.5\" fill=\"\(Markup.escape(mark.colour))\" stroke=\"#ffffff\" stroke-width=\"3\" "
                + "paint-order=\"stroke\" stroke-linejoin=\"round\">\(Markup.escape(label))</text>"
        }
        svg += "</svg>"
        return svg
    }

    /// Pixel mapping of the plot area. A logarithmic axis's domain is in log₁₀ units; values are mapped
    /// through log₁₀ first.
    struct Frame {
        let left, top, width, height: Double
        let xDomain, yDomain: ClosedRange<Double>
        var xLog = false, yLog = false

        func px(_ value: Double) -> Double {
            let span = xDomain.upperBound - xDomain.lowerBound
            let v = xLog ? SVGChart.log10OrFloor(value) : value
            return clamp(left + (v - xDomain.lowerBound) / span * width, around: left, extent: width)
        }

        func py(_ value: Double) -> Double {
            let span = yDomain.upperBound - yDomain.lowerBound
            let v = yLog ? SVGChart.log10OrFloor(value) : value
            return clamp(top + height - (v - yDomain.lowerBound) / span * height, around: top, extent: height)
        }

        /// Keeps far-off values at a finite distance so the clip path, not the number printer, cuts them.
        private func clamp(_ p: Double, around origin: Double, extent: Double) -> Double {
            min(max(p, origin - 4 * extent), origin + 5 * extent)
        }
    }

    private func values(_ coordinate: KeyPath<Point, Double>) -> [Double] {
        var result: [Double] = []
        let isX = coordinate == \Point.x
        for mark in marks where mark.affectsDomain {
            switch mark.kind {
            case .line(let points, _, _), .points(let points, _, _, _):
                result += points.map { $0[keyPath: coordinate] }
            case .band(let xs, let lower, let upper):
                result += isX ? xs : lower + upper
            case .errorBars(let bars, _):
                result += isX ? bars.map(\.x) : bars.flatMap { [$0.low, $0.high] }
            case .rule(let ry, _):
                if !isX { result.append(ry) }
            case .verticalRule(let rx, _):
                if isX { result.append(rx) }
            }
        }
        return result.filter(\.isFinite)
    }

    /// log₁₀ of a positive value; a very low number for 0 and negatives, which the frame pins to the edge.
    static func log10OrFloor(_ value: Double) -> Double {
        value > 0 ? log10(value) : -1e300
    }

    /// The domain and the labelled ticks of an axis.
    private func resolve(axis: Axis, values: [Double], tickCount: Int) -> (ClosedRange<Double>, [Tick]) {
        if axis.logarithmic { return SVGChart.resolveLogarithmic(axis: axis, values: values, tickCount: tickCount) }
        if let ticks = axis.ticks {
            let all = ticks.map(\.value) + values
            let domain = axis.domain ?? ((all.min() ?? 0)...(all.max() ?? 1))
            return (SVGChart.nonDegenerate(domain), ticks)
        }
        var domain: ClosedRange<Double>
        if let fixed = axis.domain {
            domain = SVGChart.nonDegenerate(fixed)
        } else {
            var low = values.min() ?? 0, high = values.max() ?? 1
            if axis.includeZero { low = min(low, 0); high = max(high, 0) }
            if let bounds = axis.bounds {
                low = min(max(low, bounds.lowerBound), bounds.upperBound)
                high = max(min(high, bounds.upperBound), low)
            }
            domain = low...high
        }
        let scale = NiceScale(domain, count: tickCount, integer: axis.integerTicks)
        if axis.domain == nil {
            domain = scale.domain
            if let bounds = axis.bounds { domain = max(domain.lowerBound, bounds.lowerBound)...min(domain.upperBound, bounds.upperBound) }
            domain = SVGChart.nonDegenerate(domain)
        }
        let decimals = NiceScale.decimals(scale.step)
        let ticks = scale.ticks.filter { domain.contains($0) || abs($0 - domain.upperBound) < scale.step * 1e-9 }
            .map { Tick($0, SVGChart.label($0, step: scale.step, decimals: decimals, format: axis.format)) }
        return (domain, ticks)
    }

    /// A log axis: the domain in log₁₀ units (the fixed domain, else the positive values' range padded by 4%
    /// on each side), ticks at 1, 2 and 5 × 10ᵏ, thinned to decades when there would be more than
    /// `tickCount` + 2 of them.
    static func resolveLogarithmic(axis: Axis, values: [Double], tickCount: Int) -> (ClosedRange<Double>, [Tick]) {
        var domain: ClosedRange<Double>
        if let fixed = axis.domain, fixed.lowerBound > 0 {
            domain = log10(fixed.lowerBound)...log10(fixed.upperBound)
        } else {
            let logs = values.filter { $0 > 0 && $0.isFinite }.map { log10($0) }
            let low = logs.min() ?? 0, high = logs.max() ?? 1
            let pad = max(high - low, 0.5) * 0.04
            domain = (low - pad)...(high + pad)
        }
        domain = nonDegenerate(domain)
        if let ticks = axis.ticks { return (domain, ticks) }
        let decades = Int(domain.lowerBound.rounded(.down))...Int(domain.upperBound.rounded(.up))
        var candidates = decades.flatMap { k in [1.0, 2, 5].map { $0 * pow(10, Double(k)) } }
            .filter { domain.contains(log10($0)) }
        if candidates.count > tickCount + 2 { candidates = candidates.filter { abs(log10($0) - log10($0).rounded()) < 1e-9 } }
        return (domain, candidates.map { Tick($0, logLabel($0)) })
    }

    /// A log-axis tick label: "0.001", "0.5", "20", or "1e-06" style beyond 10⁻⁴…10⁵.
    static func logLabel(_ value: Double) -> String {
        String(format: "%g", value).replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
    }

    static func nonDegenerate(_ domain: ClosedRange<Double>) -> ClosedRange<Double> {
        guard domain.lowerBound.isFinite, domain.upperBound.isFinite else { return 0...1 }
        if domain.upperBound > domain.lowerBound { return domain }
        return (domain.lowerBound - 0.5)...(domain.upperBound + 0.5)
    }

    /// A tick label with just the digits the step needs.
    static func label(_ value: Double, step: Double, decimals: Int, format: TickFormat) -> String {
        switch format {
        case .percent:
            return ReportFormat.fixed(value * 100, max(0, decimals - 2)) + "%"
        case .number:
            if step < 1e-3 || abs(value) >= 1e6 {
                return value == 0 ? "0" : String(format: "%.2g", value)
            }
            return ReportFormat.fixed(value, decimals)
        }
    }

    // MARK: Marks

    private func render(_ mark: Mark, frame: Frame, into svg: inout String) {
        let colour = Markup.escape(mark.colour)
        let opacity = mark.opacity < 1 ? " opacity=\"\(n(mark.opacity, 2))\"" : ""
        switch mark.kind {
        case .line(let points, let width, let dashed):
            var d = ""
            var open = false
            for point in points {
                guard point.x.isFinite, point.y.isFinite else { open = false; continue }
                d += (open ? "L" : "M") + n(frame.px(point.x)) + " " + n(frame.py(point.y))
                open = true
            }
            guard !d.isEmpty else { return }
            svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(n(width, 2))\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dashed ? " stroke-dasharray=\"6 4\"" : "")\(opacity)/>"
            // A lone point draws nothing as a path; show it as a dot.
            let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
            if finite.count == 1 {
                svg += "<circle cx=\"\(n(frame.px(finite[0].x)))\" cy=\"\(n(frame.py(finite[0].y)))\" r=\"\(n(width + 1, 2))\" "
                    + "fill=\"\(colour)\"\(opacity)/>"
            }
        case .band(let xs, let lower, let upper):
            let indices = xs.indices.filter { xs[$0].isFinite && lower[$0].isFinite && upper[$0].isFinite }
            guard indices.count >= 2 else { return }
            var d = ""
            for (k, i) in indices.enumerated() {
                d += (k == 0 ? "M" : "L") + n(frame.px(xs[i])) + " " + n(frame.py(upper[i]))
            }
            for i in indices.reversed() {
                d += "L" + n(frame.px(xs[i])) + " " + n(frame.py(lower[i]))
            }
            svg += "<path d=\"\(d)Z\" fill=\"\(colour)\" stroke=\"none\"\(opacity)/>"
        case .points(let points, let marker, let radius, let filled):
            let paint = filled ? "fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.8\""
                : "fill=\"#ffffff\" stroke=\"\(colour)\" stroke-width=\"1.6\""
            svg += "<g \(paint)\(opacity)>"
            for point in points where point.x.isFinite && point.y.isFinite {
                svg += SVGChart.marker(marker, x: frame.px(point.x), y: frame.py(point.y), r: radius, colour: colour)
            }
            svg += "</g>"
        case .errorBars(let bars, let width):
            svg += "<g stroke=\"\(colour)\" stroke-width=\"\(n(width, 2))\" stroke-linecap=\"round\"\(opacity)>"
            for bar in bars where bar.x.isFinite && bar.low.isFinite && bar.high.isFinite {
                let px = frame.px(bar.x), lowY = frame.py(bar.low), highY = frame.py(bar.high)
                svg += "<line x1=\"\(n(px))\" y1=\"\(n(lowY))\" x2=\"\(n(px))\" y2=\"\(n(highY))\"/>"
                svg += "<line x1=\"\(n(px - 4))\" y1=\"\(n(lowY))\" x2=\"\(n(px + 4))\" y2=\"\(n(lowY))\"/>"
                svg += "<line x1=\"\(n(px - 4))\" y1=\"\(n(highY))\" x2=\"\(n(px + 4))\" y2=\"\(n(highY))\"/>"
                if let centre = bar.centre, centre.isFinite {
                    let cy = frame.py(centre)
                    svg += "<line x1=\"\(n(px - 11))\" y1=\"\(n(cy))\" x2=\"\(n(px + 11))\" y2=\"\(n(cy))\" stroke-width=\"\(n(width + 1, 2))\"/>"
                }
            }
            svg += "</g>"
        case .rule(let ry, _):
            guard ry.isFinite else { return }
            let py = frame.py(ry)
            svg += "<line x1=\"\(n(frame.left))\" y1=\"\(n(py))\" x2=\"\(n(frame.left + frame.width))\" y2=\"\(n(py))\" "
                + "stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"\(opacity)/>"
        case .verticalRule(let rx, _):
            guard rx.isFinite else { return }
            let px = frame.px(rx)
            svg += "<line x1=\"\(n(px))\" y1=\"\(n(frame.top))\" x2=\"\(n(px))\" y2=\"\(n(frame.top + frame.height))\" "
                + "stroke=\"\(colour)\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"\(opacity)/>"
        }
    }

    /// One marker centred at (x, y); paint comes from the enclosing group.
    static func marker(_ marker: Marker, x: Double, y: Double, r: Double, colour: String) -> String {
        switch marker {
        case .circle:
            return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"/>"
        case .square:
            let s = r * 0.9
            return "<rect x=\"\(n(x - s))\" y=\"\(n(y - s))\" width=\"\(n(2 * s))\" height=\"\(n(2 * s))\"/>"
        case .triangle:
            let s = r * 1.2
            return "<path d=\"M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y + s * 0.8))L\(n(x - s)) \(n(y + s * 0.8))Z\"/>"
        case .diamond:
            let s = r * 1.25
            return "<path d=\"M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y))L\(n(x)) \(n(y + s))L\(n(x - s)) \(n(y))Z\"/>"
        case .cross:
            let s = r * 0.9
            return "<path d=\"M\(n(x - s)) \(n(y - s))L\(n(x + s)) \(n(y + s))M\(n(x - s)) \(n(y + s))L\(n(x + s)) \(n(y - s))\" "
                + "stroke=\"\(colour)\" stroke-width=\"1.8\" fill=\"none\"/>"
        }
    }

    // MARK: Legend

    private struct PlacedEntry {
        let entry: LegendEntry
        let x: Double
    }

    /// Legend entries flowed into rows between `left` and `right`.
    private func legendLayout(left: Double, right: Double) -> [[PlacedEntry]] {
        var rows: [[PlacedEntry]] = []
        var row: [PlacedEntry] = []
        var cursor = left
        for entry in legend {
            let width = 24 + SVGChart.textWidth(entry.label, size: 11.5) + 16
            if !row.isEmpty && cursor + width > right {
                rows.append(row)
                row = []
                cursor = left
            }
            row.append(PlacedEntry(entry: entry, x: cursor))
            cursor += width
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    private func renderLegend(_ rows: [[PlacedEntry]], top: Double, into svg: inout String) {
        guard !rows.isEmpty else { return }
        svg += "<g font-size=\"11.5\" fill=\"#2d3138\">"
        for (r, row) in rows.enumerated() {
            let cy = top + 9 + Double(r) * 18
            for placed in row {
                let entry = placed.entry, x0 = placed.x
                let colour = Markup.escape(entry.colour)
                if entry.band {
                    svg += "<rect x=\"\(n(x0))\" y=\"\(n(cy - 5))\" width=\"18\" height=\"10\" fill=\"\(colour)\" opacity=\"0.18\"/>"
                }
                if let marker = entry.marker {
                    svg += "<g fill=\"\(colour)\" stroke=\"#ffffff\" stroke-width=\"0.8\">"
                        + SVGChart.marker(marker, x: x0 + 9, y: cy, r: 4, colour: colour) + "</g>"
                } else {
                    svg += "<line x1=\"\(n(x0))\" y1=\"\(n(cy))\" x2=\"\(n(x0 + 18))\" y2=\"\(n(cy))\" stroke=\"\(colour)\" "
                        + "stroke-width=\"2.2\"\(entry.dashed ? " stroke-dasharray=\"5 3\"" : "")/>"
                }
                svg += "<text x=\"\(n(x0 + 24))\" y=\"\(n(cy + 4))\">\(Markup.escape(entry.label))</text>"
            }
        }
        svg += "</g>"
    }
}

/// A coordinate with at most `decimals` digits after the point and no trailing zeros ("12.5", "3", "-0.25").
@inline(__always)
fileprivate func n(_ value: Double, _ decimals: Int = 1) -> String {
    guard value.isFinite else { return "0" }
    let scale = decimals == 1 ? 10.0 : decimals == 2 ? 100.0 : pow(10, Double(decimals))
    let scaled = Int((value * scale).rounded())
    if scaled % Int(scale) == 0 { return String(scaled / Int(scale)) }
    let sign = scaled < 0 ? "-" : ""
    let magnitude = abs(scaled)
    var fraction = String(magnitude % Int(scale))
    while fraction.count < decimals { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return "\(sign)\(magnitude / Int(scale)).\(fraction)"
}
