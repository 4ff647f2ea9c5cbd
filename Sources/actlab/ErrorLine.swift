import Foundation

/// One style for every error the CLI prints: `actlab <cmd>: <what>: <why>. <hint>` on one line of stderr.
///
/// Commands and the library throw descriptions without a prefix (`<what>: <why>. <hint>`); the top level
/// (`ActLab.main`) adds `actlab <cmd>: ` here, once. ArgumentParser's own parse errors are reworded into the
/// same shape (`--epochs: missing value. See 'actlab train --help'`), since they arrive capitalised,
/// sometimes over several lines, and put the flag last.
enum ErrorLine {
    /// The full line: `actlab train: --lr: must be a positive number, got -1.0`.
    /// - Parameters:
    ///   - command: the subcommand the error belongs to, nil for the root command.
    ///   - parsing: whether ArgumentParser raised it while parsing; its rewordings get a `--help` hint.
    static func text(_ message: String, command: String?, parsing: Bool = false) -> String {
        let program = "actlab" + (command.map { " " + $0 } ?? "")
        var body = oneLine(message)
        var reworded = false
        for rule in parserRules {
            if let match = rule(body) { body = match; reworded = true; break }
        }
        body = flagFirst(body).replacingOccurrences(of: "; did you mean", with: ". Did you mean")
        body = lowercasedFirst(body)
        while body.hasSuffix(".") { body.removeLast() }
        if parsing && reworded { body += (body.hasSuffix("?") ? " " : ". ") + "See '\(program) --help'" }
        return "\(program): \(body)"
    }

    /// Joins a multi-line message: a list of `- item` lines becomes `a, b, c`, other lines are joined by spaces.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard var first = lines.first else { return message }
        let items = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        let others = lines.dropFirst().filter { !$0.hasPrefix("- ") }
        if !items.isEmpty {
            if first.hasSuffix(":") { first.removeLast() }
            first += " " + items.joined(separator: ", ")
        }
        return ([first] + others).joined(separator: " ")
    }

    /// ArgumentParser's wordings, turned round so the flag or argument comes first.
    static let parserRules: [@Sendable (String) -> String?] = [
        { text in  // the training options' own reader (`CommandLineOptions`)
            guard let m = text.wholeMatch(of: /unknown option (--\S+?)(?:; did you mean (.+))?/) else { return nil }
            return "\(m.1): unknown option" + (m.2.map { ". Did you mean \($0)" } ?? "")
        },
        { text in
            guard let m = text.wholeMatch(of: /Unknown option '([^']+)'\.?(.*)/) else { return nil }
            return "\(m.1): unknown option" + rest(m.2)
        },
        { text in
            guard let m = text.wholeMatch(of: /Unexpected arguments? (.+?)\.?/) else { return nil }
            return "\(m.1): unexpected argument"
        },
        { text in
            guard let m = text.wholeMatch(of: /Missing expected argument '([^' ]+)[^']*'\.?(.*)/) else { return nil }
            return "\(m.1): missing" + rest(m.2)
        },
        { text in
            guard let m = text.wholeMatch(of: /Missing value for '([^' ]+)[^']*'\.?(.*)/) else { return nil }
            return "\(m.1): missing value" + rest(m.2)
        },
        { text in
            guard let m = text.wholeMatch(of: /The value '([^']*)' is invalid for '([^' ]+)[^']*'\.?\s*(?:Please provide one of (?:the following )?)?(.*?)\.?/)
            else { return nil }
            let choices = m.3.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: " or ", with: ", ")
            return "\(m.2): '\(m.1)' is not valid" + (choices.isEmpty ? "" : ". Use one of " + choices)
        },
        { text in
            guard let m = text.wholeMatch(of: /Value to be set with flag '([^']+)' had already been set with flag '([^']+)'\.?/)
            else { return nil }
            return "\(m.1): already set by \(m.2)"
        },
    ]

    /// `--lr must be positive` → `--lr: must be positive`: the flag is the `<what>`.
    static func flagFirst(_ text: String) -> String {
        guard let m = text.prefixMatch(of: #/(--[a-z0-9][a-z0-9-]*) (must|should|needs|expects|is|has|cannot|takes) /#) else { return text }
        return "\(m.1): " + text[m.1.endIndex...].dropFirst()
    }

    /// `Unknown option` → `unknown option`, but `OpenBLAS` and `CSV` keep their capitals.
    static func lowercasedFirst(_ text: String) -> String {
        let characters = Array(text.prefix(2))
        guard characters.count == 2, characters[0].isUppercase, characters[1].isLowercase else { return text }
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// The trailing text of a matched sentence, as a following sentence (`. Did you mean …`).
    private static func rest(_ text: Substring) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? "" : ". " + trimmed
    }
}
