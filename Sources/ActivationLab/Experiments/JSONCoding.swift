import Foundation

/// The one place JSON encoders are configured, so every file and line the package writes sorts its keys
/// (stable output that diffs cleanly between runs), plus the run store's JSON columns.
public enum JSONCoding {
    /// An encoder with sorted keys.
    /// - Parameters:
    ///   - pretty: indented, for files people read; otherwise one line.
    ///   - nonFiniteAsStrings: NaN and ±∞ (metrics of diverged runs) as `"nan"`, `"inf"`, `"-inf"`;
    ///     otherwise they fail to encode.
    ///   - escapeSlashes: false writes `/` as is (formulas such as `x/4`).
    ///   - snakeCase: keys from property names converted to snake_case (`crossEntropy` → `cross_entropy`).
    public static func encoder(pretty: Bool = false, nonFiniteAsStrings: Bool = false,
                               escapeSlashes: Bool = true, snakeCase: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = [.sortedKeys]
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        if !escapeSlashes { encoder.outputFormatting.insert(.withoutEscapingSlashes) }
        if nonFiniteAsStrings {
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        }
        return encoder
    }

    /// JSON text for the store's JSON columns, NaN and ±∞ spelled as strings.
    static func string<T: Encodable>(_ value: T) -> String {
        // Encoding these plain value types cannot fail.
        (try? String(decoding: encoder(nonFiniteAsStrings: true).encode(value), as: UTF8.self)) ?? "null"
    }

    /// Decodes what `string` wrote.
    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Why decoding failed, in one line: the key path and the problem.
    static func reason(_ error: any Error) -> String {
        // JSONSerialization's errors say only "the data is not in the correct format".
        guard let error = error as? DecodingError else { return "not valid JSON" }
        let context: DecodingError.Context
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c): context = c
        @unknown default: return "\(error)"
        }
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return (path.isEmpty ? "" : path + ": ") + context.debugDescription
    }

    /// A run's stored configuration. Options added after the run was stored take their defaults (the
    /// behaviour before they existed), so old stores stay readable; `{}` is a run whose configuration was
    /// never recorded (merged from a store that could not read it), hence nil.
    /// - Throws: when the text is not a JSON object or a value has the wrong type.
    static func configuration(_ text: String) throws -> TrainingConfiguration? {
        guard text != "{}" else { return nil }
        guard let stored = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let defaults = try JSONSerialization.jsonObject(with: Data(string(TrainingConfiguration()).utf8)) as? [String: Any]
        else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a JSON object"))
        }
        let merged = try JSONSerialization.data(withJSONObject: defaults.merging(stored) { $1 })
        return try decode(TrainingConfiguration.self, String(decoding: merged, as: UTF8.self))
    }
}
