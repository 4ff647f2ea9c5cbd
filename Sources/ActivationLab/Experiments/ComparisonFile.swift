import Foundation

/// A comparison written as a JSON config file (format: docs/compare-config.md). Unknown keys are an
/// error, so a typo never silently falls back to a default; missing keys take `ComparisonDefaults`.
public enum ComparisonFile {
    /// The top-level keys.
    public static let keys: Set<String> = ["name", "dataset", "model", "epochs", "baseline", "variants", "seeds",
                                           "target_accuracy", "options"]

    /// Reads the comparison in `path`; every problem is one `ComparisonFileError` naming the file.
    public static func read(_ path: String) throws -> Comparison {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ComparisonFileError(path: path, message: "cannot read the file")
        }
        return try parse(data, path: path)
    }

    /// Parses a config file's contents; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws -> Comparison {
        func fail(_ message: String) -> ComparisonFileError { ComparisonFileError(path: path, message: message) }
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
        var settings: [(key: String, value: Any)] = ["dataset", "model", "epochs"].compactMap { key in root[key].map { (key, $0) } }
        if let options = root["options"] {
            guard let options = options as? [String: Any] else { throw fail("'options' must be an object of option: value") }
            settings += options.keys.sorted().map { ($0, options[$0]!) }
        }
        for (key, value) in settings {
            do {
                let option = try TrainingOption.lookup(key)
                switch value {
                case let flag as Bool where option.isFlag: try option.set(flag ? "true" : "false", in: &base)
                case let number as NSNumber where !option.isFlag: try option.set("\(number)", in: &base)
                case let text as String: try option.set(text, in: &base)
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
        case let count as Int where count >= 1 && count <= 10_000: seeds = (1...UInt64(count)).map { $0 }
        case let list as [Int] where !list.isEmpty && list.allSatisfy({ $0 >= 0 }): seeds = list.map { UInt64($0) }
        default: throw fail("'seeds' must be a count in 1...10000 or a list of non-negative integers")
        }
        let target = root["target_accuracy"].map { $0 as? Double } ?? ComparisonDefaults.targetAccuracy
        guard let target else { throw fail("'target_accuracy' must be a number in (0, 1]") }
        let name: String?
        switch root["name"] {
        case nil: name = nil
        case let text as String: name = text
        default: throw fail("'name' must be a string")
        }
        do {
            return try Comparison(name: name, base: base, baseline: baseline, variants: variants, seeds: seeds,
                                  targetAccuracy: target)
        } catch let error as ComparisonError {
            throw fail(error.message { $0 == "target-accuracy" ? "'target_accuracy'" : "'\($0)'" })
        } catch { throw fail("\(error)") }
    }
}

/// A config file that cannot be used: `FILE: message`.
public struct ComparisonFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}
