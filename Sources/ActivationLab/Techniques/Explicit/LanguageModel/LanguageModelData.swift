

/// Builds next-word prediction samples from a `TextCorpus`.
///
/// Every token of an entry is a target (out-of-vocabulary words are the target `<unk>`); its input
/// is the bag of the previous r tokens — summed one-hots over the vocabulary, or normalised by r.
/// Contexts never cross entry boundaries: positions before the start of the entry are filled with
/// the start token `<s>`, so every bag holds exactly r tokens (its L1 norm is r, or 1 normalised).
public enum LanguageModelData {
    /// The contexts and targets of `entries`, as a sparse dataset.
    public static func contexts(_ entries: [[String]], vocabulary: Vocabulary, contextSize r: Int,
                                normalized: Bool = false, name: String) -> SparseDataset {
        let value: Float = normalized ? 1 / Float(max(r, 1)) : 1
        var offsets = [0]
        var indices: [Int32] = []
        var values: [Float] = []
        var labels: [Int32] = []
        var bag: [Int32] = []
        for entry in entries {
            let ids = entry.map { Int32(vocabulary.index(of: $0)) }
            for t in ids.indices {
                bag.removeAll(keepingCapacity: true)
                for p in (t - r)..<t { bag.append(p < 0 ? Int32(vocabulary.startIndex) : ids[p]) }
                bag.sort()
                // Merge repeated tokens into one entry holding their count.
                var k = 0
                while k < bag.count {
                    var repeats = 1
                    while k + repeats < bag.count && bag[k + repeats] == bag[k] { repeats += 1 }
                    indices.append(bag[k])
                    values.append(value * Float(repeats))
                    k += repeats
                }
                offsets.append(indices.count)
                labels.append(ids[t])
            }
        }
        return SparseDataset(name: name, featureCount: vocabulary.featureCount, classCount: vocabulary.classCount,
                             offsets: offsets, indices: indices, values: values, labels: labels)
    }

    /// Splits the corpus by entry (a seeded shuffle), builds the vocabulary from the training entries,
    /// and the contexts of each split.
    /// - Throws: `ConfigurationError` naming `vocabularySize` or `contextSize` when it is below 1;
    ///   `DataError` for fractions that leave a split empty or make no sense.
    public static func splits(_ corpus: TextCorpus, options: LanguageModelOptions = LanguageModelOptions()) throws -> LanguageModelSplits {
        guard options.vocabularySize >= 1 else {
            throw ConfigurationError.invalidValue(key: "vocabularySize", requirement: "at least 1", got: "\(options.vocabularySize)")
        }
        guard options.contextSize >= 1 else {
            throw ConfigurationError.invalidValue(key: "contextSize", requirement: "at least 1", got: "\(options.contextSize)")
        }
        let held = options.validationFraction + options.testFraction
        guard options.validationFraction >= 0, options.testFraction >= 0, held < 1 else {
            throw DataError("\(corpus.name): validation and test fractions must be non-negative and sum to less than 1")
        }
        var order = Array(corpus.entries.indices)
        var rng = SeededGenerator(seed: options.seed)
        rng.shuffle(&order)
        let validationCount = Int((Double(order.count) * options.validationFraction).rounded())
        let testCount = Int((Double(order.count) * options.testFraction).rounded())
        let trainCount = order.count - validationCount - testCount
        guard trainCount > 0, options.validationFraction == 0 || validationCount > 0,
              options.testFraction == 0 || testCount > 0 else {
            throw DataError("\(corpus.name): \(order.count) entries are too few to split into train/validation/test")
        }
        // Keep corpus order inside each split, so the same seed gives the same samples.
        let trainEntries = order[0..<trainCount].sorted().map { corpus.entries[$0] }
        let validationEntries = order[trainCount..<(trainCount + validationCount)].sorted().map { corpus.entries[$0] }
        let testEntries = order[(trainCount + validationCount)...].sorted().map { corpus.entries[$0] }
        let vocabulary = Vocabulary(counting: trainEntries, size: options.vocabularySize)
        func build(_ entries: [[String]], _ split: String) -> SparseDataset {
            contexts(entries, vocabulary: vocabulary, contextSize: options.contextSize,
                     normalized: options.normalizedContext, name: "\(corpus.name)/\(split)")
        }
        return LanguageModelSplits(vocabulary: vocabulary, train: build(trainEntries, "train"),
                                   validation: build(validationEntries, "validation"), test: build(testEntries, "test"))
    }
}
