import Foundation

/// A comparison written as a JSON config file (format: docs/compare-config.md). Unknown keys are an
/// error, so a typo never silently falls back to a default; missing keys take `ComparisonDefaults`.
public enum ComparisonFile {
    /// The top-level keys.
    public static let keys: Set<String> = ["name", "dataset", "model", "epochs", "baseline", "variants", "seeds",
                                           "target_accuracy", "options", "tune", "tune_budget", "tune_epochs", "tune_for",
                                           "margin", "speed_margin"]

    /// Reads the comparison in `path`; every problem is one `ComparisonFileError` naming the file.
    public static func read(_ path: String) throws -> Comparison {
        try parse(try contents(of: path), path: path)
    }

    /// Parses a config file's contents; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws -> Comparison {
        func fail(_ message: String) -> ComparisonFileError { ComparisonFileError(path: path, message: message) }
        guard data.count <= OptionLimits.configFileBytes else {
            throw fail("\(data.count) bytes is more than a config file may hold (\(OptionLimits.configFileBytes)). See docs/compare-config.md")
        }
        let depth = nestingDepth(of: data)
        guard depth <= OptionLimits.configFileNesting else {
            throw fail("arrays and objects nested \(depth) deep (at most \(OptionLimits.configFileNesting)). See docs/compare-config.md")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw fail("not a JSON object (see docs/compare-config.md)")
        }
        if let unknown = Set(root.keys).subtracting(keys).sorted().first {
            throw fail("unknown key '\(unknown)'; allowed: \(keys.sorted().joined(separator: ", "))")
        }
        guard let baseline = root["baseline"] as? String else { throw fail("'baseline' must be a variant string") }
        guard let variants = root["variants"] as? [String], !variants.isEmpty else {
            throw fail("'variants' must be a non-empty list of variant strings")
        }
        var base = TrainingConfiguration()
        base.dataset = DatasetSource.installedDefaultSpec()
        base.epochs = ComparisonDefaults.epochs
        base.schedule = ComparisonDefaults.schedule
        var assignments: [(key: String, value: JSONScalar)] = []
        for key in ["dataset", "model"] where root[key] != nil {
            guard let text = root[key] as? String else { throw fail("'\(key)' must be a string") }
            assignments.append((key, .text(text)))
        }
        if root["epochs"] != nil {
            guard let epochs = root["epochs"] as? Int, epochs > 0 else { throw fail("'epochs' must be a positive integer") }
            assignments.append(("epochs", .number("\(epochs)")))
        }
        if root["options"] != nil {
            // Decoded again with JSONDecoder, which tells `true` from `1` (JSONSerialization does not on every platform).
            guard let options = try? JSONDecoder().decode(OptionsObject.self, from: data).options else {
                throw fail("'options' must be an object of option: value, each a string, number or boolean")
            }
            assignments += options.keys.sorted().map { ($0, options[$0]!) }
        }
        for (key, value) in assignments {
            do {
                let option = try TrainingOption.lookup(key)
                switch value {
                case let .flag(flag) where option.isFlag: try option.set(flag ? "true" : "false", in: &base)
                case let .number(text) where !option.isFlag, let .text(text): try option.set(text, in: &base)
                default: throw fail("option '\(key)' must be " + (option.isFlag ? "true or false" : "a string or a number"))
                }
                try option.validate(base)
            } catch let error as ConfigurationError {
                throw fail(error.message { "'\($0)'" })
            }
        }
        let seeds: [UInt64]
        switch root["seeds"] {
        case nil: seeds = (1...UInt64(ComparisonDefaults.seedCount)).map { $0 }
        case let count as Int where count >= 1 && count <= OptionLimits.seeds: seeds = (1...UInt64(count)).map { $0 }
        case let list as [Int] where !list.isEmpty && list.count <= OptionLimits.seeds && list.allSatisfy({ $0 >= 0 }):
            seeds = list.map { UInt64($0) }
        default: throw fail("'seeds' must be a count in 1...\(OptionLimits.seeds) or a list of at most \(OptionLimits.seeds) non-negative integers")
        }
        let target: String
        switch root["target_accuracy"] {
        case nil: target = ComparisonDefaults.targetAccuracy
        case let text as String: target = text
        case let number as Double: target = "\(number)"
        default: throw fail("'target_accuracy' must be a number in (0, 1] or \"auto\"")
        }
        func number(_ key: String, default value: Double) throws -> Double {
            guard let raw = root[key] else { return value }
            guard let number = raw as? Double else { throw fail("'\(key)' must be a number") }
            return number
        }
        func integer(_ key: String) throws -> Int? {
            guard let raw = root[key] else { return nil }
            guard let number = raw as? Int, number > 0 else { throw fail("'\(key)' must be a positive integer") }
            return number
        }
        guard root["tune"] == nil || root["tune"] is String else { throw fail("'tune' must be a string such as \"lr\" or \"none\"") }
        var settings: ProtocolSettings
        do {
            settings = try ProtocolSettings(
                tune: root["tune"] as? String ?? ComparisonDefaults.tune,
                budget: try integer("tune_budget") ?? ComparisonDefaults.tuneBudget, tuneEpochs: try integer("tune_epochs"),
                epochs: base.epochs, target: target,
                marginPoints: try number("margin", default: ComparisonDefaults.marginPoints),
                speedMarginPercent: try number("speed_margin", default: ComparisonDefaults.speedMarginPercent))
        } catch let error as ConfigurationError {
            throw fail(error.message { "'\($0.replacingOccurrences(of: "-", with: "_"))'" })
        }
        switch root["tune_for"] {
        case nil: break
        case let text as String:
            guard let objective = TuneObjective(rawValue: text) else {
                throw fail("'tune_for' must be \(TuneObjective.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")), got \"\(text)\"")
            }
            settings.objective = objective
        default: throw fail("'tune_for' must be a string")
        }
        switch root["tune_search"] {
        case nil: settings.search = ComparisonDefaults.tuneSearch
        case let text as String:
            guard let search = TuneSearch(rawValue: text) else {
                throw fail("'tune_search' must be \(TuneSearch.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")), got \"\(text)\"")
            }
            settings.search = search
        default: throw fail("'tune_search' must be a string")
        }
        let name: String?
        switch root["name"] {
        case nil: name = nil
        case let text as String: name = text
        default: throw fail("'name' must be a string")
        }
        do {
            return try Comparison(name: name, base: base, baseline: baseline, variants: variants, seeds: seeds,
                                  targetAccuracy: settings.targetAccuracy ?? 1, protocolSettings: settings)
        } catch let error as ComparisonError {
            throw fail(error.message { $0 == "target-accuracy" ? "'target_accuracy'" : "'\($0)'" })
        } catch { throw fail("\(error)") }
    }
}

/// A value in a config file's `options` object.
enum JSONScalar: Decodable {
    case flag(Bool), number(String), text(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
        else if let integer = try? container.decode(Int.self) { self = .number("\(integer)") }
        else if let number = try? container.decode(Double.self) { self = .number("\(number)") }
        else { self = .text(try container.decode(String.self)) }
    }
}

private struct OptionsObject: Decodable {
    let options: [String: JSONScalar]
}

/// A config file that cannot be used: `FILE: message`.
public struct ComparisonFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
