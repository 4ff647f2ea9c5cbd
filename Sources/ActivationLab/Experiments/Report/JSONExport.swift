import Foundation

/// The JSON export of an experiment: its definition and every per-epoch row.
///
/// Shape: `{"format": "activationlab-epochs", "version": 1, "experiment": {...}, "rows": [EpochRecord...]}`.
/// Rows keep the per-layer diagnostics as a nested `layers` array (snake_case keys, as in the run
/// store). NaN and ±∞ are written as the strings `"nan"`, `"inf"`, `"-inf"`; dates as ISO 8601 UTC with milliseconds.
public enum JSONExport {
    public static let format = "activationlab-epochs"
    public static let version = 1

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
        public var createdAt: Date

        enum CodingKeys: String, CodingKey {
            case name, dataset, model, baseline, variants, seeds, epochs, configuration
            case targetAccuracy = "target_accuracy"
            case createdAt = "created_at"
        }

        public init(_ experiment: Experiment) {
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
            createdAt = experiment.createdAt
        }
    }

    public struct Document: Codable, Sendable, Equatable {
        public var format: String
        public var version: Int
        public var experiment: ExperimentHeader
        public var rows: [EpochRecord]
    }

    /// The document of `report`.
    public static func document(_ report: ExperimentReport) -> Document {
        Document(format: format, version: version, experiment: ExperimentHeader(report.experiment), rows: report.records)
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
