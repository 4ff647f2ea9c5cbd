import Testing
@testable import ActivationLab

/// The terminal summary table fits the width it is given, and its split cells are the report's cells.
@Suite struct SummaryColumnsTests {
    static func summary(_ names: [String]) -> ComparisonSummary {
        let runs = (1...3).flatMap { (seed: UInt64) in
            names.enumerated().map { index, name in
                ComparisonSummaryTests.run(name, seed: seed, reach: 300 + 60 * index + 20 * Int(seed), final: 0.9,
                                           test: 0.85 + 0.01 * Double(index) + 0.002 * Double(seed))
            }
        }
        return ComparisonSummaryTests.summary(runs, variants: names)
    }

    static let typical = ["relu", "tanh", "penalized-tanh", "scaled-sigmoid", "relu+head=linear-exp"]

    @Test func partsJoinedAreTheRowCells() {
        let summary = Self.summary(Self.typical)
        for variant in summary.variants {
            #expect(SummaryColumns.parts(variant, summary).map { $0.joined(separator: " ") } == SummaryColumns.row(variant, summary))
        }
        let tanh = SummaryColumns.parts(summary.variants[1], summary)
        #expect(tanh[3].count == 2 && tanh[3][1].hasPrefix("± "))  // accuracy: the interval is a detail
    }

    /// The rule: at most 100 columns at COLUMNS=100, every column kept for the default comparison's names.
    @Test func theDefaultComparisonFitsOneHundredColumnsWithEveryColumn() {
        let text = SummaryColumns.text(Self.summary(Self.typical), width: 100)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(text)")
        #expect(!text.contains("left out"), "\(text)")
        #expect(text.contains("time/") && text.contains("lr") && text.contains("runs"))
    }

    @Test(arguments: [72, 80, 100, 120, 200])
    func everyLineFitsTheWidth(_ width: Int) {
        let names = Self.typical + ["tanh+transform=abg+lr=0.3+momentum=0.9"]
        let text = SummaryColumns.text(Self.summary(names), width: width)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= width }, "\(text)")
    }

    /// Narrower than the columns that are never left out: as narrow as the table gets, names still all there.
    @Test(arguments: [40, 60])
    func aVeryNarrowTerminalGetsTheNarrowestTable(_ width: Int) {
        let summary = Self.summary(Self.typical)
        let text = SummaryColumns.text(summary, width: width)
        let widest = text.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= SummaryColumns.text(summary, width: 72).split(separator: "\n").map(\.count).max()!)
        #expect(text.contains("left out") && text.contains("baseline"))
    }

    @Test func aWideTerminalGetsOneLinePerVariant() {
        let summary = Self.summary(Self.typical)
        let lines = SummaryColumns.text(summary, width: 250).split(separator: "\n")
        #expect(lines.count == 2 + summary.variants.count)
        #expect(lines[2].hasPrefix("relu ") && lines[3].contains("±"))
    }

    @Test func leftOutColumnsAreNamedUnderTheTable() {
        let text = SummaryColumns.text(Self.summary(Self.typical), width: 72)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 72 }, "\(text)")
        #expect(text.contains("left out to fit 72 columns: time/step"), "\(text)")
    }
}
