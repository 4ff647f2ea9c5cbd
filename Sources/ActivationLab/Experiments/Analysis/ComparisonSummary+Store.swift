extension ComparisonSummary {
    /// The summary of a stored experiment: its runs of every kind, their evaluations and epochs, and the
    /// stored protocol (target, tuned values, step costs).
    /// - Parameter target: judge speed against this target instead of the stored one (see `ProtocolRecord.overriding`).
    public init(store: RunStore, experiment: Experiment, target: Double? = nil) throws {
        let runs = try store.runRecords(experiment: experiment)
        let stored = try store.protocolRecord(experiment: experiment)
        let record = target.map { ProtocolRecord.overriding(stored, target: $0) } ?? stored
        self.init(experiment: experiment.spec.name, variants: experiment.spec.variants, runs: runs, record: record,
                  fallbackTarget: experiment.spec.targetAccuracy)
    }
}

extension RunStore {
    /// The experiment's complete runs (finished or diverged) of every kind, with their evaluations and epochs.
    public func runRecords(experiment: Experiment) throws -> [RunRecord] {
        try runs(experiment: experiment).filter(\.isComplete).map { run in
            RunRecord(variant: run.cell.variant, seed: run.cell.seed, kind: run.kind, status: run.status,
                      configuration: run.configuration, evaluations: try evaluations(run: run.id),
                      epochs: try epochs(run: run.id), testAccuracy: run.testAccuracy, stepBudget: run.stepBudget)
        }
    }
}
