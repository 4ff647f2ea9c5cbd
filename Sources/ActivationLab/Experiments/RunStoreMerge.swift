import Foundation
import GRDB

/// What `RunStore.merge` did.
public struct MergeReport: Sendable, Equatable, CustomStringConvertible {
    public var experimentsAdded = 0
    /// Runs copied into cells the target did not have.
    public var runsCopied = 0
    /// Complete runs that replaced an unfinished or failed run of the same cell in the target.
    public var runsReplaced = 0
    /// Runs skipped because the target already has a complete run of the same cell.
    public var duplicatesSkipped = 0
    /// Running (unfinished) source runs, never copied: `--resume` re-runs those cells.
    public var unfinishedSkipped = 0
    /// Experiments whose protocol differs between a source and the target: the target's is kept.
    public var protocolConflicts = 0
    /// Complete source runs not copied because the target's run of the cell is `running` in a process that
    /// may be alive (a live `compare` writing the target): replacing it would abort that sweep.
    public var liveRunsLeftAlone = 0

    public var description: String {
        "\(experimentsAdded) experiments added, \(runsCopied) runs copied, \(runsReplaced) replaced, "
            + "\(duplicatesSkipped) duplicates skipped, \(unfinishedSkipped) unfinished skipped"
            + (protocolConflicts == 0 ? "" : ", \(protocolConflicts) differing protocols (kept the target's)")
            + (liveRunsLeftAlone == 0 ? "" : ", \(liveRunsLeftAlone) left alone: running in the target by a live "
                + "process (merge again when it has finished)")
    }
}

extension RunStore {
    /// Merges the experiments (with their protocol), runs, epochs and evaluations of `sources` (opened
    /// read-only) into the store at `target`.
    ///
    /// Experiments match by name and must have the same definition. An experiment's protocol is copied when
    /// the target has none (`{}`); a different one in the target is kept and counted. Per cell (experiment, variant, seed):
    /// a complete (finished/diverged) source run is copied when the target has none, replaces a target run
    /// that is failed or `running` with a provably dead owner, and is skipped when the target already has
    /// a complete one or a run that a live process (a `compare` writing the target now) holds, which is
    /// never disturbed; a failed source
    /// run is copied only into an empty cell; running source runs are skipped. Each source is merged in one
    /// transaction, so a failure leaves the target as it was before that source.
    /// - Throws: `StoreError` for an unreadable source, a source that is the target, or a conflicting experiment.
    @discardableResult
    public static func merge(from sources: [String], into target: String,
                             owner: RunOwner = .current()) throws -> MergeReport {
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL.resolvingSymlinksInPath()
        // Read every source before the target is opened: a damaged or unreadable source stops the merge
        // before anything is written (not even a new target file). Sources and target are different
        // files, so no lock is held across them.
        var contents: [(source: String, experiments: [(Experiment, String, [RunContent])])] = []
        for source in sources {
            guard URL(fileURLWithPath: source).standardizedFileURL.resolvingSymlinksInPath() != targetURL else {
                throw StoreError("\(source): cannot merge a store into itself")
            }
            let store = try RunStore(path: source, readOnly: true, owner: owner)
            var content: [(Experiment, String, [RunContent])] = []
            for experiment in try store.experiments() {
                let runs = try store.runs(experiment: experiment).map {
                    RunContent(run: $0, epochs: try store.epochs(run: $0.id), evaluations: try store.evaluations(run: $0.id))
                }
                content.append((experiment, try store.protocolJSON(experiment: experiment), runs))
            }
            contents.append((source, content))
        }
        let destination = try RunStore(path: target, owner: owner)
        var report = MergeReport()
        for (source, content) in contents {
            try destination.write { db in
                for (experiment, protocolJSON, runs) in content {
                    let targetExperiment: Int64
                    if let row = try ExperimentRow.filter(Column("name") == experiment.spec.name).fetchOne(db) {
                        let differences = try row.experiment().spec.differences(from: experiment.spec)
                        guard differences.isEmpty else {
                            throw StoreError("cannot merge \(source): experiment '\(experiment.spec.name)' differs "
                                + "from the one in \(target) (\(differences.joined(separator: ", ")))")
                        }
                        targetExperiment = row.id!
                    } else {
                        var row = ExperimentRow(spec: experiment.spec, createdAt: experiment.createdAt)
                        try row.insert(db)
                        targetExperiment = row.id!
                        report.experimentsAdded += 1
                    }
                    if try !mergeProtocol(protocolJSON, into: targetExperiment, db) { report.protocolConflicts += 1 }
                    for content in runs {
                        let run = content.run
                        if run.status == .running {
                            report.unfinishedSkipped += 1
                            continue
                        }
                        if let existing = try RunStore.runRow(db, experiment: targetExperiment, cell: run.cell) {
                            if existing.isComplete || !run.isComplete {
                                report.duplicatesSkipped += 1
                                continue
                            }
                            // Never take a run from a process that may still be training it.
                            if existing.runStatus == .running && existing.owner.mayBeAlive {
                                report.liveRunsLeftAlone += 1
                                continue
                            }
                            _ = try existing.delete(db)  // epochs go with it (ON DELETE CASCADE)
                            report.runsReplaced += 1
                        } else {
                            report.runsCopied += 1
                        }
                        try copy(content, into: targetExperiment, db)
                    }
                }
            }
        }
        return report
    }

    /// What merging reads of one source run.
    private struct RunContent {
        var run: StoredRun
        var epochs: [EpochMetrics]
        var evaluations: [EvaluationPoint]
    }

    /// Sets the target experiment's protocol to `json` unless it has one already; false if that one differs.
    private static func mergeProtocol(_ json: String, into experiment: Int64, _ db: Database) throws -> Bool {
        guard json != "{}" else { return true }
        let existing = try String.fetchOne(db, sql: "SELECT protocol FROM experiments WHERE id = ?", arguments: [experiment])
        if existing == nil || existing == "{}" {
            try db.execute(sql: "UPDATE experiments SET protocol = ? WHERE id = ?", arguments: [json, experiment])
            return true
        }
        return existing == json
    }

    private static func copy(_ content: RunContent, into experiment: Int64, _ db: Database) throws {
        let run = content.run
        var row = RunRow(id: nil, experimentId: experiment, variant: run.cell.variant,
                         seed: Int64(bitPattern: run.cell.seed),
                         config: run.configuration.map { JSONCoding.string($0) } ?? "{}",
                         status: run.status.rawValue, reason: run.reason, startedAt: run.startedAt,
                         finishedAt: run.finishedAt, divergedEpoch: run.divergedEpoch, divergedStep: run.divergedStep,
                         ownerHost: "", ownerPid: 0, ownerStart: nil, ownerToken: "", attempts: run.attempts,
                         kind: run.kind.rawValue, steps: run.steps, stepBudget: run.stepBudget)
        row.setOwner(run.owner)
        row.setTest(run.testCount.map {
            Evaluation(loss: run.testLoss ?? .nan, crossEntropy: .nan, accuracy: run.testAccuracy ?? .nan, count: $0)
        })
        try row.insert(db)
        for metrics in content.epochs {
            var epoch = EpochRow(runID: row.id!, metrics: metrics)
            try epoch.insert(db)
        }
        for point in content.evaluations {
            var evaluation = EvaluationRow(runID: row.id!, point: point)
            try evaluation.insert(db)
        }
    }
}
