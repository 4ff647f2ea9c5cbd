/// Finds an experiment of a store by what a person types: its full name, a unique prefix of it, or the
/// 8-hex hash that ends a derived name (`… #1cc29af0`, with or without the `#`).
public enum ExperimentLookup {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case none(String, available: [String])
        case ambiguous(String, matches: [String])

        public var description: String {
            switch self {
            case let .none(text, available):
                "no experiment matches '\(text)'" + (available.isEmpty ? "; the store has none" : "; available: " + available.joined(separator: ", "))
            case let .ambiguous(text, matches):
                "'\(text)' matches \(matches.count) experiments: " + matches.joined(separator: ", ") + "; type more of the name"
            }
        }
    }

    public static func find(_ text: String, in experiments: [Experiment]) throws -> Experiment {
        if let exact = experiments.first(where: { $0.spec.name == text }) { return exact }
        let hash = text.hasPrefix("#") ? String(text.dropFirst()) : text
        let matches = experiments.filter { experiment in
            experiment.spec.name.hasPrefix(text) || (!hash.isEmpty && experiment.spec.name.hasSuffix("#" + hash))
        }
        guard matches.count == 1 else {
            let names = (matches.isEmpty ? experiments : matches).map(\.spec.name)
            throw matches.isEmpty ? Failure.none(text, available: names) : Failure.ambiguous(text, matches: names)
        }
        return matches[0]
    }
}
