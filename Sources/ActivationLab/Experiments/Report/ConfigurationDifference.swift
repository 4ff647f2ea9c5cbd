/// The training settings in which a variant's runs differ from the baseline's, e.g. `activation = tanh`,
/// so that a report says what each variant is.
public enum ConfigurationDifference {
    /// `name = value` for every field of `configuration` that differs from `baseline`, except the seed,
    /// in field-name order; names in the command line's kebab-case (`learningRate` → `learning-rate`).
    public static func differences(_ configuration: TrainingConfiguration, from baseline: TrainingConfiguration) -> [String] {
        let mine = fields(configuration), theirs = fields(baseline)
        return mine.keys.sorted().compactMap { key in
            guard key != "seed", let value = mine[key], value != theirs[key] else { return nil }
            return "\(kebab(key)) = \(value)"
        }
    }

    /// Every field except the seed as `name = value`, for the baseline itself.
    public static func settings(_ configuration: TrainingConfiguration) -> [String] {
        let all = fields(configuration)
        return all.keys.sorted().compactMap { key in key == "seed" ? nil : "\(kebab(key)) = \(all[key]!)" }
    }

    /// The configuration's stored properties as text, by reflection (so new fields appear automatically).
    static func fields(_ configuration: TrainingConfiguration) -> [String: String] {
        var result: [String: String] = [:]
        for child in Mirror(reflecting: configuration).children {
            guard let label = child.label else { continue }
            let mirror = Mirror(reflecting: child.value)
            if mirror.displayStyle == .optional {
                result[label] = mirror.children.first.map { "\($0.value)" } ?? "none"
            } else {
                result[label] = "\(child.value)"
            }
        }
        return result
    }

    static func kebab(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
