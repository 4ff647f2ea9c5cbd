import ActivationLab
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `reproduce --jobs N`: N worker processes (`actlab reproduce <paper> … --worker I/N --threads T`) train a
/// paper's comparisons on the one store, dividing each phase's runs through its claims (`ParallelCells`
/// supervises them); then this process finds every run stored and does what only it does — the extra
/// measurements, on every thread, and the documents.
struct ReproduceWorkers {
    let jobs: JobCount
    let paper: PaperID
    let command: ReproduceCommand
    /// The dataset the command resolved (the workers must not resolve it again differently).
    let datasetSpec: String

    /// Trains the paper's comparisons in the workers.
    /// - Returns: the complete runs of its comparisons the store held before (the document counts them as reused).
    /// - Throws: `CommandLineError` when interrupted (status 130) or when a worker failed.
    func run(_ runner: ReproductionRunner, context: ReproductionContext) throws -> Int {
        let planned = try paper.reproduction.comparisons(context)
        let names = Set(planned.map(\.comparison.name))
        let evaluations = planned.reduce(0) { $0 + $1.comparison.variants.count * $1.comparison.seeds.count }
        let store = runner.store
        func experiments() -> [Experiment] { ((try? store.experiments()) ?? []).filter { names.contains($0.spec.name) } }
        // Complete runs only: interrupted or failed ones are trained again, so they count as trained.
        let before = try experiments().reduce(0) { $0 + (try store.runs(experiment: $1).filter(\.isComplete).count) }
        Terminal.line("  \(jobs.jobs) worker processes with \(jobs.threadsPerJob) thread\(jobs.threadsPerJob == 1 ? "" : "s") each (--jobs)"
                      + " train \(planned.count) comparison\(planned.count == 1 ? "" : "s"), \(evaluations) evaluation runs after tuning")
        let parallel = ParallelCells(jobs: jobs, workerArguments: arguments, progress: {
            ParallelCells.progress(store, experiments: experiments(), evaluationCells: evaluations, jobs: jobs)
        })
        if try parallel.run() == .interrupted {
            throw CommandLineError("\(paper.rawValue): " + ReproductionError.interrupted.message(naming: CommandLineOptions.flag),
                                   status: Interrupt.exitStatus)
        }
        return before
    }

    /// Worker `index`'s arguments: this paper, the same scale, store and resume, its share of the threads.
    func arguments(_ index: Int) -> [String] {
        var arguments = ["reproduce", paper.rawValue, "--store", command.store, "--dataset", datasetSpec,
                         "--threads", "\(jobs.threadsPerJob)", "--worker", "\(index)/\(jobs.jobs)"]
        if command.quick { arguments.append("--quick") }
        if let seeds = command.seeds { arguments += ["--seeds", "\(seeds)"] }
        if command.resume { arguments.append("--resume") }
        return arguments
    }

    /// A worker's life: train its share of every paper's comparisons, quietly, until done, interrupted, or
    /// its supervisor is gone.
    static func work(_ papers: [PaperID], index: Int, runner: ReproductionRunner, context: ReproductionContext) throws {
        Interrupt.installForWorker()
        let supervisor = getppid()
        var runner = runner
        runner.measuresStepCosts = index == 0  // the others wait for its timings rather than skew them
        for paper in papers {
            let stopped = try runner.runComparisons(paper.reproduction, context: context) { Interrupt.requested || getppid() != supervisor }
            if stopped { throw CommandLineError("interrupted: finished runs are stored", status: Interrupt.exitStatus) }
        }
    }

    /// About what one worker's copy of the data takes: the training file's features and labels as Float,
    /// doubled for the test split and a minibatch's share (`JobCount` allows three copies per worker).
    static func dataBytes(_ context: ReproductionContext) -> Int {
        2 * 4 * context.trainFileCount * (context.features + 1)
    }
}
