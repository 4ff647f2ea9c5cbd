import Foundation

/// A cursor over the rows of a CSV buffer, quoting as RFC 4180 says: a quoted field runs to the next lone
/// `"` (a doubled `""` is a quote inside it, and line breaks inside it belong to the field); a quote inside an
/// unquoted field, text after a closing quote (`"1"x`) and a quote never closed are errors naming the line
/// and column. Two leniencies, both unambiguous: blanks (space, tab) around fields are ignored, and rows may
/// end in LF, CRLF or a lone CR (old Mac files). A UTF-8 byte-order mark is skipped; blank lines are skipped.
struct CSVTable {
    /// A field: a byte range into the buffer, without its quotes.
    struct Field {
        var range: Range<Int>
        var isQuoted = false
        /// Whether the field holds doubled quotes (`""`) to be read as one.
        var hasEscapedQuotes = false
    }

    struct Row {
        /// The line (from 1) the row starts on.
        var line: Int
        var fields: [Field]
    }

    private let bytes: [UInt8]   // the file plus a terminating 0, so strtof always stops inside
    private let delimiter: UInt8
    private let file: String
    private var position = 0
    private var line = 1         // the line of `position`

    private static let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    init(bytes input: [UInt8], delimiter: UInt8, file: String) {
        var data = input
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }  // UTF-8 byte-order mark
        data.append(0)
        bytes = data
        self.delimiter = delimiter
        self.file = file
    }

    /// The next non-blank row, or nil at the end.
    /// - Throws: `DataError` for quoting that breaks RFC 4180.
    mutating func nextRow() throws -> Row? {
        let end = bytes.count - 1
        while position < end {
            let rowLine = line
            var fields: [Field] = []
            while true {
                fields.append(try nextField(end: end, column: fields.count + 1))
                if position >= end { break }
                if bytes[position] == delimiter { position += 1; continue }
                // A line break: CRLF, LF or a lone CR.
                position += bytes[position] == Self.carriageReturn && bytes[position + 1] == Self.lineFeed ? 2 : 1
                line += 1
                break
            }
            if fields.count == 1 && !fields[0].isQuoted && fields[0].range.isEmpty { continue }  // a blank line
            return Row(line: rowLine, fields: fields)
        }
        return nil
    }

    /// Reads one field and stops at the delimiter, line break or end after it.
    private mutating func nextField(end: Int, column: Int) throws -> Field {
        while position < end && isBlank(bytes[position]) { position += 1 }
        guard position < end && bytes[position] == Self.quote else { return try unquotedField(end: end, column: column) }
        let openedOn = line
        position += 1
        let start = position
        var escaped = false
        while true {
            guard position < end else {
                throw DataError("\(file): line \(openedOn), column \(column): a quoted field is never closed. Close it with \" (and write a quote inside it as \"\")")
            }
            let byte = bytes[position]
            if byte == Self.quote {
                if bytes[position + 1] == Self.quote { escaped = true; position += 2; continue }
                break
            }
            if byte == Self.lineFeed || (byte == Self.carriageReturn && bytes[position + 1] != Self.lineFeed) { line += 1 }
            position += 1
        }
        let field = Field(range: start..<position, isQuoted: true, hasEscapedQuotes: escaped)
        position += 1  // past the closing quote
        while position < end && isBlank(bytes[position]) { position += 1 }
        if position < end, !isFieldEnd(bytes[position]) {
            let shown = String(decoding: bytes[(start - 1)...position].suffix(40), as: UTF8.self)
            throw DataError("\(file): line \(line), column \(column): text after the closing quote (\(shown)). Quote the whole field, writing a quote inside it as \"\"")
        }
        return field
    }

    private mutating func unquotedField(end: Int, column: Int) throws -> Field {
        let start = position
        while position < end && !isFieldEnd(bytes[position]) {
            if bytes[position] == Self.quote {
                throw DataError("\(file): line \(line), column \(column): a quote inside an unquoted field. Quote the whole field, writing a quote inside it as \"\"")
            }
            position += 1
        }
        var stop = position
        while stop > start && isBlank(bytes[stop - 1]) { stop -= 1 }
        return Field(range: start..<stop)
    }

    private func isFieldEnd(_ byte: UInt8) -> Bool {
        byte == delimiter || byte == Self.lineFeed || byte == Self.carriageReturn
    }

    private func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The field as text, a doubled quote read as one.
    func text(_ field: Field) -> String {
        let raw = String(decoding: bytes[field.range], as: UTF8.self)
        return field.hasEscapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// The field as text if it is valid UTF-8 without control characters other than tab and line breaks
    /// (binary garbage in a label would otherwise become a class of its own), else nil.
    func validText(_ field: Field) -> String? {
        let raw = bytes[field.range]
        guard !raw.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }),
              let valid = String(validating: raw, as: UTF8.self) else { return nil }
        return field.hasEscapedQuotes ? valid.replacingOccurrences(of: "\"\"", with: "\"") : valid
    }

    /// The field as a number, if the whole field is one (strtof: decimal, exponent, nan, inf).
    func number(_ field: Field) -> Float? {
        guard !field.range.isEmpty, !field.hasEscapedQuotes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var end: UnsafeMutablePointer<CChar>?
            let value = strtof(base + field.range.lowerBound, &end)
            return UnsafePointer(end) == base + field.range.upperBound ? value : nil
        }
    }
}
