extension DataSplits {
    /// Holds out a seeded random validation set from `train`, optionally limiting the remaining training set.
    ///
    /// The validation set is drawn first from the whole training file, so it does not depend on `trainLimit`:
    /// runs with different limits are validated on the same samples, and a smaller limit's training set is a
    /// subset of a larger one's (both take the same shuffled order). Samples keep their file order within each set
    /// (the batcher shuffles). Not stratified.
    /// - Parameters:
    ///   - validationFraction: the share of `train` held out, in [0, 1); rounded to whole samples.
    ///   - seed: the same seed gives the same split.
    ///   - trainLimit: keep at most this many training samples (after the validation set is taken).
    /// - Throws: `DataError` for a fraction outside [0, 1), a non-positive limit, no training samples left, or a
    ///   training set of a single class; `ConfigurationError` naming the `validation-fraction` option for a
    ///   positive fraction that holds out no sample (validation metrics would be 0 of 0).
    public init(train: Dataset, test: Dataset, validationFraction: Double = 0.1, seed: UInt64 = 0,
                trainLimit: Int? = nil) throws {
        guard validationFraction >= 0, validationFraction < 1 else {
            throw DataError("validation fraction \(validationFraction) must be in [0, 1)")
        }
        if let trainLimit, trainLimit <= 0 {
            throw DataError("train limit \(trainLimit) must be positive")
        }
        var order = Array(0..<train.count)
        var generator = SeededGenerator.derived(seed: seed, stream: Self.validationStream)
        generator.shuffle(&order)
        let validationCount = Int((validationFraction * Double(train.count)).rounded())
        if validationFraction > 0 && validationCount == 0 {
            let needed = 0.5 / Double(max(train.count, 1))
            throw ConfigurationError.incompatible(OptionMessage("{validation-fraction} \(validationFraction) holds out 0 of the \(train.count) training samples in \(train.name), so there would be nothing to validate on. Use at least \(String(format: "%.2g", needed * 1.01)), or more data"))
        }
        let validationIndices = Self.inFileOrder(order[..<validationCount], of: train.count)
        var trainOrder = order[validationCount...]
        if let trainLimit { trainOrder = trainOrder.prefix(trainLimit) }
        let trainIndices = Self.inFileOrder(trainOrder, of: train.count)
        guard !trainIndices.isEmpty else {
            throw DataError("\(train.name): no training samples left after holding out \(validationCount) of \(train.count) for validation")
        }
        let base = train.name.hasSuffix("/train") ? String(train.name.dropLast("/train".count)) : train.name
        let trainSet = train.subset(trainIndices, name: train.name)
        // When the limit alone leaves one class, the limit is what to change: name the option.
        if let trainLimit, let first = trainSet.labels.first, trainSet.labels.allSatisfy({ $0 == first }),
           order[validationCount...].contains(where: { train.labels[$0] != first }) {
            throw ConfigurationError.incompatible(OptionMessage("{train-limit} \(trainLimit) leaves \(trainSet.count) training sample\(trainSet.count == 1 ? "" : "s") of \(train.name), all of one class (\(first)); classification needs at least two classes. Raise {train-limit}"))
        }
        try trainSet.requireSeveralClasses(source: "\(train.name): the \(trainSet.count) training samples left after the validation split\(trainLimit.map { " and the train limit of \($0)" } ?? "")",
                                           hint: trainLimit == nil ? "Use more data" : "Raise the train limit")
        self.init(train: trainSet,
                  validation: train.subset(validationIndices, name: "\(base)/validation"),
                  test: test)
    }

    /// Distinct indices below `count`, sorted, in one linear pass (a sort of 54,000 indices per seed cost more).
    static func inFileOrder(_ indices: ArraySlice<Int>, of count: Int) -> [Int] {
        var chosen = [Bool](repeating: false, count: count)
        for i in indices { chosen[i] = true }
        var sorted: [Int] = []
        sorted.reserveCapacity(indices.count)
        for i in 0..<count where chosen[i] { sorted.append(i) }
        return sorted
    }

    /// The generator stream for validation splits (distinct from the batcher's epoch streams).
    static let validationStream: UInt64 = 0x7661_6C69_6461_7465  // "validate"
}
