import Foundation

/// Reads a classification dataset from a CSV file (plain or gzipped): numeric features and one label column.
///
/// Strict where leniency would train on garbage, and every problem is a one-line `DataError`
/// `<file>: line N, column C (name): <what>. <hint>` (lines and columns counted from 1, as editors do):
/// - quoting follows RFC 4180 (`CSVTable`); LF, CRLF and lone-CR line ends and a UTF-8 BOM are read;
/// - features must be finite numbers; rows must all have the first row's width; blank lines are skipped;
/// - labels (`CSVLabels`): integers are class indices `0..<K` with K bounded by the number of distinct labels,
///   anything else maps to named classes; empty labels, one number spelled two ways and a single class are errors;
/// - the header (`CSVHeader`): detected when a feature cell is not a number; a first row that could be a header
///   of column numbers (as pandas writes) must be settled with `header=yes` or `header=no`; a label column named
///   twice is ambiguous;
/// - a test file must have the training file's header (columns in another order are matched by name) or, without
///   headers, the same number of columns.
public enum CSVReader {
    /// A CSV file as read: the dataset and what a test file must agree with.
    public struct File: Sendable {
        public var dataset: Dataset
        /// The header's column names, nil when the file has no header row.
        public var header: [String]?
        /// The path it was read from.
        public var path: String
    }

    /// Reads the CSV file at `path` into a `[N, D]` dataset.
    public static func read(at path: String, options: CSVOptions = CSVOptions()) throws -> Dataset {
        try load(at: path, options: options).dataset
    }

    /// Reads the CSV file at `path`.
    /// - Parameter reference: the training file when reading its test file: the test file must have the same
    ///   header (or, without one, as many columns), and uses the training set's classes (unknown labels are
    ///   errors; one class is then fine).
    public static func load(at path: String, options: CSVOptions = CSVOptions(), matching reference: File? = nil) throws -> File {
        try parse(DataFile.read(path), file: path, options: options, matching: reference)
    }

    static func parse(_ input: [UInt8], file: String, options: CSVOptions, matching reference: File?) throws -> File {
        var table = CSVTable(bytes: input, delimiter: options.delimiter, file: file)
        guard let first = try table.nextRow() else { throw DataError("\(file): empty file. Give a file with a header or data rows") }
        let width = first.fields.count
        let firstCells = first.fields.map { table.text($0) }
        guard width >= 2 else {
            throw DataError("\(file): line \(first.line): 1 column; need at least one feature column and a label column. Check the delimiter (a comma is expected)")
        }

        // Which column is the label, whether line 1 is a header, and (for a test file) where each training column is.
        let hasHeader: Bool
        var labelIndex: Int
        var order = Array(0..<width)
        if let reference {
            let trainingWidth = reference.dataset.featureWidth + 1
            hasHeader = reference.header != nil
            if let trainingHeader = reference.header {
                if first.fields.allSatisfy({ table.number($0) != nil }) {
                    throw DataError("\(file): line \(first.line): no header row, but the training file \(reference.path) has one (\(trainingHeader.prefix(6).joined(separator: ","))\(trainingHeader.count > 6 ? ",…" : "")). Add the same header")
                }
                order = try CSVHeader.columnOrder(test: firstCells, training: trainingHeader, file: file, trainingFile: reference.path)
            } else if width != trainingWidth {
                throw DataError("\(file): \(width - 1) feature columns, but the training data has \(trainingWidth - 1). Give a test file with the training file's columns")
            }
            labelIndex = try resolveLabelColumn(options.labelColumn, header: reference.header, width: width, file: reference.path)
        } else {
            labelIndex = try resolveLabelColumn(options.labelColumn, header: options.hasHeader == false ? nil : firstCells, width: width, file: file)
            if let explicit = options.hasHeader {
                hasHeader = explicit
            } else if case .name = options.labelColumn {
                hasHeader = true
            } else {
                var peek = table
                let next = try? peek.nextRow()
                let nextLabel = next.flatMap { $0.fields.count == width ? table.text($0.fields[labelIndex]) : nil }
                hasHeader = try CSVHeader.detect(first: firstCells, labelIndex: labelIndex, nextLabel: nextLabel, file: file) {
                    table.number(first.fields[$0]) != nil
                }
            }
        }
        // Columns are numbered and named as in this file; `order` maps the training file's columns onto them.
        let columnNames: [String]? = hasHeader ? firstCells : nil
        func column(_ c: Int) -> String {
            columnNames.map { "column \(c + 1) (\($0[c]))" } ?? "column \(c + 1)"
        }

        let featureCount = width - 1
        var scalars: [Float] = []
        var texts: [String] = []
        var lines: [Int] = []
        var row: CSVTable.Row? = hasHeader ? try table.nextRow() : first
        while let current = row {
            guard current.fields.count == width else {
                throw DataError("\(file): line \(current.line): \(current.fields.count) fields, expected \(width) as in line \(first.line). Check for a missing or extra delimiter")
            }
            for c in order {
                let field = current.fields[c]
                if c == order[labelIndex] {
                    guard let text = table.validText(field) else {
                        throw DataError("\(file): line \(current.line), \(column(c)): the label is not text (invalid UTF-8 or control characters). Check that the file is an intact UTF-8 CSV file")
                    }
                    guard !text.isEmpty else {
                        throw DataError("\(file): line \(current.line), \(column(c)): empty label. Fill it in or drop the row")
                    }
                    texts.append(text)
                    continue
                }
                guard let value = table.number(field) else {
                    let text = table.text(field)
                    let problem = text.isEmpty ? "empty field, expected a number" : "'\(text.prefix(40))' is not a number"
                    throw DataError("\(file): line \(current.line), \(column(c)): \(problem). Features must be numbers")
                }
                guard value.isFinite else {
                    throw DataError("\(file): line \(current.line), \(column(c)): non-finite value '\(table.text(field))'. Features must be finite numbers (a Float's range is ±3.4e38)")
                }
                scalars.append(value)
            }
            lines.append(current.line)
            row = try table.nextRow()
        }
        guard !texts.isEmpty else { throw DataError("\(file): no data rows after the header. Add rows below line \(first.line)") }

        let labelColumn = column(order[labelIndex])
        let labels = CSVLabels(texts: texts, lines: lines, file: file, column: labelColumn)
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var dataset: Dataset
        if let reference {
            dataset = Dataset(name: name, features: Tensor(shape: [texts.count, featureCount], scalars: scalars),
                              labels: try labels.encode(matching: reference.dataset),
                              classCount: reference.dataset.classCount, classNames: reference.dataset.classNames)
        } else {
            let (classes, classCount, classNames) = try labels.encode()
            dataset = Dataset(name: name, features: Tensor(shape: [texts.count, featureCount], scalars: scalars),
                              labels: classes, classCount: classCount, classNames: classNames)
            try dataset.requireSeveralClasses(source: "\(file): \(labelColumn)", hint: "Check the label column (label=NAME or label=INDEX)")
            dataset.warnings += [continuousLabelWarning(texts, column: labelColumn, file: file),
                                 rareLabelWarning(labels: texts, lines: lines, column: labelColumn, file: file)].compactMap { $0 }
        }
        return File(dataset: dataset, header: columnNames.map { names in order.map { names[$0] } }, path: file)
    }

    /// The label column's index for `spec` in a file of `width` columns with this header (nil: no header).
    static func resolveLabelColumn(_ spec: CSVOptions.LabelColumn, header: [String]?, width: Int, file: String) throws -> Int {
        switch spec {
        case .last:
            return width - 1
        case .index(let i):
            let index = i < 0 ? width + i : i
            guard (0..<width).contains(index) else {
                throw DataError("\(file): label column \(i) does not exist; the first row has \(width) columns. Give label=INDEX from 0 to \(width - 1), or negative from the end")
            }
            return index
        case .name(let name):
            guard let header else {
                throw DataError("\(file): a label column given by name (\(name)) needs a header row. Give label=INDEX, or header=yes")
            }
            let matches = header.indices.filter { header[$0] == name }
            guard let index = matches.first else {
                let shown = header.count <= 20 ? header.joined(separator: ", ") : header.prefix(20).joined(separator: ", ") + ", …"
                throw DataError("\(file): line 1: no column named '\(name)' in the header (\(shown)). Give one of these names, or label=INDEX")
            }
            guard matches.count == 1 else {
                throw DataError("\(file): line 1: columns \(matches.map { String($0 + 1) }.joined(separator: " and ")) are all named '\(name)', so the label column is ambiguous. Rename all but one, or give label=INDEX (0-based)")
            }
            return index
        }
    }

    /// A label that occurs on one row only while every other label has at least 10 rows: likely a typo
    /// (`setosx`), which would otherwise become a class of its own. Each such label is named with its line.
    static func rareLabelWarning(labels: [String], lines: [Int], column: String, file: String) -> String? {
        var counts: [String: Int] = [:]
        for label in labels { counts[label, default: 0] += 1 }
        let single = counts.filter { $0.value == 1 }.map(\.key)
        let common = counts.count - single.count
        guard !single.isEmpty, common >= 2, single.count < common,
              counts.values.allSatisfy({ $0 == 1 || $0 >= 10 }) else { return nil }
        let shown = single.sorted().prefix(5).map { label in "'\(label)' (line \(lines[labels.firstIndex(of: label)!]))" }
        return "\(file), \(column): \(shown.joined(separator: ", "))\(single.count > 5 ? " and \(single.count - 5) more" : "") occur\(single.count == 1 ? "s" : "") on one row only while every other label has 10 or more rows: a typo? Each distinct label is a class"
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
}
