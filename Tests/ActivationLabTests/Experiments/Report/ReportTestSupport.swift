import Foundation
#if canImport(FoundationXML)
import FoundationXML  // XMLParser on Linux
#endif
@testable import ActivationLab

/// The synthetic store of `SyntheticExperiment` (4 variants × 3 seeds × 10 epochs, one diverged run, one
/// variant that never reaches the target; with tuning trials, a pilot and a protocol unless
/// `protocolEra` is off), written to a temporary folder, and its report.
func syntheticReport(_ experiment: SyntheticExperiment = SyntheticExperiment(),
                     in folder: TemporaryDirectory) throws -> (ExperimentReport, RunStore) {
    let store = try RunStore(path: folder.path("runs.sqlite"))
    let stored = try experiment.fill(store)
    let reader = try RunStore(path: folder.path("runs.sqlite"), readOnly: true)
    let report = try ExperimentReport.load(from: reader, experiment: stored,
                                           generatedAt: Date(timeIntervalSince1970: 1_790_000_000))
    return (report, store)
}

/// Every `<svg …>…</svg>` element of a page.
func svgElements(_ html: String) -> [String] {
    var result: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
        result.append(String(rest[start.lowerBound..<end.upperBound]))
        rest = rest[end.upperBound...]
    }
    return result
}

/// Whether `text` is well-formed XML, by Foundation's non-validating `XMLParser`. On Linux `parse()` can
/// return true after a recoverable error (e.g. a mismatched end tag), so `parserError` is checked too.
func reportIsWellFormedXML(_ text: String) -> Bool {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() && parser.parserError == nil
}

/// All values of `attribute="…"` in `html`.
func reportAttributeValues(_ attribute: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = html[...]
    while let range = rest.range(of: " \(attribute)=\"") {
        let valueStart = range.upperBound
        guard let end = rest[valueStart...].firstIndex(of: "\"") else { break }
        values.append(String(rest[valueStart..<end]))
        rest = rest[end...]
    }
    return values
}

/// A small RFC 4180 reader: rows of fields, quoted fields may hold commas, quotes ("") and newlines.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false
    var chars = Array(text)
    if chars.last == "\n" { chars.removeLast() }
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count && chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field); field = ""
        } else if c == "\n" {
            row.append(field); rows.append(row); row = []; field = ""
        } else {
            field.append(c)
        }
        i += 1
    }
    row.append(field)
    rows.append(row)
    return rows
}

/// `html` with the inline markup of verdict lines removed (bold names, coloured verdict words), to compare
/// with the plain `VerdictLine` text.
func reportPlainText(_ html: String) -> String {
    var text = html.replacingOccurrences(of: "<strong>", with: "").replacingOccurrences(of: "</strong>", with: "")
    while let open = text.range(of: "<b class=\"v v-"), let close = text.range(of: "\">", range: open.upperBound..<text.endIndex) {
        text.removeSubrange(open.lowerBound..<close.upperBound)
    }
    return text.replacingOccurrences(of: "</b>", with: "")
}
