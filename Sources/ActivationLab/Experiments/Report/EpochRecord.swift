/// One exported row: one epoch of one run, with the run's identity, kind and status and every
/// `EpochMetrics` field. Encodes flat: `experiment, variant, seed, run_id, kind, status` next to the metric
/// keys of `EpochMetrics` (`epoch, train_loss, val_loss, …, layers`).
public struct EpochRecord: Codable, Sendable, Equatable {
    public var experiment: String
    /// The run's cell name: a variant, or `<variant> [tune i/n]` / `<variant> [pilot]` for protocol runs.
    public var variant: String
    public var seed: UInt64
    /// The run's id in the store.
    public var runID: Int64
    /// Evaluation run, tuning trial or pilot: filter on it, as only evaluation runs count in the statistics.
    public var kind: RunKind
    public var status: RunStatus
    public var metrics: EpochMetrics

    public init(experiment: String, variant: String, seed: UInt64, runID: Int64, kind: RunKind = .evaluation,
                status: RunStatus, metrics: EpochMetrics) {
        self.experiment = experiment
        self.variant = variant
        self.seed = seed
        self.runID = runID
        self.kind = kind
        self.status = status
        self.metrics = metrics
    }

    enum CodingKeys: String, CodingKey {
        case experiment, variant, seed, kind, status
        case runID = "run_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        experiment = try container.decode(String.self, forKey: .experiment)
        variant = try container.decode(String.self, forKey: .variant)
        seed = try container.decode(UInt64.self, forKey: .seed)
        runID = try container.decode(Int64.self, forKey: .runID)
        // Exports before run kinds (version 1) hold evaluation runs only.
        kind = try container.decodeIfPresent(RunKind.self, forKey: .kind) ?? .evaluation
        status = try container.decode(RunStatus.self, forKey: .status)
        metrics = try EpochMetrics(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(experiment, forKey: .experiment)
        try container.encode(variant, forKey: .variant)
        try container.encode(seed, forKey: .seed)
        try container.encode(runID, forKey: .runID)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        // The metrics share the object: their keys never collide with the ones above.
        try metrics.encode(to: encoder)
    }
}

extension ExperimentReport {
    /// Every epoch of every run (whatever its status and kind), in run order then epoch order.
    public var records: [EpochRecord] {
        runs.flatMap { run in
            run.epochs.map {
                EpochRecord(experiment: spec.name, variant: run.run.cell.variant, seed: run.run.cell.seed,
                            runID: run.run.id, kind: run.kind, status: run.run.status, metrics: $0)
            }
        }
    }
}
