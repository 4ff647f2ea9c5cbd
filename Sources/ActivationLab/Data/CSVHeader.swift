/// Deciding whether a CSV file's first row is a header, and lining a test file's columns up with the training file's.
enum CSVHeader {
    /// Whether `first` is a header when the options leave it to detection (`header=auto`):
    /// - a feature cell that is not a number makes it a header;
    /// - an all-number row that looks like column numbers (`0,1,2,…`, as pandas writes for unnamed columns), or whose label is a word while the next row's is a number (`0,1,…,783,label`),
    ///   could be either: that is an error asking for `header=yes` or `header=no`;
    /// - otherwise it is data.
    static func detect(first: [String], labelIndex: Int, nextLabel: String?, file: String, isNumber: (Int) -> Bool) throws -> Bool {
        if first.indices.contains(where: { $0 != labelIndex && !isNumber($0) }) { return true }
        let features = first.indices.filter { $0 != labelIndex }.map { first[$0] }
        let shown = first.count <= 6 ? first.joined(separator: ",") : first.prefix(5).joined(separator: ",") + ",…," + first.last!
        if looksLikeColumnNumbers(first) || looksLikeColumnNumbers(features) {
            throw DataError("\(file): line 1 (\(shown)) looks like a header of column numbers, as pandas writes, but could be data. Add :header=yes to skip it or :header=no to read it as data")
        }
        if CSVLabels.number(first[labelIndex]) == nil, let nextLabel, CSVLabels.number(nextLabel) != nil {
            throw DataError("\(file): line 1 (\(shown)) has the label '\(first[labelIndex])' where the next row has a number: is it a header of numbered columns? Add :header=yes to skip it or :header=no to read it as data")
        }
        return false
    }

    /// Three or more cells counting 0, 1, 2, … (pandas numbers unnamed columns from 0).
    static func looksLikeColumnNumbers(_ cells: [String]) -> Bool {
        cells.count >= 3 && cells.enumerated().allSatisfy { Int($1) == $0 }
    }

    /// Where each of the training file's columns is in a test file: the identity when the headers agree, the
    /// matching columns by name when the test file has the same names in another order.
    /// - Throws: `DataError` naming the missing and unexpected columns, or a name that appears twice.
    static func columnOrder(test: [String], training: [String], file: String, trainingFile: String) throws -> [Int] {
        if test == training { return Array(test.indices) }
        let testNames = Set(test), trainingNames = Set(training)
        let missing = training.filter { !testNames.contains($0) }
        let unexpected = test.filter { !trainingNames.contains($0) }
        guard missing.isEmpty && unexpected.isEmpty && test.count == training.count else {
            func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
            let parts = (missing.isEmpty ? [] : ["missing \(list(missing))"]) + (unexpected.isEmpty ? [] : ["unexpected \(list(unexpected))"])
            let difference = parts.isEmpty ? "\(test.count) columns, the training file has \(training.count)" : parts.joined(separator: ", ")
            throw DataError("\(file): line 1: the header differs from the training file's (\(trainingFile)): \(difference). Use the training file's column names")
        }
        if trainingNames.count < training.count, let repeated = training.indices.first(where: { training[..<$0].contains(training[$0]) }).map({ training[$0] }) {
            throw DataError("\(file): line 1: the columns are in another order than the training file's, and '\(repeated)' names more than one column, so they cannot be matched by name. Put the columns in the training file's order")
        }
        let position = Dictionary(uniqueKeysWithValues: test.enumerated().map { ($1, $0) })
        return training.map { position[$0]! }
    }
}
