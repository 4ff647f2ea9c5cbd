/// The Kaplan–Meier estimate of the fraction of runs still below the target after each time, and its median.
///
/// At each distinct time tⱼ at which dⱼ ≥ 1 runs reached the target, with nⱼ runs still at risk (time ≥ tⱼ,
/// reached or censored), `S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)`. Ties: every event at tⱼ counts in dⱼ at once,
/// and a run censored at tⱼ is still at risk at tⱼ (censorings are taken to happen just after events at
/// the same time, the usual convention of R's `survfit`, lifelines and SciPy's `ecdf`).
///
/// The median time to target is the smallest tⱼ with S(tⱼ) ≤ ½ (Klein & Moeschberger; lifelines). It is
/// "not reached" (nil) when S never falls to ½: more than half of the runs may never reach the target, so
/// no median can be read off. R's `survfit` differs only when S is exactly ½ on an interval: it then
/// reports the middle of that interval (the ordinary median of even-sized uncensored data); we report its
/// start, which is a time some run actually reached the target at. Why KM: a censored run still tells that
/// its time is beyond its censoring time; dropping it or imputing the budget would bias the median.
public struct KaplanMeier: Sendable, Equatable {
    /// One drop of the survival curve.
    public struct Step: Sendable, Equatable {
        public let time: Double
        /// nⱼ: runs with time ≥ `time`.
        public let atRisk: Int
        /// dⱼ: runs that reached the target at `time`.
        public let events: Int
        /// S(time), the fraction still below the target just after `time`.
        public let survival: Double
    }

    /// The curve's drops in time order (only times at which some run reached the target).
    public let steps: [Step]
    public let runs: Int
    /// The median time to target; nil when the curve never falls to ½ ("not reached").
    public let median: Double?

    /// - Parameter times: one per run; non-finite times are ignored.
    public init(_ times: [CensoredTime]) {
        let sorted = times.filter { $0.time.isFinite }.sorted { $0.time < $1.time }
        runs = sorted.count
        var steps: [Step] = []
        var survival = 1.0
        var index = 0
        while index < sorted.count {
            let time = sorted[index].time
            let atRisk = sorted.count - index
            var events = 0
            while index < sorted.count, sorted[index].time == time {
                if sorted[index].isReached { events += 1 }
                index += 1
            }
            guard events > 0 else { continue }
            survival *= 1 - Double(events) / Double(atRisk)
            steps.append(Step(time: time, atRisk: atRisk, events: events, survival: survival))
        }
        self.steps = steps
        // The product of factors such as (2/3)(3/4) can land a hair above ½ in floating point.
        median = steps.first { $0.survival <= 0.5 + 1e-12 }?.time
    }

    /// S(t): the estimated fraction of runs that have not reached the target by time t.
    public func survival(at time: Double) -> Double {
        steps.last { $0.time <= time }?.survival ?? 1
    }
}
