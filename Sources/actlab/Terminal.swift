import Foundation
import ActivationLab

/// Writing to the terminal: errors and progress go to stderr, results to stdout.
enum Terminal {
    /// Whether stderr is an interactive terminal (progress bars only make sense there).
    static let isInteractive = isatty(STDERR_FILENO) != 0

    /// The width tables and prose are fitted to: `COLUMNS`, else the terminal's (stdout's, else stderr's), else
    /// 100 (`TerminalWidth`).
    static let width = TerminalWidth.resolve(environment: ProcessInfo.processInfo.environment,
                                             terminalColumns: columns(of: STDOUT_FILENO) ?? columns(of: STDERR_FILENO))

    /// The width a terminal reports for `descriptor`, nil when it is not a terminal.
    private static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard isatty(descriptor) != 0, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Prints prose (a verdict, a note) wrapped to the terminal's width, continuation lines indented.
    static func paragraph(_ text: String, indent: Int = 2) {
        line(TextWrap.wrap(text, width: width, indent: indent))
    }

    /// Whether a status line is on screen (a result line replaces it rather than continuing it).
    nonisolated(unsafe) private static var showsStatus = false

    /// Prints a result line and flushes it at once, so logs and pipes see progress as it happens.
    static func line(_ text: String) {
        if showsStatus { clearStatus() }
        print(text)
        fflush(nil)
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Replaces the current stderr line (interactive terminals only), cut to the width: a status line that
    /// wrapped could not be replaced, and its first part would stay on screen.
    static func status(_ line: String) {
        guard isInteractive else { return }
        let fitted = line.count < width ? line : String(line.prefix(width - 2)) + "…"
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(fitted)".utf8))
        showsStatus = true
    }

    static func clearStatus() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
        showsStatus = false
    }

    /// A text progress bar: `[#######.......] 47%`.
    static func bar(_ fraction: Double, width: Int = 24) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
    }

    /// `1:05` or `1:02:05`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }

    /// One JSON object on one line.
    static func jsonLine<T: Encodable>(_ value: T) -> String {
        let encoder = JSONCoding.encoder(nonFiniteAsStrings: true)
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }

    /// Prints `value` as JSON on stdout (the `--json` output of the listing and analysis commands).
    static func printJSON<T: Encodable>(_ value: T, pretty: Bool = false, escapeSlashes: Bool = true,
                                        snakeCase: Bool = false) throws {
        let encoder = JSONCoding.encoder(pretty: pretty, escapeSlashes: escapeSlashes, snakeCase: snakeCase)
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
