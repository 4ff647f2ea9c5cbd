extension Dataset {
    /// Refuses training data whose labels are all one class: a classifier trained on it reaches 100%
    /// validation accuracy while learning nothing.
    /// - Parameters:
    ///   - source: what the message names first: the label file(s) or the data set.
    ///   - hint: how to fix it, ending the message.
    /// - Throws: `DataError` "`<source>`: all N labels are K; classification needs at least two classes. `<hint>`".
    func requireSeveralClasses(source: String, hint: String = "Check that this is the right label file") throws {
        guard let first = labels.first, labels.allSatisfy({ $0 == first }) else { return }
        let name = classNames.flatMap { names in names.indices.contains(Int(first)) ? " (\(names[Int(first)]))" : nil } ?? ""
        let all = count == 1 ? "the only label is" : "all \(count) labels are"
        throw DataError("\(source): \(all) \(first)\(name); classification needs at least two classes. \(hint)")
    }
}
