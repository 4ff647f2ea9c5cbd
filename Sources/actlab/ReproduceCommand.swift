import ArgumentParser
import ActivationLab
import Foundation

/// `actlab reproduce`: run the experiment each paper's section of techniques.md asks for and write its document.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Reproduce a paper's claim at 2-core scale and write <out-dir>/<paper>.md with a computed verdict.",
        discussion: """
        Papers: oland (linear output + gradient boosting), vatanen (transformations in nonlinearities), su (network \
        adversarial / HD-FGD; interpretation throughout), xu (revised saturated activations), williams (explicit \
        optimisation), or all.

        Each runs its comparisons across seeds into the run store (finished runs are reused, so rerunning only \
        regenerates the documents; --resume also redoes failed or killed runs), adds its extra measurements, and \
        writes <out-dir>/<paper>.md, <paper>.html (with <paper>-<comparison>.html experiment reports) and \
        <paper>.json, then regenerates <out-dir>/README.md from every <paper>.json \
        there. The verdict — supported, not supported or inconclusive — is computed from the measurements by the rule \
        printed in the document, its leaves Holm-adjusted. Every comparison runs under the protocol (each variant tuned \
        with the same budget on seeds of its own, the target fixed by a pilot before the runs, paired statistics). \
        Full mode (10 seeds) takes 4–17 minutes per paper on 2 quiet cores with the default --jobs (one \
        single-threaded worker process per core); --quick a few minutes. The \
        documents go to ./actlab-reproductions unless --out-dir says otherwise (the committed ones: \
        --out-dir docs/reproductions); a --quick run never replaces a full run's document.

        Examples:
          actlab reproduce xu --quick
          actlab reproduce all
          actlab reproduce oland --dataset cifar10:cifar-10-batches-bin --seeds 5
          actlab reproduce all --render-only --out-dir docs/reproductions
        """
    )

    @Argument(help: "The paper to reproduce, or all of them.")
    var paper: PaperChoice

    /// A paper, or all: `PaperID` plus `all`, so `--help` lists them and an unknown name is a usage error.
    enum PaperChoice: RawRepresentable, ExpressibleByArgument, CaseIterable, Equatable {
        case paper(PaperID)
        case all

        static var allCases: [PaperChoice] { PaperID.allCases.map(Self.paper) + [.all] }

        init?(rawValue: String) {
            if rawValue == "all" {
                self = .all
            } else if let id = PaperID(rawValue: rawValue) {
                self = .paper(id)
            } else {
                return nil
            }
        }

        var rawValue: String {
            switch self {
            case .paper(let id): id.rawValue
            case .all: "all"
            }
        }

        var papers: [PaperID] {
            switch self {
            case .paper(let id): [id]
            case .all: PaperID.allCases
            }
        }
    }

    @Flag(help: "Quick mode, a smoke test: 3 seeds, 3 tuning trials, 10,000 training images (800–6,000 for the CNNs), few epochs, narrow networks (a few minutes per paper).")
    var quick = false

    @Option(help: "Seeds per variant (default: 10, or 3 with --quick).")
    var seeds: Int?

    @Option(help: "Dataset spec (default: fashion-mnist if installed, else the bundled sample).")
    var dataset: String?

    @Option(help: "SQLite run store for the runs.")
    var store = "actlab-reproductions.sqlite"

    @Option(help: "Directory for <paper>.md, <paper>.json and README.md (the committed documents: docs/reproductions).")
    var outDir = "actlab-reproductions"

    @Flag(help: "Redo failed runs and runs whose process died.")
    var resume = false

    @Option(parsing: .unconditional, help: "Threads for BLAS (default and maximum: all cores).")
    var threads: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Runs trained at once, each in a worker process with --threads/N BLAS threads (at least 1), all on the one store; the runs are bit for bit those of --jobs 1 at that thread count. The extra measurements then run in this process on every thread. Default: \(Self.jobsRule).", valueName: "n"))
    var jobs: Int?

    /// Set by `--jobs` on the processes it starts: this process is worker I of N.
    @Option(help: .hidden) var worker: String?

    @Flag(help: "Only rewrite <paper>.md, <paper>.html and README.md from the stored <paper>.json; run nothing.")
    var renderOnly = false

    static let jobsRule = "one worker per thread (--threads, default every core) with one thread each, as long as the data fits in memory that many times"

    func validate() throws {
        if let seeds, !(1...OptionLimits.seeds).contains(seeds) { throw ValidationError("--seeds: must be in 1...\(OptionLimits.seeds), got \(seeds)") }
        if let threads, threads < 1 { throw ValidationError("--threads: must be at least 1, got \(threads)") }
        if let jobs, !(1...JobCount.maximum).contains(jobs) {
            throw ValidationError("--jobs: must be in 1...\(JobCount.maximum), got \(jobs)")
        }
        _ = try ParallelCells.workerIndex(worker)
    }

    func run() throws {
        if renderOnly { return try rerender() }
        try ComputeContext(threads: ThreadCount.resolve(threads)).run { try reproduce() }
    }

    private func reproduce() throws {
        let datasetSpec = dataset ?? DatasetSource.defaultSpec()
        var scale = quick ? ReproductionScale.quick(dataset: datasetSpec) : ReproductionScale.full(dataset: datasetSpec)
        if let seeds {
            scale.seeds = seeds
            scale.curvatureSeeds = seeds
        }
        if let corpus = scale.textCorpus, !FileManager.default.fileExists(atPath: corpus) {
            Terminal.error("note: \(corpus) not found (apt-get install fortunes); the language-model part of williams is skipped")
            scale.textCorpus = nil
        }
        let command = (["actlab"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        var runner: ReproductionRunner
        let context: ReproductionContext
        do {
            // Check the data before the store file is created.
            context = try ReproductionRunner.context(scale)
        } catch {
            throw ValidationError("\(error)")
        }
        if let index = try ParallelCells.workerIndex(worker) {
            runner = ReproductionRunner(store: try RunStore(path: store), scale: scale, resume: resume, command: command)
            return try ReproduceWorkers.work(paper.papers, index: index, runner: runner, context: context)
        }
        // Fail before training, not after: the documents are written at the end of each paper's runs.
        try Self.prepareOutputDirectory(outDir)
        if quick { try refuseToReplaceFullDocuments(mode: scale.mode) }
        do {
            runner = ReproductionRunner(store: try RunStore(path: store), scale: scale, resume: resume, command: command)
        } catch {
            throw ValidationError("\(error)")
        }
        // The examples test's budget knob (ExamplesTests): everything is checked, nothing is trained.
        if ProcessInfo.processInfo.environment["ACTLAB_REPRODUCE_CHECK_ONLY"] == "1" {
            return print("checked: \(paper.papers.map(\.rawValue).joined(separator: ", ")) (\(scale.mode), \(scale.seeds) seeds, "
                         + "\(scale.dataset)) would run into \(store) and write \(outDir); nothing was trained")
        }
        Interrupt.install()
        let threadBudget = ComputeContext.current.threads
        let jobCount = JobCount.perThread(requested: jobs, threads: threadBudget, dataBytes: ReproduceWorkers.dataBytes(context))
        for id in paper.papers {
            print("reproduce \(id.rawValue) (\(scale.mode), \(scale.seeds) seeds, \(scale.dataset)); store \(store)")
            if jobCount.jobs > 1 {
                let workers = ReproduceWorkers(jobs: jobCount, paper: id, command: self, datasetSpec: datasetSpec)
                runner.startedAt = Date()
                runner.runsStoredBefore = try workers.run(runner, context: context)
            }
            var progress: ProtocolProgress?
            var comparisons: [PlannedComparison] = []
            let result: ReproductionResult
            do {
                result = try runner.run(id.reproduction, shouldStop: { Interrupt.requested }) { event in
                    switch event {
                    case let .comparisonStarted(planned, cells):
                        comparisons.append(planned)
                        Terminal.clearStatus()
                        print("  \(planned.label): \(planned.description) — \(planned.comparison.variants.count) variants × "
                              + "\(planned.comparison.seeds.count) seeds, \(planned.comparison.base.epochs) epochs (\(cells) evaluation runs, after tuning)")
                        progress = planned.comparison.protocolSettings.map { ProtocolProgress(comparison: planned.comparison, settings: $0) }
                    case let .protocolEvent(protocolEvent):
                        if case .sweep(.cellSkipped) = protocolEvent { return }
                        progress?.handle(protocolEvent)
                    case let .note(line):
                        // A log (no terminal) gets every step of the extra measurements, which can take minutes.
                        if Terminal.isInteractive { Terminal.status("  " + line) } else { Terminal.line("  " + line) }
                    }
                }
            } catch let error as ReproductionError {
                Terminal.clearStatus()
                throw CommandLineError("\(id.rawValue): \(error.message(naming: CommandLineOptions.flag))",
                                       status: Interrupt.requested ? Interrupt.exitStatus : 1)
            }
            Terminal.clearStatus()
            // One experiment report per comparison: the curves and per-seed numbers behind the document's tables.
            let runStore = try RunStore(path: store, readOnly: true)
            let reports = try ReportWriter.naming("--out-dir") {
                try ReproductionReports.write(comparisons, paper: id, store: runStore, to: outDir)
            }
            try ReportWriter.naming("--out-dir") { try ReproductionDocument.write(result, to: outDir, reports: reports) }
            print("  verdict: \(result.verdict.rawValue) — \(result.summary)")
            print("  wrote \(documents(id)) (\(Int(result.seconds.rounded())) s)")
        }
    }

    /// Creates `directory` (and its parents) if needed and checks that it can be written to.
    static func prepareOutputDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw ValidationError("--out-dir: \(directory) is a file, not a directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            // Name the culprit: usually a parent that is a file.
            var parent = (directory as NSString).deletingLastPathComponent
            while !parent.isEmpty, parent != "/", !FileManager.default.fileExists(atPath: parent) {
                parent = (parent as NSString).deletingLastPathComponent
            }
            let reason = FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) && !isDirectory.boolValue
                ? "\(parent) is a file" : "permission denied"
            throw ValidationError("--out-dir: cannot create \(directory): \(reason)")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw ValidationError("--out-dir: \(directory) is not writable")
        }
    }

    /// `<out-dir>/<paper>.md, .html, .json` and the comparison reports, for the closing line.
    /// A quick run must not replace a full run's document (it did, for `docs/reproductions/xu.*`).
    private func refuseToReplaceFullDocuments(mode: String) throws {
        for id in paper.papers {
            let path = (outDir as NSString).appendingPathComponent("\(id.rawValue).json")
            guard let data = FileManager.default.contents(atPath: path),
                  let existing = try? ReproductionResult.decode(data), existing.scale.mode == "full" else { continue }
            throw ValidationError("--out-dir: \(path) holds a full run's document; a \(mode) run would replace it. "
                                  + "Pass another --out-dir")
        }
    }

    func documents(_ id: PaperID) -> String {
        (outDir as NSString).appendingPathComponent(id.rawValue) + ".{md,html,json}"
            + " and \(id.rawValue)-*.html"
    }

    /// Rewrites the documents from the stored `<paper>.json`: after a change to how documents are rendered,
    /// without rerunning anything (command, date, commit and numbers stay those of the run).
    func rerender() throws {
        for id in paper.papers {
            let path = (outDir as NSString).appendingPathComponent("\(id.rawValue).json")
            guard let data = FileManager.default.contents(atPath: path) else {
                if paper == .all { continue }
                throw ValidationError("--render-only: \(path) not found. Run `actlab reproduce \(id.rawValue)` first")
            }
            let result: ReproductionResult
            do { result = try ReproductionResult.decode(data) } catch {
                throw ValidationError("--render-only: \(path) is not a reproduction result (\(error.localizedDescription))")
            }
            try ReportWriter.naming("--out-dir") {
                try ReproductionDocument.write(result, to: outDir, reports: ReproductionReports.existing(paper: id, in: outDir))
            }
            print("rendered \(documents(id)) from \(path)")
        }
    }
}
