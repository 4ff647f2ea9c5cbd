/// Colours of the report's variants: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
/// Design"), distinguishable under the common forms of colour-vision deficiency. The baseline is drawn
/// in near-black so that the variants stand out against it; beyond eight variants colours repeat with
/// a dashed stroke and a different marker.
public enum ReportPalette {
    /// Baseline first, then the variants in spec order. Okabe–Ito yellow (#F0E442) is darkened to
    /// #C9B400 so that it stays visible on white.
    public static let colours = ["#222222", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#C9B400"]

    /// The colour of the variant at `index` (0 is the baseline when it is listed first).
    public static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// Whether the variant at `index` is drawn dashed (the palette has wrapped around).
    public static func isDashed(_ index: Int) -> Bool { (index / colours.count) % 2 == 1 }

    /// A marker shape per variant, so points differ in shape as well as colour.
    public static func marker(_ index: Int) -> SVGChart.Marker {
        let markers: [SVGChart.Marker] = [.circle, .square, .triangle, .diamond]
        return markers[(index + index / colours.count) % markers.count]
    }
}
