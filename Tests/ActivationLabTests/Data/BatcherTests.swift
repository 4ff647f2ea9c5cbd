import Testing
@testable import ActivationLab

@Suite("Batcher")
struct BatcherTests {
    let data = numberedDataset(103, classes: 5)

    func order(_ batcher: Batcher, epoch: Int) -> [Int] {
        batcher.batches(epoch: epoch).flatMap { batch in (0..<batch.labels.count).map { Int(batch.features[$0, 0]) } }
    }

    @Test func everySampleOncePerEpochWithPartialLastBatch() {
        let batcher = Batcher(dataset: data, batchSize: 10, seed: 1)
        let batches = Array(batcher.batches(epoch: 0))
        #expect(batches.count == 11 && batcher.batchCount == 11)
        #expect(batches.dropLast().allSatisfy { $0.labels.count == 10 && $0.features.shape == [10, 2] })
        #expect(batches.last!.labels.count == 3)
        let seen = order(batcher, epoch: 0)
        #expect(seen.sorted() == Array(0..<103))
        // Features and labels stay paired.
        for batch in batches {
            for i in 0..<batch.labels.count {
                #expect(Int(batch.labels[i]) == Int(batch.features[i, 0]) % 5)
                #expect(batch.features[i, 1] == -batch.features[i, 0])
            }
        }
    }

    @Test func orderDependsOnlyOnSeedAndEpoch() {
        let a = Batcher(dataset: data, batchSize: 8, seed: 42)
        let b = Batcher(dataset: data, batchSize: 8, seed: 42)
        #expect(order(a, epoch: 3) == order(b, epoch: 3))
        #expect(order(a, epoch: 3) == order(a, epoch: 3))  // replaying an epoch gives the same order
        #expect(order(a, epoch: 3) != order(a, epoch: 4))
        #expect(order(a, epoch: 0) != order(Batcher(dataset: data, batchSize: 8, seed: 43), epoch: 0))
        #expect(order(a, epoch: 0) != Array(0..<103))
        // The order does not depend on the batch size.
        #expect(order(a, epoch: 5) == order(Batcher(dataset: data, batchSize: 100, seed: 42), epoch: 5))
    }

    @Test func noShuffleKeepsFileOrder() {
        let batcher = Batcher(dataset: data, batchSize: 7, shuffle: false)
        #expect(order(batcher, epoch: 9) == Array(0..<103))
    }
}
