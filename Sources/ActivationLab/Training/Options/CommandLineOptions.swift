/// Reads training options written as command-line flags (`--lr 0.1`, `--lr=0.1`, `--hdfgd`) into a
/// configuration, and describes them for `--help`, both from `TrainingOption.all`.
public enum CommandLineOptions {
    /// The flag of an option key: `lr` → `--lr`.
    public static func flag(_ key: String) -> String { "--" + key }

    /// Applies `arguments` to `configuration` in order and returns the keys they set.
    /// Throws `ConfigurationError` (render it with `message(naming: flag)`) for an unknown flag, a
    /// missing value or a value that does not parse; ranges are left to `validate()`.
    @discardableResult
    public static func apply(_ arguments: [String], to configuration: inout TrainingConfiguration) throws -> Set<String> {
        var given = Set<String>()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw ConfigurationError.incompatible(OptionMessage("unexpected argument '\(argument)' (options are written --key value)"))
            }
            let body = argument.dropFirst(2)
            let key = String(body.prefix { $0 != "=" })
            let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            let option = try TrainingOption.lookup(key)
            let value: String
            if let inline {
                value = inline
            } else if option.isFlag {
                value = "true"
            } else {
                // A value may look like a negative number (`--lr -0.1`), never like another flag.
                guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                    throw ConfigurationError.missingValue(key: key)
                }
                value = arguments[index]
                index += 1
            }
            try option.set(value, in: &configuration)
            given.insert(key)
        }
        return given
    }

    /// The options as `--help` lists them: flag, value name, help line and default, wrapped to `width`.
    public static func helpText(defaults: TrainingConfiguration = TrainingConfiguration(),
                                overriding: [String: String] = [:], width: Int = 79) -> String {
        let labelWidth = 26
        return TrainingOption.all.map { option in
            let label = "  " + flag(option.key) + (option.isFlag ? "" : " <\(option.key)>")
            var help = option.help
            if !option.isFlag {
                let defaultText = overriding[option.key] ?? option.value(in: defaults)
                if !help.lowercased().contains("default:") { help += " (default: \(defaultText))" }
            }
            let lines = wrap(help, width: width - labelWidth)
            let first = label.count < labelWidth
                ? [label.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + lines[0]]
                : [label, String(repeating: " ", count: labelWidth) + lines[0]]
            return (first + lines.dropFirst().map { String(repeating: " ", count: labelWidth) + $0 }).joined(separator: "\n")
        }.joined(separator: "\n")
    }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
    }
}
