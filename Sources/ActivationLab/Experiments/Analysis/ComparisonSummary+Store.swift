extension ComparisonSummary {
    /// The summary of a stored experiment: its runs of every kind, their evaluations and epochs, and the
    /// stored protocol (target, tuned values, step costs).
    public init(store: RunStore, experiment: Experiment) throws {
        let runs = try store.runs(experiment: experiment).filter(\.isComplete).map { run in
            RunRecord(variant: run.cell.variant, seed: run.cell.seed, kind: run.kind, status: run.status,
                      configuration: run.configuration, evaluations: try store.evaluations(run: run.id),
                      epochs: try store.epochs(run: run.id), testAccuracy: run.testAccuracy, stepBudget: run.stepBudget)
        }
        let record = try ProtocolRecord.decode(try store.protocolJSON(experiment: experiment))
        self.init(experiment: experiment.spec.name, variants: experiment.spec.variants, runs: runs, record: record,
                  fallbackTarget: experiment.spec.targetAccuracy)
    }
}
