import Foundation

/// Reads a classification dataset from a CSV file (plain or gzipped): numeric features and one label column.
///
/// Labels may be integers, which must be class indices `0..<K` (K = largest label + 1), or strings, which map to
/// class indices in sorted order (the names are kept as `classNames`). Blank lines are skipped; fields may be
/// double-quoted. Every problem is a one-line `DataError` naming the file, the line and the column (both counted
/// from 1, as editors do): non-numeric or non-finite features, ragged rows, an empty file, a single class.
public enum CSVReader {
    /// Reads the CSV file at `path` into a `[N, D]` dataset.
    /// - Parameter reference: the training set when reading its test file: the test file must have the same number
    ///   of features and uses the training set's classes (unknown labels are errors; one class is then fine).
    public static func read(at path: String, options: CSVOptions = CSVOptions(), matching reference: Dataset? = nil) throws -> Dataset {
        try parse(DataFile.read(path), file: path, options: options, matching: reference)
    }

    static func parse(_ input: [UInt8], file: String, options: CSVOptions, matching reference: Dataset?) throws -> Dataset {
        var table = Table(bytes: input, delimiter: options.delimiter)
        guard let first = table.nextRow() else { throw DataError("\(file): empty file") }
        let width = first.fields.count
        let firstCells = first.fields.map { table.text($0) }

        // Which column is the label.
        let labelIndex: Int
        switch options.labelColumn {
        case .last:
            labelIndex = width - 1
        case .index(let i):
            labelIndex = i < 0 ? width + i : i
            guard (0..<width).contains(labelIndex) else {
                throw DataError("\(file): label column \(i) does not exist; the first row has \(width) columns")
            }
        case .name(let name):
            guard options.hasHeader != false else {
                throw DataError("\(file): a label column given by name (\(name)) needs a header row")
            }
            guard let i = firstCells.firstIndex(of: name) else {
                throw DataError("\(file): no column named '\(name)' in the header (\(firstCells.joined(separator: ", ")))")
            }
            labelIndex = i
        }
        guard width >= 2 else {
            throw DataError("\(file), line \(first.line): 1 column; need at least one feature column and a label column")
        }

        let hasHeader: Bool
        if let explicit = options.hasHeader {
            hasHeader = explicit
        } else if case .name = options.labelColumn {
            hasHeader = true
        } else {
            hasHeader = first.fields.indices.contains { $0 != labelIndex && table.number(first.fields[$0]) == nil }
        }
        let columnNames: [String]? = hasHeader ? firstCells : nil
        func column(_ c: Int) -> String {
            columnNames.map { "column \(c + 1) (\($0[c]))" } ?? "column \(c + 1)"
        }

        let featureCount = width - 1
        if let reference, reference.features.columns != featureCount {
            throw DataError("\(file): \(featureCount) feature columns, but the training data has \(reference.features.columns)")
        }
        var scalars: [Float] = []
        var rawLabels: [String] = []
        var labelLines: [Int] = []
        var row: Table.Row? = hasHeader ? table.nextRow() : first
        while let current = row {
            guard current.fields.count == width else {
                throw DataError("\(file), line \(current.line): \(current.fields.count) fields, expected \(width) as in line \(first.line)")
            }
            for (c, field) in current.fields.enumerated() {
                if c == labelIndex {
                    rawLabels.append(table.text(field))
                    continue
                }
                guard let value = table.number(field) else {
                    let text = table.text(field)
                    let problem = text.isEmpty ? "empty field, expected a number" : "'\(text)' is not a number"
                    throw DataError("\(file), line \(current.line), \(column(c)): \(problem)")
                }
                guard value.isFinite else {
                    throw DataError("\(file), line \(current.line), \(column(c)): non-finite value '\(table.text(field))'")
                }
                scalars.append(value)
            }
            labelLines.append(current.line)
            row = table.nextRow()
        }
        guard !rawLabels.isEmpty else { throw DataError("\(file): no data rows after the header") }

        let labels: [Int32]
        let classCount: Int
        let classNames: [String]?
        let labelColumn = column(labelIndex)
        if let reference {
            classCount = reference.classCount
            classNames = reference.classNames
            if let names = classNames {
                let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
                labels = try rawLabels.enumerated().map { i, text in
                    guard let k = index[text] else {
                        throw DataError("\(file), line \(labelLines[i]), \(labelColumn): label '\(text)' does not occur in the training data (\(names.joined(separator: ", ")))")
                    }
                    return k
                }
            } else {
                labels = try rawLabels.enumerated().map { i, text in
                    guard let k = Int32(text), (0..<Int32(classCount)).contains(k) else {
                        throw DataError("\(file), line \(labelLines[i]), \(labelColumn): label '\(text)' is not a class index 0..<\(classCount) of the training data")
                    }
                    return k
                }
            }
        } else {
            let integers = rawLabels.compactMap { Int32($0) }
            if integers.count == rawLabels.count {
                if let i = integers.firstIndex(where: { $0 < 0 }) {
                    throw DataError("\(file), line \(labelLines[i]), \(labelColumn): label \(integers[i]) is negative; integer labels must be class indices 0..<K")
                }
                labels = integers
                classCount = Int(integers.max()!) + 1
                classNames = nil
            } else {
                let names = Set(rawLabels).sorted()
                let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
                labels = rawLabels.map { index[$0]! }
                classCount = names.count
                classNames = names
            }
            guard Set(labels).count >= 2 else {
                throw DataError("\(file): every row has label '\(rawLabels[0])' in \(labelColumn); classification needs at least two classes")
            }
        }
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var dataset = Dataset(name: name, features: Tensor(shape: [labels.count, featureCount], scalars: scalars),
                              labels: labels, classCount: classCount, classNames: classNames)
        if reference == nil, let warning = Self.continuousLabelWarning(rawLabels, column: labelColumn, file: file) {
            dataset.warnings.append(warning)
        }
        return dataset
    }

    /// A label column that looks like a regression target: many distinct values (more than 20, and more
    /// than a quarter of the rows) or numbers that are not integers. Each value still becomes a class.
    static func continuousLabelWarning(_ labels: [String], column: String, file: String) -> String? {
        let distinct = Set(labels).count
        let fractional = labels.contains { Int($0) == nil && Double($0) != nil }
        guard (distinct > 20 && distinct * 4 > labels.count) || fractional else { return nil }
        return "\(file), \(column): \(distinct) distinct labels in \(labels.count) rows" + (fractional ? ", some not whole numbers" : "")
            + ": this looks like a continuous (regression) target; ActivationLab classifies, so each value becomes a class"
    }

    /// A cursor over the rows of a CSV buffer; fields are byte ranges into it.
    struct Table {
        struct Row {
            var line: Int
            var fields: [Range<Int>]
        }

        private let bytes: [UInt8]   // the file plus a terminating 0, so strtof always stops inside
        private let delimiter: UInt8
        private var position = 0
        private var line = 0

        init(bytes input: [UInt8], delimiter: UInt8) {
            var data = input
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }  // UTF-8 byte-order mark
            data.append(0)
            bytes = data
            self.delimiter = delimiter
        }

        /// The next non-blank row, or nil at the end.
        mutating func nextRow() -> Row? {
            let end = bytes.count - 1
            while position < end {
                line += 1
                var lineEnd = position
                while lineEnd < end && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let start = position
                position = lineEnd + 1
                var stop = lineEnd
                if stop > start && bytes[stop - 1] == UInt8(ascii: "\r") { stop -= 1 }
                let fields = split(start, stop)
                if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
                return Row(line: line, fields: fields)
            }
            return nil
        }

        /// Splits `start..<stop` at delimiters outside double quotes; trims blanks and removes the quotes.
        private func split(_ start: Int, _ stop: Int) -> [Range<Int>] {
            var fields: [Range<Int>] = []
            var i = start
            while true {
                while i < stop && isBlank(bytes[i]) { i += 1 }
                var fieldStart = i
                var fieldEnd: Int
                if i < stop && bytes[i] == UInt8(ascii: "\"") {
                    fieldStart = i + 1
                    i += 1
                    while i < stop {
                        if bytes[i] == UInt8(ascii: "\"") {
                            if i + 1 < stop && bytes[i + 1] == UInt8(ascii: "\"") { i += 2; continue }
                            break
                        }
                        i += 1
                    }
                    fieldEnd = i
                    while i < stop && bytes[i] != delimiter { i += 1 }
                } else {
                    while i < stop && bytes[i] != delimiter { i += 1 }
                    fieldEnd = i
                    while fieldEnd > fieldStart && isBlank(bytes[fieldEnd - 1]) { fieldEnd -= 1 }
                }
                fields.append(fieldStart..<fieldEnd)
                if i >= stop { return fields }
                i += 1  // past the delimiter
            }
        }

        private func isBlank(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
        }

        /// The field as text.
        func text(_ field: Range<Int>) -> String {
            String(decoding: bytes[field], as: UTF8.self)
        }

        /// The field as a number, if the whole field is one (strtof: decimal, exponent, nan, inf).
        func number(_ field: Range<Int>) -> Float? {
            guard !field.isEmpty else { return nil }
            return bytes.withUnsafeBufferPointer { buffer in
                let base = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                var end: UnsafeMutablePointer<CChar>?
                let value = strtof(base + field.lowerBound, &end)
                return UnsafePointer(end) == base + field.upperBound ? value : nil
            }
        }
    }
}
