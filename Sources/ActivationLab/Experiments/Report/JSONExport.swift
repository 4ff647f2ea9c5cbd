import Foundation

/// The JSON export of an experiment: its definition and protocol, every run, every per-epoch row and
/// every step evaluation, of every kind (evaluation runs, tuning trials, the pilot).
///
/// Shape: `{"format": "activationlab-epochs", "version": 2, "experiment": {...}, "runs": [ExportedRun...],
/// "rows": [EpochRecord...], "evaluations": [EvaluationRecord...]}`. Rows keep the per-layer diagnostics as
/// a nested `layers` array (snake_case keys, as in the run store). NaN and ±∞ are written as the strings
/// `"nan"`, `"inf"`, `"-inf"`; dates as ISO 8601 UTC with milliseconds. Version 1 (no `runs`, `evaluations`,
/// `kind` or `protocol`) still decodes: its runs are all evaluation runs.
public enum JSONExport {
    public static let format = "activationlab-epochs"
    public static let version = 2

    /// The experiment's definition as exported.
    public struct ExperimentHeader: Codable, Sendable, Equatable {
        public var name: String
        public var dataset: String
        public var model: String
        public var baseline: String
        public var variants: [String]
        public var seeds: [UInt64]
        public var epochs: Int
        public var targetAccuracy: Double
        /// The free-form comparison JSON, verbatim as text.
        public var configuration: String
        /// The stored protocol JSON (`ProtocolRecord`), verbatim as text; `{}` for stores without one.
        public var protocolJSON: String
        public var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case name, dataset, model, baseline, variants, seeds, epochs, configuration
            case targetAccuracy = "target_accuracy"
            case protocolJSON = "protocol"
            case createdAt = "created_at"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            dataset = try c.decode(String.self, forKey: .dataset)
            model = try c.decode(String.self, forKey: .model)
            baseline = try c.decode(String.self, forKey: .baseline)
            variants = try c.decode([String].self, forKey: .variants)
            seeds = try c.decode([UInt64].self, forKey: .seeds)
            epochs = try c.decode(Int.self, forKey: .epochs)
            targetAccuracy = try c.decode(Double.self, forKey: .targetAccuracy)
            configuration = try c.decode(String.self, forKey: .configuration)
            protocolJSON = try c.decodeIfPresent(String.self, forKey: .protocolJSON) ?? "{}"
            createdAt = try c.decode(Date.self, forKey: .createdAt)
        }

        /// - Parameter protocolRecord: the experiment's protocol, exported as its JSON text.
        public init(_ experiment: Experiment, protocolRecord: ProtocolRecord? = nil) {
            let spec = experiment.spec
            name = spec.name
            dataset = spec.dataset
            model = spec.model
            baseline = spec.baseline
            variants = spec.variants
            seeds = spec.seeds
            epochs = spec.epochs
            targetAccuracy = spec.targetAccuracy
            configuration = spec.configuration
            protocolJSON = protocolRecord?.json ?? "{}"
            createdAt = experiment.createdAt
        }
    }

    public struct Document: Codable, Sendable, Equatable {
        public var format: String
        public var version: Int
        public var experiment: ExperimentHeader
        /// Every run with its kind, status and test result.
        public var runs: [ExportedRun]
        /// Every epoch of every run.
        public var rows: [EpochRecord]
        /// Every step evaluation of every run.
        public var evaluations: [EvaluationRecord]

        public init(format: String, version: Int, experiment: ExperimentHeader, runs: [ExportedRun], rows: [EpochRecord],
                    evaluations: [EvaluationRecord]) {
            self.format = format
            self.version = version
            self.experiment = experiment
            self.runs = runs
            self.rows = rows
            self.evaluations = evaluations
        }

        enum CodingKeys: String, CodingKey { case format, version, experiment, runs, rows, evaluations }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            format = try c.decode(String.self, forKey: .format)
            version = try c.decode(Int.self, forKey: .version)
            experiment = try c.decode(ExperimentHeader.self, forKey: .experiment)
            runs = try c.decodeIfPresent([ExportedRun].self, forKey: .runs) ?? []
            rows = try c.decode([EpochRecord].self, forKey: .rows)
            evaluations = try c.decodeIfPresent([EvaluationRecord].self, forKey: .evaluations) ?? []
        }
    }

    /// The document of `report`.
    public static func document(_ report: ExperimentReport) -> Document {
        Document(format: format, version: version,
                 experiment: ExperimentHeader(report.experiment, protocolRecord: report.protocolRecord),
                 runs: report.runs.map { ExportedRun($0.run) }, rows: report.records, evaluations: report.evaluationRecords)
    }

    /// The UTF-8 JSON text of `report` (pretty-printed, sorted keys).
    public static func data(_ report: ExperimentReport) throws -> Data {
        try encoder().encode(document(report))
    }

    /// Reads an export back.
    public static func decode(_ data: Data) throws -> Document {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = dateFormatter().date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date '\(text)'"))
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Document.self, from: data)
    }

    /// ISO 8601 in UTC with milliseconds (the run store's precision).
    static func dateFormatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONCoding.encoder(pretty: true, nonFiniteAsStrings: true)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(dateFormatter().string(from: date))
        }
        return encoder
    }
}
