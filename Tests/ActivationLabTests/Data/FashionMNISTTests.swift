import Foundation
import Testing
@testable import ActivationLab

@Suite("FashionMNIST")
struct FashionMNISTTests {
    /// Runs only where Debian's `dataset-fashion-mnist` is installed; elsewhere Swift Testing reports it as skipped
    /// with the comment below as the reason (the bundled sample is tested in DatasetSourceTests regardless).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: DatasetSource.systemFashionMNIST),
                   "skipped: /usr/share/datasets/fashion-mnist is not installed (apt-get install dataset-fashion-mnist)"))
    func loadsTheFullDataset() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let (train, test) = try IDXDirectory(path: DatasetSource.systemFashionMNIST)
            .load(name: "fashion-mnist", classNames: DatasetSource.fashionMNISTClassNames)
        let elapsed = clock.now - start
        print("Full Fashion-MNIST loaded in \(elapsed)")
        #expect(train.count == 60_000 && test.count == 10_000)
        #expect(train.features.shape == [60_000, 1, 28, 28] && test.features.shape == [10_000, 1, 28, 28])
        // Fashion-MNIST is exactly balanced: 6,000 training and 1,000 test images per class.
        var perClass = [Int](repeating: 0, count: 10)
        for label in train.labels { perClass[Int(label)] += 1 }
        #expect(perClass == [Int](repeating: 6_000, count: 10))
        // The bundled sample is the first 2,000 training images.
        let sample = try DatasetSource.sample.loadTrainTest().train
        #expect(sample.features.scalars[...] == train.features.scalars[0..<(2_000 * 784)])
        #expect(sample.labels[...] == train.labels[0..<2_000])
    }
}
