import Testing
@testable import ActivationLab

@Suite struct ReproductionHTMLTests {
    @Test func inlineMarkdownBecomesEscapedHTML() {
        #expect(ReproductionHTML.inline("run `a < b` **now** & see [doc](x.md)")
                == "run <code>a &lt; b</code> <strong>now</strong> &amp; see <a href=\"x.md\">doc</a>")
    }

    @Test func leavesAreTheComparisonsInOrder() {
        let rule = VerdictRule.all("r", [.above("a", 1), .any("s", [.below("b", 0), .within("c", 0.01)])])
        #expect(rule.leaves == [.above("a", 1), .below("b", 0), .within("c", 0.01)])
    }

    /// The interval is drawn in the colour of its evidence: green for, red against, amber undecided.
    @Test func intervalPlotColoursFollowTheEvidence() {
        let rule = VerdictRule.above("s", 1)
        let cases: [(Double, Double, String)] = [(1.2, 1.6, "#007a57"), (0.5, 0.9, "#b3261e"), (0.8, 1.3, "#8a6d00")]
        for (low, high, colour) in cases {
            let m = ReproductionMeasurement(key: "s", label: "speed-up", estimate: (low + high) / 2, low: low, high: high,
                                            method: "bootstrap", count: 5)
            let svg = ReproductionHTML.intervalPlot(rule, m, rule.evaluate(["s": m]))
            #expect(svg.contains("stroke=\"\(colour)\" stroke-width=\"5\""))
        }
    }
}
