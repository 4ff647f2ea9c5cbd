/// One exported step evaluation of one run: the run's identity, kind and status next to the
/// `EvaluationPoint` fields. Encodes flat: `experiment, variant, seed, run_id, kind, status, step, epoch,
/// val_accuracy, val_loss, elapsed_seconds`. Time to target is read from these points, so they are what a
/// user needs to recompute steps to target outside ActivationLab.
public struct EvaluationRecord: Codable, Sendable, Equatable {
    public var experiment: String
    /// The run's cell name (a variant, or a tuning trial / pilot name).
    public var variant: String
    public var seed: UInt64
    public var runID: Int64
    public var kind: RunKind
    public var status: RunStatus
    public var point: EvaluationPoint

    public init(experiment: String, variant: String, seed: UInt64, runID: Int64, kind: RunKind, status: RunStatus,
                point: EvaluationPoint) {
        self.experiment = experiment
        self.variant = variant
        self.seed = seed
        self.runID = runID
        self.kind = kind
        self.status = status
        self.point = point
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
        kind = try container.decode(RunKind.self, forKey: .kind)
        status = try container.decode(RunStatus.self, forKey: .status)
        point = try EvaluationPoint(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(experiment, forKey: .experiment)
        try container.encode(variant, forKey: .variant)
        try container.encode(seed, forKey: .seed)
        try container.encode(runID, forKey: .runID)
        try container.encode(kind, forKey: .kind)
        try container.encode(status, forKey: .status)
        // The point's keys (step, epoch, val_accuracy, …) never collide with the ones above.
        try point.encode(to: encoder)
    }
}

extension ExperimentReport {
    /// Every step evaluation of every run (whatever its status and kind), in run order then step order.
    public var evaluationRecords: [EvaluationRecord] {
        runs.flatMap { run in
            run.evaluations.map {
                EvaluationRecord(experiment: spec.name, variant: run.run.cell.variant, seed: run.run.cell.seed,
                                 runID: run.run.id, kind: run.kind, status: run.run.status, point: $0)
            }
        }
    }
}
