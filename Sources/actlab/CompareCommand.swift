import ArgumentParser
import ActivationLab

extension TuneObjective: ExpressibleByArgument {}
extension TuneSearch: ExpressibleByArgument {}
import Foundation

/// `actlab compare`: A/B comparison of variants across seeds, stored in SQLite, with statistics and a report.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a baseline with variants across seeds: speed to a target accuracy, final accuracy, stability.",
        discussion: """
        A variant is an activation name, or options joined by '+' with keys
        named like `actlab train` options:
          relu   penalized-tanh   leaky-relu:0.25   tanh+transform=abg
          relu+head=linear-exp   gelu+hdfgd+adversarial
        The protocol (docs/protocol.md): each variant's learning rate is tuned
        with the same budget on a seed of its own (--tune); a pilot run of the
        tuned baseline sets the target before the comparison (--target-
        accuracy auto); every variant then trains on seeds 1...N and is judged
        against the baseline on the same seeds: test accuracy (paired t) and
        steps to the target (paired, censored at the budget), Holm-adjusted,
        with a practical margin for "equivalent". Runs are stored as they go
        (--store); --resume completes them after a crash or Ctrl-C. With no
        options: relu vs tanh, penalized-tanh, scaled-sigmoid and relu with
        the linear-exp head, 3 seeds, 10 epochs on Fashion-MNIST (the bundled
        sample if it is not installed). Config files: docs/compare-config.md.

        Examples:
          actlab compare
          actlab compare --baseline relu --variants penalized-tanh,tanh \\
              --seeds 5 --epochs 10 --target-accuracy 0.87 --tune lr,momentum
          actlab compare --variants sigmoid --tune none --lr 0.05
          actlab compare --config docs/compare-example.json
          actlab compare --shard 0/2 & actlab compare --shard 1/2
          actlab compare --variants tanh --jobs 2 --model mlp:auto-128-auto
          actlab compare --emit-slurm sweep.sbatch --shards 8

        \(TrainingOptions.help(epochs: ComparisonDefaults.epochs, overriding: ["schedule": ComparisonDefaults.schedule.optionText]))
        """
    )

    @OptionGroup var options: TrainingOptions
    @Option(help: "The baseline variant.") var baseline = ComparisonDefaults.baseline
    @Option(help: "Comma-separated variants to compare with the baseline.")
    var variants = ComparisonDefaults.variants.joined(separator: ",")
    @Option(parsing: .unconditional, help: "Number of seeds (1...N) per variant.") var seeds = ComparisonDefaults.seedCount
    @Option(help: "Target validation accuracy for steps to target (0–1), or auto: a pilot run of the tuned baseline on a seed of its own sets it to its mean validation accuracy over the second quarter of its steps, before any evaluation run.")
    var targetAccuracy = ComparisonDefaults.targetAccuracy
    @Option(help: "Options tuned per variant, e.g. lr or lr,momentum or lr=1e-4:0.3 (log-uniform ranges; lr 1e-3…1), or none. Every variant gets the same number of trials (see --tune-search).")
    var tune = ComparisonDefaults.tune
    @Option(parsing: .unconditional, help: "Tuning trials per variant.") var tuneBudget = ComparisonDefaults.tuneBudget
    @Option(help: "How trials are placed: refine (the first half at Halton points shared by every variant, the rest around each variant's best of those, so a best at the largest or smallest value tried is followed beyond it) or halton (every trial a shared Halton point).")
    var tuneSearch: TuneSearch = ComparisonDefaults.tuneSearch
    @Option(parsing: .unconditional, help: "Epochs per tuning trial (default: a third of --epochs, at least 1).") var tuneEpochs: Int?
    @Option(help: "What tuning optimises: accuracy (final validation accuracy) or speed (steps to the target, fixed before tuning by an untuned pilot unless --target-accuracy is a number).")
    var tuneFor: TuneObjective = .accuracy
    @Option(parsing: .unconditional, help: "Accuracy differences within ± this many points are equivalent.") var margin = ComparisonDefaults.marginPoints
    @Option(parsing: .unconditional, help: "Speed-ups within this many percent either way are equivalent.") var speedMargin = ComparisonDefaults.speedMarginPercent
    @Option(help: "SQLite run store.") var store = RunStore.defaultPath
    @Option(help: "Experiment name in the store (default: derived from the definition).") var name: String?
    @Option(help: "Read the comparison from a JSON config file (docs/compare-config.md); it replaces the comparison flags, while --store, --resume, --shard, --emit-slurm, --report and --threads still apply.")
    var config: String?
    @Flag(help: "Complete the unfinished runs of an existing comparison. With no definition flags: the store's only unfinished experiment (or the one --experiment names).")
    var resume = false
    @Option(help: "With --resume and no definition flags: the experiment to resume (its name, a unique prefix, or its #hash).")
    var experiment: String?
    @Option(help: "Run only shard I of N (I/N, 0-based), e.g. 0/4.") var shard: String?
    @Option(help: "Write a Slurm script instead of running: `sbatch FILE` submits a protocol job (tuning, pilot), then --shards array tasks (--threads CPUs each, default 2), then a job that merges them into --store and writes --report (docs/slurm.md).")
    var emitSlurm: String?
    @Option(parsing: .unconditional, help: "Number of array tasks (shards) for --emit-slurm.") var shards = 4
    @Option(parsing: .unconditional, help: ArgumentHelp("Cells trained at once, each in a worker process with --threads/N BLAS threads (at least 1), all on the one store; the runs are bit for bit those of --jobs 1 at that thread count. Default: \(JobCount.rule).", valueName: "n"))
    var jobs: Int?
    /// Set by `--jobs` on the processes it starts: this process is worker I of N.
    @Option(help: .hidden) var worker: String?
    @Option(help: "Write the HTML report here when the sweep ends ('' to skip).") var report = "actlab-report.html"
    @Flag(help: "Run tuning, the pilot and the step-cost benchmark, store their decisions and stop before the evaluation runs; shards started from a copy of the store skip them (the --emit-slurm script's first job).")
    var protocolOnly = false

    func run() throws {
        try options.compute.run { try compare() }
    }

    /// The definition flags: with none of them, `--resume` resumes what the store holds.
    static let definitionFlags = ["--baseline", "--variants", "--seeds", "--target-accuracy", "--tune", "--tune-budget",
                                  "--tune-epochs", "--tune-for", "--tune-search", "--margin", "--speed-margin", "--name", "--config"]

    private var resumesFromStore: Bool {
        resume && options.trainingArguments.isEmpty && !CommandLine.arguments.contains { argument in
            Self.definitionFlags.contains { argument == $0 || argument.hasPrefix($0 + "=") }
        }
    }

    private func compare() throws {
        let comparison = try resumesFromStore ? storedComparison() : CompareDefinition.resolve(command: self)
        let workerIndex = try parsedWorker()
        // Check the data and every variant's model before the store is touched.
        var probeConfiguration = comparison.base
        probeConfiguration.seed = comparison.seeds[0]
        let probe = try loadSplits(for: probeConfiguration)
        var largestModel = (weights: 0, convolutional: false)
        for variant in comparison.variants {
            do {
                let session = try TrainingSession(configuration: variant.configuration, sampleShape: probe.train.sampleShape,
                                                  classCount: probe.train.classCount)
                largestModel.weights = max(largestModel.weights, session.model.parameterCount)
                largestModel.convolutional = try largestModel.convolutional || !ModelSpec.parse(variant.configuration.model).isMLP
            } catch { throw ValidationError((config.map { "\($0): " } ?? "") + "variant '\(variant.name)': \(error)") }
        }
        // The script runs the same definition on the cluster: checked here first, like a local run.
        if let emitSlurm { return try SlurmSubmission.emit(command: self, comparison: comparison, to: emitSlurm) }
        let runStore = try RunStore(path: store)
        let data: (UInt64) throws -> DataSplits = { seed in
            if seed == probeConfiguration.seed { return probe }
            var configuration = comparison.base
            configuration.seed = seed
            return try loadSplits(for: configuration)
        }
        let experiment = try runStore.createOrFindExperiment(comparison.experimentSpec())
        let existing = try runStore.runs(experiment: experiment)
        if workerIndex == nil && !resume && shard == nil && !existing.isEmpty {
            let complete = existing.filter { $0.isComplete && $0.kind == .evaluation }.count
            throw ValidationError("--store \(store): already holds '\(comparison.name)' (\(complete) of \(comparison.experimentSpec().cells.count) cells complete). Pass --resume to complete it, or --name to start another")
        }
        var runner = try ProtocolRunner(comparison: comparison, store: runStore, shard: try parsedShard(), resume: resume,
                                        loadSplits: data)
        runner.stopsBeforeEvaluation = protocolOnly
        if let workerIndex {
            runner.measuresStepCosts = workerIndex == 0
            return try runAsWorker(runner)
        }
        let jobCount = JobCount.resolve(requested: jobs, threads: options.compute.threads, weights: largestModel.weights,
                                        convolutional: largestModel.convolutional, dataBytes: Self.bytes(of: probe))
        Terminal.paragraph("comparison '\(comparison.name)': \(comparison.variants.count) variants × \(comparison.seeds.count) seeds, "
              + "\(comparison.base.epochs) epochs on \(comparison.base.dataset) with \(comparison.base.model); store \(store)")
        Terminal.paragraph(ProtocolProgress.plan(runner))
        Interrupt.install()
        if jobCount.jobs > 1 {
            Terminal.paragraph("\(jobCount.jobs) worker processes with \(jobCount.threadsPerJob) thread\(jobCount.threadsPerJob == 1 ? "" : "s") each (--jobs)")
            let arguments = Array(CommandLine.arguments.dropFirst())
            let parallel = ParallelCells(jobs: jobCount, workerArguments: { index in
                ParallelCells.workerArguments(arguments, index: index, of: jobCount.jobs, threads: jobCount.threadsPerJob)
            }, progress: {
                ParallelCells.progress(runStore, experiments: [experiment], evaluationCells: experiment.spec.cells.count, jobs: jobCount)
            })
            if try parallel.run() == .interrupted {
                throw CommandLineError("interrupted: finished runs are stored. Continue with: \(continueCommand)", status: Interrupt.exitStatus)
            }
            let runs = try runStore.runs(experiment: experiment)
            let complete = Set(runs.filter { $0.isComplete && $0.kind == .evaluation }.map(\.cell))
            Terminal.line("\(jobCount.jobs) workers ran \(runs.count) runs (\(runs.filter { $0.status == .diverged }.count) diverged, \(runs.filter { $0.status == .failed }.count) failed)")
            guard Set(experiment.spec.cells).isSubset(of: complete) else {
                Terminal.line("waiting: \(experiment.spec.cells.count - complete.count) evaluation runs are not complete; continue with: \(continueCommand)")
                return
            }
            return try finish(runStore, experiment)
        }
        var progress = ProtocolProgress(comparison: comparison, settings: runner.settings)
        let outcome = try runner.run(shouldStop: { Interrupt.requested }) { progress.handle($0) }
        Terminal.clearStatus()
        let ran = outcome.sweep
        Terminal.line("ran \(ran.ran) runs (\(ran.finished) finished, \(ran.diverged) diverged, \(ran.failed) failed), skipped \(ran.skipped)")
        if ran.interrupted {
            throw CommandLineError("interrupted: finished runs are stored. Continue with: \(continueCommand)", status: Interrupt.exitStatus)
        }
        if outcome.protocolDecided {
            Terminal.line("protocol decided and stored in \(store); the evaluation runs are left to the shards (--shard I/N on a copy)")
            return
        }
        guard outcome.complete else {
            Terminal.line("waiting: \(outcome.waitingFor ?? "runs are not complete"); continue with: \(continueCommand)")
            return
        }
        try finish(runStore, experiment)
    }

    /// Runs this process's share of the cells as worker `--worker I/N` of a `--jobs` comparison: quietly (the
    /// supervisor shows progress and the summary), stopping when the supervisor asks or disappears.
    private func runAsWorker(_ runner: ProtocolRunner) throws {
        Interrupt.installForWorker()
        let supervisor = getppid()
        let outcome = try runner.run(shouldStop: { Interrupt.requested || getppid() != supervisor })
        if outcome.sweep.interrupted {
            throw CommandLineError("interrupted: finished runs are stored", status: Interrupt.exitStatus)
        }
    }

    /// The decoded splits' size in bytes, features and labels.
    static func bytes(of splits: DataSplits) -> Int {
        [splits.train, splits.validation, splits.test].reduce(0) { $0 + 4 * ($1.count * $1.featureWidth + $1.count) }
    }

    /// Prints the summary, the verdicts and the report of a complete comparison.
    private func finish(_ runStore: RunStore, _ experiment: Experiment) throws {
        let summary = try ComparisonSummary(store: runStore, experiment: experiment)
        Terminal.line(SummaryColumns.text(summary, width: Terminal.width))
        Terminal.paragraph(SummaryColumns.legend(summary))
        Terminal.line("")
        Terminal.paragraph(ProtocolDescription.targetLine(summary))
        for line in VerdictLine.lines(summary) { Terminal.paragraph(line) }
        for note in VerdictLine.notes(summary) { Terminal.paragraph("note: " + note) }
        if !report.isEmpty && shard == nil {
            try ReportWriter.write(store: runStore, experiment: experiment, to: report)
            Terminal.line("report: \(URL(fileURLWithPath: report).standardizedFileURL.path)")
        }
    }

    /// The comparison to resume from the store: the one `--experiment` names, else the only unfinished one.
    private func storedComparison() throws -> Comparison {
        guard FileManager.default.fileExists(atPath: store) else {
            throw ValidationError("--resume: the store \(store) does not exist. Give the comparison's flags to start it")
        }
        let runStore = try RunStore(path: store, readOnly: true)
        let experiments = try runStore.experiments()
        let chosen: Experiment
        if let experiment {
            do { chosen = try ExperimentLookup.find(experiment, in: experiments) }
            catch { throw ValidationError("--experiment: \(error)") }
        } else {
            let unfinished = try experiments.filter { experiment in
                let runs = try runStore.runs(experiment: experiment)
                let complete = Set(runs.filter { $0.isComplete && $0.kind == .evaluation }.map(\.cell))
                return !Set(experiment.spec.cells).isSubset(of: complete)
            }
            guard unfinished.count == 1 else {
                throw ValidationError(unfinished.isEmpty
                    ? "--resume: every experiment in \(store) is complete, nothing to resume. Start another with --name"
                    : "--resume: \(store) holds \(unfinished.count) unfinished experiments. Name one with --experiment: "
                        + unfinished.map { "'\($0.spec.name)'" }.joined(separator: ", "))
            }
            chosen = unfinished[0]
        }
        do {
            return try Comparison(stored: chosen, protocol: try runStore.protocolRecord(experiment: chosen))
        } catch { throw ValidationError("--resume: cannot rebuild '\(chosen.spec.name)' from \(store): \(error)") }
    }

    /// The command that continues this comparison after an interruption or in another shard's absence.
    private var continueCommand: String {
        let arguments = CommandLine.arguments.dropFirst().filter { $0 != "--resume" }
        return "actlab " + (arguments + ["--resume"]).map(Self.shellQuoted).joined(separator: " ")
    }

    /// `argument` as a shell reads it back: as is when plain, else in single quotes (`''` for an empty one).
    static func shellQuoted(_ argument: String) -> String {
        if !argument.isEmpty, argument.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=,+@%".contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// More Slurm tasks than this is a typo rather than a cluster.
    static let maximumShards = 10_000

    /// `--worker I/N`: this process's index among the workers of a `--jobs` comparison.
    func parsedWorker() throws -> Int? { try ParallelCells.workerIndex(worker) }

    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[1] > 0, (0..<parts[1]).contains(parts[0]) else {
            throw ValidationError("--shard: '\(shard)' is not I/N with 0 ≤ I < N. Write it like 0/4")
        }
        return (parts[0], parts[1])
    }

    func validate() throws {
        guard (1...OptionLimits.seeds).contains(seeds) else {
            throw ValidationError("--seeds: must be in 1...\(OptionLimits.seeds), got \(seeds)")
        }
        guard (1...Self.maximumShards).contains(shards) else {
            throw ValidationError("--shards: must be in 1...\(Self.maximumShards), got \(shards)")
        }
        _ = try parsedShard()
        _ = try parsedWorker()
        if let jobs, !(1...JobCount.maximum).contains(jobs) {
            throw ValidationError("--jobs: must be in 1...\(JobCount.maximum), got \(jobs)")
        }
    }
}
