/// Seeded shuffling minibatches: the order depends only on (seed, epoch).
public struct Batcher: Sendable {
    public let dataset: Dataset
    public let batchSize: Int
    public let seed: UInt64

    public init(dataset: Dataset, batchSize: Int, seed: UInt64) {
        precondition(batchSize > 0, "batch size must be positive")
        self.dataset = dataset
        self.batchSize = batchSize
        self.seed = seed
    }

    /// Minibatches per epoch, counting a last partial batch.
    public var batchesPerEpoch: Int { (dataset.count + batchSize - 1) / batchSize }

    /// The shuffled minibatches of one epoch (0-based).
    public func batches(epoch: Int) -> [(features: Tensor, labels: [Int32])] {
        var order = Array(0..<dataset.count)
        var rng = SeededGenerator.derived(seed: seed, stream: UInt64(epoch))
        rng.shuffle(&order)
        return stride(from: 0, to: order.count, by: batchSize).map { start in
            let indices = order[start..<min(start + batchSize, order.count)]
            return (dataset.features.gatherRows(indices), indices.map { dataset.labels[$0] })
        }
    }
}
