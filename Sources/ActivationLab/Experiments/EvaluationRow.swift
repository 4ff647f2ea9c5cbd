import GRDB

/// A row of the run store's `evaluations` table (schema v2): one `EvaluationPoint` of a run.
struct EvaluationRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "evaluations"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase
    var id: Int64?
    var runId: Int64
    var step: Int
    var epoch: Int
    var valAccuracy: Double?
    var valLoss: Double?
    var elapsedSeconds: Double?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// NaN metrics (a diverging run) become NULL: SQLite cannot store NaN.
    init(runID: Int64, point: EvaluationPoint) {
        func stored(_ x: Double) -> Double? { x.isNaN ? nil : x }
        runId = runID
        step = point.step
        epoch = point.epoch
        valAccuracy = stored(point.validationAccuracy)
        valLoss = stored(point.validationLoss)
        elapsedSeconds = stored(point.elapsedSeconds)
    }

    /// The point as recorded, NULL read back as NaN.
    var point: EvaluationPoint {
        EvaluationPoint(step: step, epoch: epoch, validationAccuracy: valAccuracy ?? .nan,
                        validationLoss: valLoss ?? .nan, elapsedSeconds: elapsedSeconds ?? .nan)
    }
}
