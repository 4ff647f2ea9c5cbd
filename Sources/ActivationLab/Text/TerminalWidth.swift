/// How many columns the CLI's tables and prose may use.
///
/// `COLUMNS` wins when it is a positive number (shells export it, and it lets a user or a test ask for a
/// width); else the terminal's own width (`ioctl(TIOCGWINSZ)`, which the CLI reads); else 100, which suits
/// logs and pipes. Widths under 40 are raised to 40: below that no table layout is readable.
public enum TerminalWidth {
    public static let fallback = 100
    public static let minimum = 40

    /// - Parameters:
    ///   - environment: the process environment (`COLUMNS` is read from it).
    ///   - terminalColumns: the width the terminal reports, nil when the output is not a terminal.
    public static func resolve(environment: [String: String], terminalColumns: Int?) -> Int {
        let fromEnvironment = environment["COLUMNS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let width = [fromEnvironment, terminalColumns].compactMap { $0 }.first { $0 > 0 } ?? fallback
        return max(width, minimum)
    }
}
