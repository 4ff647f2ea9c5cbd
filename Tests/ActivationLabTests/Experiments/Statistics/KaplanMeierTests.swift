import Testing
@testable import ActivationLab

@Suite struct KaplanMeierTests {
    @Test func survivalAndMedianMatchSciPy() throws {
        for c in try PairedFixtures.load().kaplan_meier {
            let km = KaplanMeier(c.runs.map(\.censoredTime))
            for (time, survival) in zip(c.times, c.survival) {
                #expect(isClose(km.survival(at: time), survival, relative: 1e-12), "S(\(time)) in \(c.runs.map(\.time))")
            }
            #expect(km.median == c.median, "median of \(c.runs.map(\.time))")
        }
    }

    @Test func tiedEventsAndCensoringsByHand() {
        // At t = 4: 7 at risk (the run censored at 4 included), 2 events: S = (7/8)(1 − 2/7) = 0.625.
        let km = KaplanMeier([.reached(2), .reached(4), .censored(4), .reached(4), .censored(6), .reached(7),
                              .reached(7), .censored(9)])
        #expect(km.steps.map(\.time) == [2, 4, 7])
        #expect(km.steps.map(\.atRisk) == [8, 7, 3])
        #expect(km.steps.map(\.events) == [1, 2, 2])
        #expect(isClose(km.survival(at: 4), 7.0 / 8 * 5 / 7, relative: 1e-15))
        #expect(km.survival(at: 1) == 1)
        #expect(km.median == 7)
    }

    @Test func medianNotReachedWhenMostRunsAreCensored() {
        #expect(KaplanMeier([.reached(4), .reached(6), .censored(10), .censored(10), .censored(10)]).median == nil)
        #expect(KaplanMeier([]).median == nil)
        #expect(KaplanMeier([.censored(10)]).steps.isEmpty)
    }

    @Test func exactlyOneHalfCountsAsReached() {
        // 24 uncensored runs: S(12) = Π_{k=13…24} (1 − 1/k) = ½ exactly, 0.5000000000000001 in floating
        // point. The median is the 12th time, not the 13th.
        let km = KaplanMeier((1...24).map { .reached(Double($0)) })
        #expect(km.steps[11].survival > 0.5)
        #expect(km.median == 12)
        #expect(KaplanMeier([.reached(1), .reached(2), .reached(3), .reached(4)]).median == 2)
    }
}
