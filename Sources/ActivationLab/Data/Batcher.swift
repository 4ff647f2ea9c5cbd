/// Seeded shuffling minibatches over a dataset.
///
/// The order of epoch `e` depends only on `(seed, e)`: a Fisher–Yates shuffle driven by
/// `SeededGenerator.derived(seed:stream:)` with the epoch as the stream, so an epoch can be replayed on its own
/// (e.g. after resuming from a checkpoint). Every sample appears exactly once per epoch; the last batch holds the
/// remainder when the count is not a multiple of the batch size. Each batch is one `gatherRows` copy (one feature
/// and one label allocation per batch, none per sample).
public struct Batcher: Sendable {
    public let dataset: Dataset
    public let batchSize: Int
    public let seed: UInt64
    /// Whether to shuffle; `false` gives file order every epoch (for evaluation).
    public let shuffle: Bool

    /// - Precondition: `batchSize > 0` (the CLI validates user input before this).
    public init(dataset: Dataset, batchSize: Int, seed: UInt64 = 0, shuffle: Bool = true) {
        precondition(batchSize > 0, "batch size must be positive, got \(batchSize)")
        self.dataset = dataset
        self.batchSize = batchSize
        self.seed = seed
        self.shuffle = shuffle
    }

    /// The number of batches per epoch (the last may be partial).
    public var batchCount: Int { dataset.count / batchSize + (dataset.count % batchSize == 0 ? 0 : 1) }  // no overflow near Int.max

    /// The sample order of `epoch`.
    public func order(epoch: Int) -> [Int] {
        var order = Array(0..<dataset.count)
        if shuffle {
            var generator = SeededGenerator.derived(seed: seed, stream: UInt64(truncatingIfNeeded: epoch))
            generator.shuffle(&order)
        }
        return order
    }

    /// The minibatches of `epoch`, in order.
    public func batches(epoch: Int) -> Batches {
        Batches(dataset: dataset, order: order(epoch: epoch), batchSize: batchSize)
    }

    /// The minibatches of one epoch: `(features [B, ...], labels [B])`.
    public struct Batches: Sequence, Sendable {
        let dataset: Dataset
        let order: [Int]
        let batchSize: Int

        public var underestimatedCount: Int { (order.count + batchSize - 1) / batchSize }

        public func makeIterator() -> Iterator {
            Iterator(batches: self)
        }

        public struct Iterator: IteratorProtocol {
            let batches: Batches
            var start = 0

            public mutating func next() -> (features: Tensor, labels: [Int32])? {
                let order = batches.order
                guard start < order.count else { return nil }
                let end = Swift.min(start + batches.batchSize, order.count)
                let indices = order[start..<end]
                start = end
                let labels = batches.dataset.labels
                return (batches.dataset.gatherRows(indices), indices.map { labels[$0] })
            }
        }
    }
}
