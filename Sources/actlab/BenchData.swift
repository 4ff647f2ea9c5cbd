import ActivationLab
import Foundation

/// TEMPORARY until the data layer lands: random images of Fashion-MNIST's shape, so throughput can be measured.
enum BenchData {
    static func load(_ spec: String) throws -> Dataset {
        var rng = SeededGenerator(seed: 1)
        let count = 60_000
        let features = Tensor(shape: [count, 1, 28, 28], scalars: (0..<(count * 784)).map { _ in rng.uniform() })
        return Dataset(name: "random", features: features, labels: (0..<count).map { Int32($0 % 10) }, classCount: 10)
    }
}
