import ActivationLab
import Foundation

/// Progress of a comparison's phases on the terminal: a line when a phase starts, the sweep's progress
/// bar inside it, and what tuning, the pilot and the step-cost benchmark decided.
struct ProtocolProgress {
    let comparison: Comparison
    let settings: ProtocolSettings
    private var sweep: SweepProgress?

    init(comparison: Comparison, settings: ProtocolSettings) {
        self.comparison = comparison
        self.settings = settings
    }

    /// The plan in one line, printed before anything runs.
    static func plan(_ runner: ProtocolRunner) -> String {
        let s = runner.settings
        let plan = (try? s.tuningPlan()) ?? (try! TuningPlan("none", budget: 1))
        let tuning = plan.isEmpty ? "no tuning"
            : "tune \(plan.text) per variant (\(s.tuneBudget) trials × \(s.tuneEpochs) epoch\(s.tuneEpochs == 1 ? "" : "s"), seed \(s.tuningSeeds.map(String.init).joined(separator: ", ")))"
        let target = s.targetAccuracy.map { "target \(VerdictLine.percent($0))" }
            ?? "target set by a pilot run (seed \(s.pilotSeed): its mean accuracy over \(String(format: "%g–%g", s.pilotHorizon * 50, s.pilotHorizon * 100))% of its steps)"
        return "protocol: \(tuning); \(target); then \(runner.comparison.variants.count) variants × \(runner.comparison.seeds.count) seeds"
    }

    mutating func handle(_ event: ProtocolEvent) {
        switch event {
        case let .phase(phase, cells):
            Terminal.clearStatus()
            let epochs = phase == .tuning ? settings.tuneEpochs : comparison.base.epochs
            if phase != .stepCosts { sweep = SweepProgress(cells: cells, epochs: epochs, quiet: phase != .evaluation) }
            Terminal.line("\(phase.rawValue): " + (phase == .stepCosts ? "timing a training step of each variant, interleaved"
                                                    : cells == 0 ? "every run is stored"
                                                    : "\(cells) run\(cells == 1 ? "" : "s") to train in this process"))
        case let .waiting(phase, runs):
            Terminal.status("waiting for \(runs) \(phase.rawValue) run\(runs == 1 ? "" : "s") of another process")
        case let .sweep(event):
            sweep?.handle(event)
        case let .tuned(variant, values, accuracy):
            let text = values.keys.sorted().map { "\($0) \(String(format: "%.3g", values[$0]!))" }.joined(separator: ", ")
            Terminal.line("  tuned \(variant): \(text) (validation accuracy \(VerdictLine.percent(accuracy)))")
        case let .target(target, source):
            Terminal.line("target: \(VerdictLine.percent(target)) (\(source))")
        case let .stepCosts(costs):
            Terminal.line("  " + costs.keys.sorted().map { "\($0) \(SummaryColumns.duration(costs[$0]!))/step" }.joined(separator: ", "))
        }
    }
}
