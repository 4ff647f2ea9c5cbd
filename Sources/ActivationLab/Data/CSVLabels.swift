import Foundation

/// How a CSV label column becomes class indices, refusing what would silently make garbage classes.
///
/// - Integer labels are class indices `0..<K`, K = largest + 1. K is bounded by the data: at most
///   `max(distinct, 10)` indices may go unused, so a stray `2147483647` among `0, 1, 2` is an error naming its
///   line instead of a 2,147,483,648-class model.
/// - Any other labels (names, or numbers with fractions) map to classes in sorted order (numbers by value) and
///   are kept as class names, so the class count is at most the number of distinct labels.
/// - Mostly numbers with a few other words: the words are typos, an error naming the first.
/// - One number spelled two ways (`1` and `1.0`, `01`, `+1`, `1e0`) is an error: each spelling would become
///   its own class. Numbers are decimals as `[+-]digits[.digits][e[+-]digits]`.
struct CSVLabels {
    /// The raw label of each row, and the line it is on.
    var texts: [String]
    var lines: [Int]
    /// Where the labels are, for messages: `"data.csv: "` is prefixed, then `"line N, <column>"`.
    var file: String
    var column: String

    /// The classes of a training file.
    func encode() throws -> (labels: [Int32], classCount: Int, classNames: [String]?) {
        let values = try numericValues()
        let distinct = Set(texts)
        // Mostly numbers and a few words: the words are typos (each would become a class of its own).
        let numericRows = texts.filter { values[$0] != nil }.count
        if numericRows * 2 > texts.count, numericRows < texts.count, let i = texts.indices.first(where: { values[texts[$0]] == nil }) {
            throw DataError("\(file): line \(lines[i]), \(column): label '\(texts[i])' is not a number, while \(numericRows) of the \(texts.count) labels are; it would become a class of its own. Fix the value, or use names for every class")
        }
        if distinct.allSatisfy({ values[$0].map { $0 == $0.rounded() } ?? false }) {
            return try classIndices(values)
        }
        // Names: sorted as text, or by value when every label is a number.
        let names = values.count == distinct.count
            ? distinct.sorted { values[$0]! < values[$1]! }
            : distinct.sorted()
        let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        return (texts.map { index[$0]! }, names.count, names)
    }

    /// The labels of a test file in the classes of its training set: by name (or by value, for numeric names),
    /// or as class indices `0..<classCount`.
    func encode(matching reference: Dataset) throws -> [Int32] {
        let values = try numericValues()
        guard let names = reference.classNames else {
            return try texts.indices.map { i in
                guard let value = values[texts[i]], value == value.rounded(), value >= 0, value < Double(reference.classCount) else {
                    throw DataError("\(file): line \(lines[i]), \(column): label '\(texts[i])' is not a class index 0..<\(reference.classCount) of the training data. Use the training file's labels")
                }
                return Int32(value)
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
        var byValue: [Double: Int32] = [:]
        for (k, name) in names.enumerated() { if let v = Self.number(name) { byValue[v] = Int32(k) } }
        return try texts.indices.map { i in
            if let k = byName[texts[i]] ?? values[texts[i]].flatMap({ byValue[$0] }) { return k }
            let known = names.count <= 20 ? names.joined(separator: ", ") : names.prefix(20).joined(separator: ", ") + ", …"
            throw DataError("\(file): line \(lines[i]), \(column): label '\(texts[i])' does not occur in the training data (\(known)). Use the training file's labels")
        }
    }

    /// The value of every label that is a decimal number, checked for two spellings of one number.
    private func numericValues() throws -> [String: Double] {
        var values: [String: Double] = [:]
        var spelling: [Double: (text: String, line: Int)] = [:]
        for (text, line) in zip(texts, lines) where values[text] == nil {
            guard let value = Self.number(text) else { continue }
            guard value.isFinite else {
                throw DataError("\(file): line \(line), \(column): label '\(text)' is too large a number. Fix the value")
            }
            if let first = spelling[value], first.text != text {
                throw DataError("\(file): line \(line), \(column): label '\(text)' is the same number as '\(first.text)' on line \(first.line), spelled differently; each spelling would become its own class. Write every label the same way")
            }
            spelling[value] = (text, line)
            values[text] = value
        }
        return values
    }

    /// Integer labels as class indices, refused when negative or far beyond the number of distinct labels.
    private func classIndices(_ values: [String: Double]) throws -> (labels: [Int32], classCount: Int, classNames: [String]?) {
        if let i = texts.indices.first(where: { values[texts[$0]]! < 0 }) {
            throw DataError("\(file): line \(lines[i]), \(column): label \(texts[i]) is negative; integer labels must be class indices 0..<K. Number the classes from 0")
        }
        let distinct = Set(values.values).count
        let allowed = distinct + max(distinct, 10)  // class indices 0..<allowed at most
        let top = texts.indices.max { values[texts[$0]]! < values[texts[$1]]! }!
        let largest = values[texts[top]]!
        guard largest < Double(allowed) else {
            let classes = largest < 1e15 ? "\(Int(largest) + 1)" : "more than 10^15"
            throw DataError("\(file): line \(lines[top]), \(column): label \(texts[top]) would make \(classes) classes (integer labels are class indices 0..<K), but only \(distinct) distinct labels occur. Fix the value, or number the classes 0..<\(distinct)")
        }
        return (texts.map { Int32(values[$0]!) }, Int(largest) + 1, nil)
    }

    /// The value of `text` if it is a plain decimal number: `[+-]digits[.digits][(e|E)[+-]digits]`, digits on
    /// at least one side of the point. No hex, `inf` or `nan`: those are names.
    static func number(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); mantissa += digits() }
        guard mantissa > 0 else { return nil }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty else { return nil }
        return Double(text)
    }
}
