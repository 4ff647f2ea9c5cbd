import Testing
@testable import ActivationLab

@Suite struct HolmTests {
    @Test func matchesRPAdjust() {
        // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09
        let adjusted = Holm.adjusted([0.01, 0.02, 0.03, 0.04, 0.05])
        for (a, b) in zip(adjusted, [0.05, 0.08, 0.09, 0.09, 0.09]) { #expect(isClose(a, b, relative: 1e-12)) }
        // Input order is kept; monotone after sorting; capped at 1.
        // R: p.adjust(c(0.04, 0.001, 0.6, 0.03), "holm") = 0.09 0.004 0.6 0.09
        let unsorted = Holm.adjusted([0.04, 0.001, 0.6, 0.03])
        for (a, b) in zip(unsorted, [0.09, 0.004, 0.6, 0.09]) { #expect(isClose(a, b, relative: 1e-12)) }
        #expect(Holm.adjusted([0.5, 0.6]) == [1, 1])
        #expect(Holm.adjusted([0.03]) == [0.03])
        #expect(Holm.adjusted([Double]()) == [])
    }

    @Test func missingTestsDoNotCount() {
        let adjusted = Holm.adjusted([0.01, nil, 0.04] as [Double?])
        #expect(adjusted[1] == nil)
        #expect(isClose(adjusted[0]!, 0.02) && isClose(adjusted[2]!, 0.04))
    }
}
