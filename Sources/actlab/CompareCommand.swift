import ArgumentParser
import ActivationLab
import Foundation

/// `actlab compare`: A/B comparison of variants across seeds, stored in SQLite, with statistics and a report.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a baseline with variants across seeds: speed to a target accuracy, final accuracy, stability.",
        discussion: """
        Every variant × seed cell trains with the shared options below, then
        applies its variant: an activation name, or options joined by '+' with
        keys named like `actlab train` options:
          relu   penalized-tanh   leaky-relu:0.25   tanh+transform=abg+lr=0.2
          relu+head=linear-exp+lr=0.01   gelu+hdfgd+adversarial
        Runs are stored as they go (--store); rerun with --resume to complete
        the unfinished cells after a crash or Ctrl-C. With no options: relu
        vs tanh, penalized-tanh, scaled-sigmoid (softmax-ce) and relu with the
        linear-exp head, 3 seeds, 15 epochs on Fashion-MNIST (the bundled sample
        if it is not installed). Config files: docs/compare-config.md.

        Examples:
          actlab compare
          actlab compare --baseline relu --variants penalized-tanh,tanh \\
              --seeds 5 --epochs 10 --target-accuracy 0.87
          actlab compare --config docs/compare-example.json
          actlab compare --shard 0/2 & actlab compare --shard 1/2
          actlab compare --emit-slurm sweep.sbatch --shards 8

        \(TrainingOptions.help(epochs: ComparisonDefaults.epochs))
        """
    )

    @OptionGroup var options: TrainingOptions
    @Option(help: "The baseline variant.") var baseline = ComparisonDefaults.baseline
    @Option(help: "Comma-separated variants to compare with the baseline.")
    var variants = ComparisonDefaults.variants.joined(separator: ",")
    @Option(help: "Number of seeds (1...N) per variant.") var seeds = ComparisonDefaults.seedCount
    @Option(help: "Target validation accuracy for epochs/seconds-to-target (0–1).")
    var targetAccuracy = ComparisonDefaults.targetAccuracy
    @Option(help: "SQLite run store.") var store = RunStore.defaultPath
    @Option(help: "Experiment name in the store (default: derived from the definition).") var name: String?
    @Option(help: "Read the comparison from a JSON config file (docs/compare-config.md); it replaces the comparison flags, while --store, --resume, --shard, --emit-slurm, --report and --threads still apply.")
    var config: String?
    @Flag(help: "Complete the unfinished cells of an existing comparison.") var resume = false
    @Option(help: "Run only shard I of N (I/N, 0-based), e.g. 0/4.") var shard: String?
    @Option(help: "Write a Slurm job-array script for --shards tasks instead of running.") var emitSlurm: String?
    @Option(help: "Number of shards for --emit-slurm.") var shards = 4
    @Option(help: "Write the HTML report here when the sweep ends ('' to skip).") var report = "actlab-report.html"

    func run() throws {
        try options.compute.run { try compare() }
    }

    private func compare() throws {
        let comparison = try CompareDefinition.resolve(command: self)
        if let emitSlurm {
            try SlurmScript.write(to: emitSlurm, shards: shards, arguments: Array(CommandLine.arguments.dropFirst()))
            Terminal.line("wrote \(emitSlurm): sbatch it, then `actlab merge --into \(store) shard-*.sqlite`")
            return
        }
        // Check the data and every variant's model before the store is touched.
        var probeConfiguration = comparison.base
        probeConfiguration.seed = comparison.seeds[0]
        let probe = try loadSplits(for: probeConfiguration)
        for variant in comparison.variants {
            do {
                _ = try TrainingSession(configuration: variant.configuration, sampleShape: probe.train.sampleShape,
                                        classCount: probe.train.classCount)
            } catch { throw ValidationError("variant '\(variant.name)': \(error)") }
        }
        let runStore = try RunStore(path: store)
        let sweep = try Sweep(comparison: comparison, store: runStore, shard: try parsedShard(), resume: resume) { seed in
            if seed == probeConfiguration.seed { return probe }
            var configuration = comparison.base
            configuration.seed = seed
            return try loadSplits(for: configuration)
        }
        let existing = try runStore.runs(experiment: sweep.experiment)
        if !resume && shard == nil && !existing.isEmpty {
            let complete = existing.filter(\.isComplete).count
            throw ValidationError("the store \(store) already holds '\(comparison.name)' (\(complete) of \(comparison.experimentSpec().cells.count) cells complete); pass --resume to complete it, or --name to start another")
        }
        Terminal.line("comparison '\(comparison.name)': \(comparison.variants.count) variants × \(comparison.seeds.count) seeds, "
              + "\(comparison.base.epochs) epochs on \(comparison.base.dataset) with \(comparison.base.model); store \(store)")
        Interrupt.install()
        var progress = SweepProgress(cells: sweep.cells.count, epochs: comparison.base.epochs)
        let summary = try sweep.run(shouldStop: { Interrupt.requested }) { progress.handle($0) }
        Terminal.clearStatus()
        Terminal.line("ran \(summary.ran) cells (\(summary.finished) finished, \(summary.diverged) diverged, \(summary.failed) failed), skipped \(summary.skipped)")
        let statistics = try runStore.variantStatistics(experiment: sweep.experiment)
        Terminal.line(ComparisonTable.render(statistics, baseline: comparison.baseline.name, target: comparison.targetAccuracy))
        if summary.interrupted {
            Terminal.error("interrupted: finished runs are stored; rerun with --resume to complete the sweep")
            throw ExitCode(130)
        }
        if !report.isEmpty && shard == nil {
            try ReportWriter.write(store: runStore, experiment: sweep.experiment, to: report)
            Terminal.line("report: \(URL(fileURLWithPath: report).standardizedFileURL.path)")
        }
    }

    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard must be I/N with 0 ≤ I < N, e.g. 0/4; got '\(shard)'")
        }
        return (parts[0], parts[1])
    }

    func validate() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, got \(shards)") }
        _ = try parsedShard()
    }
}

/// Ctrl-C sets a flag the sweep polls between steps, so the store is left consistent.
enum Interrupt {
    nonisolated(unsafe) static var requested = false

    static func install() {
        signal(SIGINT) { _ in
            if Interrupt.requested { _exit(130) }  // a second Ctrl-C quits at once
            Interrupt.requested = true
        }
    }
}

/// One progress line for the whole sweep: bar, ETA, current cell.
struct SweepProgress {
    let cells: Int
    let epochs: Int
    private let start = Date()
    private var doneEpochs = 0.0
    private var cellIndex = 0

    init(cells: Int, epochs: Int) {
        self.cells = cells
        self.epochs = epochs
    }

    mutating func handle(_ event: SweepEvent) {
        switch event {
        case let .cellStarted(_, index, _):
            cellIndex = index
            doneEpochs = Double(index * epochs)
        case let .step(cell, epoch, step, steps):
            guard step % 10 == 0 || step == steps else { return }
            let done = doneEpochs + Double(epoch - 1) + Double(step) / Double(steps)
            let total = Double(cells * epochs)
            let elapsed = Date().timeIntervalSince(start)
            let eta = done > 0 ? elapsed / done * (total - done) : .infinity
            Terminal.status("\(Terminal.bar(done / total)) \(Int(100 * done / total))%  ETA \(Terminal.duration(eta))  "
                            + "cell \(cellIndex + 1)/\(cells): \(cell.variant), seed \(cell.seed), epoch \(epoch)/\(epochs)")
        case let .cellEnded(cell, status, message):
            Terminal.clearStatus()
            let note = status == .finished ? "" : " — \(message ?? status.rawValue)"
            Terminal.line("  \(cell.variant) seed \(cell.seed): \(status.rawValue)\(note)")
        case .epoch, .cellSkipped:
            break
        }
    }
}
