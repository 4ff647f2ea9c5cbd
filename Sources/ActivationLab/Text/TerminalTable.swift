import Foundation

/// A text table that fits a terminal's width.
///
/// Layouts are tried in order until one fits: every cell on one line; each cell's details (an interval, a
/// note) under its value and headers wrapped over lines; shorter cells where a column has them; columns left
/// out, least important first; finally the breakable column (names) broken over lines at any width. Each
/// stacked layout is also tried with names broken at `+`, `=`, `-` to no less than 10 columns. Characters count as
/// one column each (the tables use no wide characters).
public struct TerminalTable: Sendable {
    public struct Column: Sendable {
        public var header: String
        /// Each row's cell as lines: its value, then details that may stand under it (`(0.95–1.05)`).
        public var cells: [[String]]
        /// Shorter cells, tried before columns are left out (abbreviated verdicts), or nil.
        public var compactCells: [[String]]?
        /// When columns must be left out, lower numbers go first; nil: never left out.
        public var dropOrder: Int?
        /// Whether cells may be broken over lines as a last resort (names).
        public var breakable: Bool

        public init(header: String, cells: [[String]], compactCells: [[String]]? = nil, dropOrder: Int? = nil,
                    breakable: Bool = false) {
            self.header = header
            self.cells = cells
            self.compactCells = compactCells
            self.dropOrder = dropOrder
            self.breakable = breakable
        }
    }

    /// The table as text, and the headers of the columns left out to fit.
    public struct Rendering: Sendable, Equatable {
        public let text: String
        public let omitted: [String]
        /// The widest line.
        public var width: Int { text.split(separator: "\n").map(\.count).max() ?? 0 }
    }

    public var columns: [Column]
    public static let separator = "  "

    public init(columns: [Column]) { self.columns = columns }

    /// The first layout that fits `width` columns (the last resort when none does).
    public func render(width: Int) -> Rendering {
        let flat = lines(columns, stacked: false)
        if Self.width(of: flat) <= width { return Rendering(text: flat.joined(separator: "\n"), omitted: []) }
        if let stacked = fitting(columns, width: width) ?? fittingBroken(columns, width: width) { return stacked }
        var kept = columns.map { column in
            var compact = column
            compact.cells = column.compactCells ?? column.cells
            return compact
        }
        if let compact = fitting(kept, width: width) ?? fittingBroken(kept, width: width) { return compact }
        var omitted: [String] = []
        let dropOrder = kept.indices.filter { kept[$0].dropOrder != nil }.sorted { kept[$0].dropOrder! < kept[$1].dropOrder! }
            .map { kept[$0].header }
        for header in dropOrder {
            kept.removeAll { $0.header == header }
            omitted.append(header)
            if let fitted = fitting(kept, width: width, omitted: omitted) ?? fittingBroken(kept, width: width, omitted: omitted) {
                return fitted
            }
        }
        return Rendering(text: lines(breakingNames(kept, width: width, atLeast: 6), stacked: true).joined(separator: "\n"),
                         omitted: omitted)
    }

    /// Names broken over lines (`relu+head=` `linear-exp`) to fit, when that leaves them at least 10 wide.
    private func fittingBroken(_ columns: [Column], width: Int, omitted: [String] = []) -> Rendering? {
        fitting(breakingNames(columns, width: width, atLeast: 10), width: width, omitted: omitted)
    }

    /// The breakable column's cells broken to the width the other columns leave, but at least `minimum`.
    private func breakingNames(_ columns: [Column], width: Int, atLeast minimum: Int) -> [Column] {
        guard let index = columns.firstIndex(where: \.breakable) else { return columns }
        var result = columns
        let others = columns.enumerated().filter { $0.offset != index }.map { columnWidth($0.element, stacked: true) }
        let room = width - others.reduce(0, +) - Self.separator.count * (columns.count - 1)
        let header = Self.headerWords(columns[index].header).map(\.count).max() ?? 0
        result[index].cells = columns[index].cells.map { $0.flatMap { Self.broken($0, width: max(room, minimum, header)) } }
        return result
    }

    private func fitting(_ columns: [Column], width: Int, omitted: [String] = []) -> Rendering? {
        let stacked = lines(columns, stacked: true)
        return Self.width(of: stacked) <= width ? Rendering(text: stacked.joined(separator: "\n"), omitted: omitted) : nil
    }

    private static func width(of lines: [String]) -> Int { lines.map(\.count).max() ?? 0 }

    /// A cell's lines in a layout: one line when flat; stacked details lose their enclosing parentheses,
    /// which only served to set them off on a shared line.
    private func cellLines(_ cell: [String], stacked: Bool) -> [String] {
        guard stacked else { return [cell.joined(separator: " ")] }
        return cell.enumerated().map { index, line in
            index > 0 && line.hasPrefix("(") && line.hasSuffix(")") && line.count > 2
                ? String(line.dropFirst().dropLast()) : line
        }
    }

    private func columnWidth(_ column: Column, stacked: Bool) -> Int {
        let cells = column.cells.flatMap { cellLines($0, stacked: stacked) }.map(\.count).max() ?? 0
        let header = stacked ? Self.headerWords(column.header).map(\.count).max() ?? 0 : column.header.count
        return max(cells, header)
    }

    /// Header words for wrapping: split at spaces, and after a `/` (`time/` `step`).
    private static func headerWords(_ header: String) -> [String] {
        header.split(separator: " ").flatMap { word -> [String] in
            var parts: [String] = []
            var part = ""
            for character in word {
                part.append(character)
                if character == "/" && part.count > 1 { parts.append(part); part = "" }
            }
            if !part.isEmpty { parts.append(part) }
            return parts
        }
    }

    /// `header` greedily wrapped to `width`.
    private static func wrappedHeader(_ header: String, width: Int) -> [String] {
        var lines: [String] = []
        for word in headerWords(header) {
            if let last = lines.last, last.count + (last.hasSuffix("/") ? 0 : 1) + word.count <= width {
                lines[lines.count - 1] = last + (last.hasSuffix("/") ? "" : " ") + word
            } else {
                lines.append(word)
            }
        }
        return lines
    }

    /// `text` in pieces of at most `width`, broken after a `+`, else a `,`, `=` or `-`, in the second half of a piece.
    static func broken(_ text: String, width: Int) -> [String] {
        var pieces: [String] = []
        var rest = Substring(text)
        while rest.count > width {
            let window = rest.prefix(width)
            // The strongest boundary in the second half of the line: between options, then within one.
            let cuts = ["+", ",", "=", "-"].lazy.compactMap { mark in
                window.lastIndex { String($0) == mark }.map { window.index(after: $0) }
                    .flatMap { 2 * window.distance(from: window.startIndex, to: $0) >= width ? $0 : nil }
            }
            let end = cuts.first ?? window.endIndex
            pieces.append(String(rest[..<end]))
            rest = rest[end...]
        }
        pieces.append(String(rest))
        return pieces
    }

    private func lines(_ columns: [Column], stacked: Bool) -> [String] {
        let widths = columns.map { columnWidth($0, stacked: stacked) }
        let headers = zip(columns, widths).map { column, width in
            stacked ? Self.wrappedHeader(column.header, width: width) : [column.header]
        }
        let headerHeight = headers.map(\.count).max() ?? 1
        // Headers sit on the rule, as a wrapped header's last line names the unit.
        let paddedHeaders = headers.map { Array(repeating: "", count: headerHeight - $0.count) + $0 }
        var output = (0..<headerHeight).map { line in join(paddedHeaders.map { $0[line] }, widths) }
        output.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: Self.separator))
        let rowCount = columns.first?.cells.count ?? 0
        for row in 0..<rowCount {
            let cells = columns.map { cellLines($0.cells[row], stacked: stacked) }
            let height = cells.map(\.count).max() ?? 1
            for line in 0..<height { output.append(join(cells.map { line < $0.count ? $0[line] : "" }, widths)) }
        }
        return output
    }

    private func join(_ texts: [String], _ widths: [Int]) -> String {
        zip(texts, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
            .joined(separator: Self.separator).replacing(/\s+$/, with: "")
    }
}
