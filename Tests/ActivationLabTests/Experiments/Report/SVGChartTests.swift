import Foundation
import Testing
@testable import ActivationLab

@Suite struct SVGChartTests {
    @Test func niceTicksOnKnownRanges() {
        let unit = NiceScale(0...1, count: 5)
        #expect(unit.ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(unit.step == 0.2 && unit.domain == 0...1)

        // Widened outward to whole steps; values rounded to the step's precision.
        let accuracy = NiceScale(0.83...0.91, count: 5)
        #expect(accuracy.step == 0.02)
        #expect(accuracy.ticks == [0.82, 0.84, 0.86, 0.88, 0.9, 0.92])

        #expect(NiceScale(3...97, count: 5).ticks == [0, 20, 40, 60, 80, 100])
        #expect(NiceScale(0...10, count: 4).ticks == [0, 2.5, 5, 7.5, 10])
        #expect(NiceScale(1...10, count: 5, integer: true).ticks == [0, 2, 4, 6, 8, 10])
        #expect(NiceScale(1...3, count: 5, integer: true).step == 1)
        #expect(NiceScale(-0.3...0.7, count: 5).ticks == [-0.4, -0.2, 0, 0.2, 0.4, 0.6, 0.8])
        #expect(NiceScale(1200...56_000, count: 5).ticks == [0, 20_000, 40_000, 60_000])

        // Degenerate and non-finite ranges still give an axis.
        let single = NiceScale(5...5, count: 5)
        #expect(single.domain.contains(5) && single.ticks.count >= 2)
        #expect(NiceScale(0...0, count: 5).domain.contains(0))
        #expect(NiceScale(-Double.infinity...1, count: 5).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])

        #expect(NiceScale.decimals(2.5) == 1 && NiceScale.decimals(0.25) == 2 && NiceScale.decimals(20) == 0)
        #expect(NiceScale.decimals(0.02) == 2)
    }

    @Test func tickLabels() {
        #expect(SVGChart.label(0.85, step: 0.05, decimals: 2, format: .percent) == "85%")
        #expect(SVGChart.label(0.825, step: 0.005, decimals: 3, format: .percent) == "82.5%")
        #expect(SVGChart.label(2.5, step: 2.5, decimals: 1, format: .number) == "2.5")
        #expect(SVGChart.label(-0, step: 0.2, decimals: 1, format: .number) == "0.0")
        #expect(SVGChart.label(0.0002, step: 0.0001, decimals: 4, format: .number) == "0.0002")
    }

    @Test func chartIsWellFormedAndDrawsEveryMark() throws {
        let chart = SVGChart(
            id: "t", title: "Loss <&> \"quotes\"", subtitle: "sub", x: SVGChart.Axis(label: "epoch"), y: SVGChart.Axis(label: "loss"),
            marks: [
                SVGChart.Mark(.band(x: [1, 2, 3], lower: [0.5, 0.4, 0.3], upper: [0.7, 0.6, 0.5]), colour: "#0072B2", opacity: 0.2),
                SVGChart.Mark(.line([.init(1, 0.6), .init(2, .nan), .init(3, 0.4), .init(4, 0.35)], width: 2, dashed: true), colour: "#0072B2"),
                SVGChart.Mark(.points([.init(2, 0.5)], marker: .diamond, radius: 4, filled: true), colour: "#D55E00"),
                SVGChart.Mark(.points([.init(3, 0.5)], marker: .cross, radius: 4, filled: false), colour: "#D55E00"),
                SVGChart.Mark(.errorBars([.init(x: 2, low: 0.3, high: 0.6, centre: 0.45)], width: 1.5), colour: "#009E73"),
                SVGChart.Mark(.rule(y: 0.55, label: "target <55%>"), colour: "#666"),
            ],
            legend: [SVGChart.LegendEntry("a & b", colour: "#0072B2", band: true)])
        let svg = chart.render()
        #expect(reportIsWellFormedXML(svg) && svg.hasPrefix("<svg ") && svg.hasSuffix("</svg>"))
        // The NaN point splits the line into two segments: M…M….
        let paths = reportAttributeValues("d", in: svg)
        #expect(paths.contains { $0.filter { $0 == "M" }.count == 2 && !$0.contains("Z") })
        #expect(paths.contains { $0.hasSuffix("Z") })  // the band
        #expect(svg.contains("Loss &lt;&amp;&gt; &quot;quotes&quot;") && svg.contains("a &amp; b") && svg.contains("target &lt;55%&gt;"))
        #expect(svg.contains("stroke-dasharray=\"6 4\"") && svg.contains("clip-path=\"url(#t-clip)\""))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func logarithmicAxisTicksAtOneTwoFiveAndPinsNonPositiveValues() {
        // Three decades: 1, 2, 5 × 10ᵏ.
        let (domain, ticks) = SVGChart.resolveLogarithmic(axis: SVGChart.Axis(label: "lr", domain: 0.001...1, logarithmic: true),
                                                          values: [], tickCount: 6)
        #expect(domain == -3...0)
        #expect(ticks.map(\.label) == ["0.001", "0.01", "0.1", "1"])  // 10 candidates > 6 + 2: decades only
        let (_, fine) = SVGChart.resolveLogarithmic(axis: SVGChart.Axis(label: "lr", logarithmic: true), values: [0.02, 0.4], tickCount: 6)
        #expect(fine.map(\.label) == ["0.02", "0.05", "0.1", "0.2"])
        #expect(SVGChart.logLabel(1e-6) == "1e-6" && SVGChart.logLabel(0.0005) == "0.0005" && SVGChart.logLabel(2e6) == "2e6")

        // Equal ratios are equal distances; a value ≤ 0 is pinned left (and clipped), not NaN.
        let chart = SVGChart(id: "log", title: "", x: SVGChart.Axis(label: "lr", domain: 0.001...1, logarithmic: true),
                             y: SVGChart.Axis(label: "acc", domain: 0...1),
                             marks: [SVGChart.Mark(.points([.init(0.001, 0.5), .init(0.01, 0.5), .init(0.1, 0.5), .init(0, 0.5)],
                                                           marker: .circle, radius: 3, filled: true), colour: "#000"),
                                     SVGChart.Mark(.verticalRule(x: 0.1, label: "chosen 0.1"), colour: "#666")])
        let svg = chart.render()
        #expect(reportIsWellFormedXML(svg) && !svg.contains("nan") && svg.contains(">chosen 0.1</text>"))
        let xs = reportAttributeValues("cx", in: svg).compactMap(Double.init)
        #expect(xs.count == 4 && abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 0.2 && xs[3] < xs[0])
        // The vertical rule is drawn at the third point's x.
        #expect(reportAttributeValues("x1", in: svg).compactMap(Double.init).contains { abs($0 - xs[2]) < 0.2 })
    }

    @Test func autoDomainFollowsTheDataAndIgnoresContextMarks() {
        let chart = SVGChart(
            id: "d", title: "", x: SVGChart.Axis(label: "x"), y: SVGChart.Axis(label: "y"),
            marks: [
                SVGChart.Mark(.line([.init(0, 0.81), .init(10, 0.89)], width: 2, dashed: false), colour: "#000"),
                // A faint seed curve far outside must not stretch the axis.
                SVGChart.Mark(.line([.init(0, -50), .init(10, 900)], width: 1, dashed: false), colour: "#000", affectsDomain: false),
            ])
        let svg = chart.render()
        #expect(svg.contains(">0.80<") && svg.contains(">0.90<"))
        #expect(!svg.contains(">900<") && !svg.contains(">100<"))
    }

    @Test func curveAggregateByEpochAndOnATimeGrid() {
        let byEpoch = CurveAggregate.byEpoch([
            [(1, 1.0), (2, 2.0), (3, 4.0)],
            [(1, 3.0), (2, .nan), (3, 6.0)],
            [(1, 5.0)],
        ])
        // Epoch 1: mean 3, sd 2; epoch 2: only one finite value of three runs → below the majority, left out.
        #expect(byEpoch.x == [1, 3])
        #expect(byEpoch.mean == [3, 5])
        #expect(byEpoch.standardDeviation[0] == 2 && abs(byEpoch.standardDeviation[1] - 2.0.squareRoot()) < 1e-12)
        #expect(byEpoch.count == [3, 2])
        #expect(CurveAggregate.byEpoch([[(1, 1.0)], [(1, 2.0)]], minimumRuns: 3).isEmpty)

        // By step: exact positions, sorted; a position kept when a majority of runs has a finite value there.
        let byStep = CurveAggregate.byStep([[(50, 0.5), (100, 0.7)], [(50, 0.7), (100, .nan)], [(100, 0.9), (150, 1)]])
        #expect(byStep.x == [50, 100] && byStep.mean == [0.6, 0.8] && byStep.count == [2, 2])

        // Run A: (1, 0) → (3, 2); run B: (2, 1) → (4, 3). No extrapolation outside a run's span.
        let grid = CurveAggregate.onGrid([[(1, 0), (3, 2)], [(2, 1), (4, 3)]], grid: [0, 1, 2, 2.5, 3, 4], minimumRuns: 1)
        #expect(grid.x == [1, 2, 2.5, 3, 4])
        #expect(grid.mean == [0, 1, 1.5, 2, 3])
        #expect(grid.count == [1, 2, 2, 2, 1])
        #expect(grid.standardDeviation == [0, 0, 0, 0, 0])
        let majority = CurveAggregate.onGrid([[(1, 0), (3, 2)], [(2, 1), (4, 3)]], grid: [0, 1, 2, 2.5, 3, 4])
        #expect(majority.x == [1, 2, 2.5, 3, 4])  // half of two runs is one
        #expect(CurveAggregate.timeGrid(end: 10, count: 3) == [0, 5, 10] && CurveAggregate.timeGrid(end: .nan).isEmpty)
    }

    @Test func renderingIsFastForALargeExperiment() throws {
        var synthetic = SyntheticExperiment()
        synthetic.epochs = 50
        synthetic.seeds = [1, 2, 3, 4, 5]
        let base = SyntheticExperiment.defaultVariants
        synthetic.variants = (0..<10).map { i in
            var variant = base[i % base.count]
            variant.name = "variant-\(i)"
            variant.divergesInLastSeedAt = nil
            return variant
        }
        let experiment = Experiment(id: 1, spec: synthetic.spec, createdAt: Date(timeIntervalSince1970: 0))
        var runs: [ExperimentReport.Run] = []
        var id: Int64 = 0
        for (index, variant) in synthetic.variants.enumerated() {
            for seed in synthetic.seeds {
                id += 1
                let stored = StoredRun(id: id, experimentID: 1, cell: Cell(variant: variant.name, seed: seed),
                                       configuration: synthetic.configuration(variant, seed: seed), status: .finished,
                                       reason: nil, startedAt: Date(), finishedAt: Date(), divergedEpoch: nil, divergedStep: nil,
                                       owner: RunOwner(host: "h", pid: 1, processStart: nil, token: "t"), attempts: 1)
                runs.append(ExperimentReport.Run(run: stored, epochs: synthetic.epochs(variant, seed: seed, variantIndex: index).epochs))
            }
        }
        let clock = ContinuousClock()
        var html = "", csv = ""
        let elapsed = try clock.measure {
            let report = try ExperimentReport(experiment: experiment, runs: runs)
            html = HTMLReport.html(report)
            csv = CSVExport.text(report)
            _ = MarkdownReport.text(report)
            _ = try JSONExport.data(report)
        }
        #expect(html.contains("variant-9") && csv.split(separator: "\n").count == 1 + 10 * 5 * 50)
        // Well under a second in a release build (measured ≈ see docs/report.md); debug builds are slower.
        #expect(elapsed < .seconds(5), "report took \(elapsed)")
        print("report of 10 variants × 5 seeds × 50 epochs: \(elapsed), HTML \(html.utf8.count / 1024) KiB")
        if let directory = ProcessInfo.processInfo.environment["ACTLAB_REPORT_EXAMPLE_DIR"] {
            try Data(html.utf8).write(to: URL(fileURLWithPath: directory + "/large.html"))
        }
    }
}
