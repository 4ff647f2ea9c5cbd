/// The run a row of an export belongs to: its identity, kind and status.
public struct ExportedRunIdentity: Codable, Sendable, Equatable {
    public var experiment: String
    /// The run's cell name: a variant, or `<variant> [tune i/n]` / `<variant> [pilot]` for protocol runs.
    public var variant: String
    public var seed: UInt64
    /// The run's id in the store.
    public var runID: Int64
    /// Evaluation run, tuning trial or pilot: filter on it, as only evaluation runs count in the statistics.
    public var kind: RunKind
    public var status: RunStatus

    public init(experiment: String, run: StoredRun) {
        self.init(experiment: experiment, variant: run.cell.variant, seed: run.cell.seed, runID: run.id,
                  kind: run.kind, status: run.status)
    }

    public init(experiment: String, variant: String, seed: UInt64, runID: Int64, kind: RunKind = .evaluation,
                status: RunStatus) {
        (self.experiment, self.variant, self.seed, self.runID, self.kind, self.status)
            = (experiment, variant, seed, runID, kind, status)
    }

    enum CodingKeys: String, CodingKey {
        case experiment, variant, seed, kind, status
        case runID = "run_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(experiment: try c.decode(String.self, forKey: .experiment), variant: try c.decode(String.self, forKey: .variant),
                  seed: try c.decode(UInt64.self, forKey: .seed), runID: try c.decode(Int64.self, forKey: .runID),
                  // Exports before run kinds (version 1) hold evaluation runs only.
                  kind: try c.decodeIfPresent(RunKind.self, forKey: .kind) ?? .evaluation,
                  status: try c.decode(RunStatus.self, forKey: .status))
    }
}

/// One exported row: a measurement of one run (an epoch's metrics, a step evaluation) next to the run's
/// identity. Encodes flat — the run's keys (`experiment, variant, seed, run_id, kind, status`) beside the
/// measurement's own, which never collide with them.
@dynamicMemberLookup
public struct ExportedRow<Measurement: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var run: ExportedRunIdentity
    public var measurement: Measurement

    public init(run: ExportedRunIdentity, measurement: Measurement) {
        self.run = run
        self.measurement = measurement
    }

    /// The run's fields read as the row's own: `row.variant`, `row.kind`.
    public subscript<T>(dynamicMember path: KeyPath<ExportedRunIdentity, T>) -> T { run[keyPath: path] }

    public init(from decoder: any Decoder) throws {
        run = try ExportedRunIdentity(from: decoder)
        measurement = try Measurement(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try run.encode(to: encoder)
        try measurement.encode(to: encoder)
    }
}

/// One epoch of one run: `EpochMetrics`' keys (`epoch, train_loss, val_loss, …, layers`) beside the run's.
public typealias EpochRecord = ExportedRow<EpochMetrics>

/// One step evaluation of one run: `step, epoch, val_accuracy, val_loss, elapsed_seconds` beside the run's.
/// Time to target is read from these, so they are what a user needs to recompute steps to target.
public typealias EvaluationRecord = ExportedRow<EvaluationPoint>

extension ExportedRow where Measurement == EpochMetrics {
    public var metrics: EpochMetrics { measurement }
}

extension ExportedRow where Measurement == EvaluationPoint {
    public var point: EvaluationPoint { measurement }
}

extension ExperimentReport {
    /// Every epoch of every run (whatever its status and kind), in run order then epoch order.
    public var records: [EpochRecord] {
        runs.flatMap { run in
            run.epochs.map { EpochRecord(run: ExportedRunIdentity(experiment: spec.name, run: run.run), measurement: $0) }
        }
    }

    /// Every step evaluation of every run (whatever its status and kind), in run order then step order.
    public var evaluationRecords: [EvaluationRecord] {
        runs.flatMap { run in
            run.evaluations.map { EvaluationRecord(run: ExportedRunIdentity(experiment: spec.name, run: run.run), measurement: $0) }
        }
    }
}
