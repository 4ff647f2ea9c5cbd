/// Mean and sample standard deviation of several runs' values at common x positions: the line and the
/// shaded ±sd band of a report chart.
///
/// `mean(x) = Σᵢ vᵢ(x) / n(x)`, `sd(x) = √(Σᵢ (vᵢ(x) − mean)² / (n(x) − 1))` over the n(x) runs with a
/// finite value at x (sd = 0 where n = 1). A position is kept only when at least `minimumRuns` runs
/// contribute, so a mean is never drawn from a lone survivor of many runs; the per-seed curves show the rest.
public struct CurveAggregate: Sendable, Equatable {
    public var x: [Double] = []
    public var mean: [Double] = []
    public var standardDeviation: [Double] = []
    /// Runs contributing at each position.
    public var count: [Int] = []

    public init() {}

    public var isEmpty: Bool { x.isEmpty }
    public var lower: [Double] { zip(mean, standardDeviation).map { $0 - $1 } }
    public var upper: [Double] { zip(mean, standardDeviation).map { $0 + $1 } }

    /// The default `minimumRuns` for `runs` runs: half of them, rounded up.
    public static func majority(of runs: Int) -> Int { max(1, (runs + 1) / 2) }

    mutating func append(x position: Double, values: [Double]) {
        let k = Double(values.count)
        let mean = values.reduce(0, +) / k
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (k - 1) : 0
        x.append(position)
        self.mean.append(mean)
        standardDeviation.append(variance.squareRoot())
        count.append(values.count)
    }

    /// Aggregates per epoch number: `runs[r]` is run r's list of (epoch, value); non-finite values are skipped.
    public static func byEpoch(_ runs: [[(epoch: Int, value: Double)]], minimumRuns: Int? = nil) -> CurveAggregate {
        let minimum = minimumRuns ?? majority(of: runs.count)
        let last = runs.flatMap { $0.map(\.epoch) }.max() ?? 0
        guard last >= 1 else { return CurveAggregate() }
        var columns = Array(repeating: [Double](), count: last + 1)
        for run in runs {
            for point in run where point.epoch >= 1 && point.value.isFinite {
                columns[point.epoch].append(point.value)
            }
        }
        var result = CurveAggregate()
        for epoch in 1...last where columns[epoch].count >= minimum && !columns[epoch].isEmpty {
            result.append(x: Double(epoch), values: columns[epoch])
        }
        return result
    }

    /// Aggregates per training step: `runs[r]` is run r's list of (step, value), e.g. its validation
    /// evaluations. Runs of one variant are evaluated at the same steps (same interval, same batch size),
    /// so positions match exactly; non-finite values are skipped.
    public static func byStep(_ runs: [[(step: Int, value: Double)]], minimumRuns: Int? = nil) -> CurveAggregate {
        let minimum = minimumRuns ?? majority(of: runs.count)
        var columns: [Int: [Double]] = [:]
        for run in runs {
            for point in run where point.value.isFinite { columns[point.step, default: []].append(point.value) }
        }
        var result = CurveAggregate()
        for step in columns.keys.sorted() where columns[step]!.count >= minimum {
            result.append(x: Double(step), values: columns[step]!)
        }
        return result
    }

    /// Interpolates each run linearly onto `grid` (sorted ascending) and aggregates. A run contributes at t
    /// only inside the time span of its finite points — no extrapolation before its first epoch ends or
    /// after its last.
    /// - Parameter runs: per run, (time, value) pairs in increasing time.
    public static func onGrid(_ runs: [[(time: Double, value: Double)]], grid: [Double],
                              minimumRuns: Int? = nil) -> CurveAggregate {
        let minimum = minimumRuns ?? majority(of: runs.count)
        var columns = Array(repeating: [Double](), count: grid.count)
        for run in runs {
            let points = run.filter { $0.time.isFinite && $0.value.isFinite }
            guard let first = points.first, let last = points.last else { continue }
            var segment = 0
            for (g, t) in grid.enumerated() where t >= first.time && t <= last.time {
                while segment + 1 < points.count - 1 && points[segment + 1].time < t { segment += 1 }
                if points.count == 1 {
                    columns[g].append(first.value)
                    continue
                }
                let a = points[segment], b = points[segment + 1]
                let span = b.time - a.time
                let w = span > 0 ? min(max((t - a.time) / span, 0), 1) : 1
                columns[g].append(a.value + w * (b.value - a.value))
            }
        }
        var result = CurveAggregate()
        for (g, t) in grid.enumerated() where columns[g].count >= minimum && !columns[g].isEmpty {
            result.append(x: t, values: columns[g])
        }
        return result
    }

    /// `count` evenly spaced times from 0 to `end` inclusive.
    public static func timeGrid(end: Double, count: Int = 120) -> [Double] {
        guard end.isFinite, end > 0, count >= 2 else { return [] }
        return (0..<count).map { end * Double($0) / Double(count - 1) }
    }
}
