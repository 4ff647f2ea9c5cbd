import Foundation
@testable import ActivationLab

/// Small synthetic problems for the explicit-solution tests.
enum ExplicitTestData {
    /// One-hot inputs: feature i drawn uniformly, the class from a fixed random P(j | i).
    /// Every feature/class pair occurs at least once, so log F is finite.
    static func oneHot(features: Int = 6, classes: Int = 4, samples: Int = 900, seed: UInt64 = 11) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let conditional: [[Double]] = (0..<features).map { _ in
            let raw = (0..<classes).map { _ in 0.2 + Double(rng.uniform()) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
        var x = [Float](repeating: 0, count: samples * features)
        var labels: [Int32] = []
        for n in 0..<samples {
            // The first features × classes samples cover every pair once.
            let i = n < features * classes ? n / classes : rng.integer(below: features)
            var label = n < features * classes ? n % classes : classes - 1
            if n >= features * classes {
                var u = Double(rng.uniform())
                for j in 0..<classes {
                    u -= conditional[i][j]
                    if u < 0 { label = j; break }
                }
            }
            x[n * features + i] = 1
            labels.append(Int32(label))
        }
        return Dataset(name: "one-hot", features: Tensor(shape: [samples, features], scalars: x),
                       labels: labels, classCount: classes)
    }

    /// Non-negative multi-feature inputs: class-dependent means in [0, 1] plus uniform noise, clipped at 0.
    static func multiHot(features: Int = 12, classes: Int = 3, samples: Int = 600, seed: UInt64 = 5) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let means: [[Float]] = (0..<classes).map { _ in (0..<features).map { _ in rng.uniform() } }
        var x: [Float] = []
        var labels: [Int32] = []
        for _ in 0..<samples {
            let label = rng.integer(below: classes)
            for i in 0..<features { x.append(max(0, means[label][i] + rng.uniform(-0.5, 0.5))) }
            labels.append(Int32(label))
        }
        return Dataset(name: "multi-hot", features: Tensor(shape: [samples, features], scalars: x),
                       labels: labels, classCount: classes)
    }

    /// The cross-entropy gradient `Hᵀ(softmax(H·Wᵀ + b) − Y)/N` in Double, class-major `[classes, features]`.
    static func gradient(_ data: Dataset, weight: [Double], bias: [Double]) -> [Double] {
        let (features, classes) = (data.features.columns, data.classCount)
        var g = [Double](repeating: 0, count: features * classes)
        for n in 0..<data.count {
            let x = (0..<features).map { Double(data.features[flat: n * features + $0]) }
            let z = (0..<classes).map { j in bias[j] + (0..<features).reduce(0.0) { $0 + weight[j * features + $1] * x[$1] } }
            let peak = z.max()!
            let e = z.map { exp($0 - peak) }
            let total = e.reduce(0, +)
            for j in 0..<classes {
                let d = e[j] / total - (Int(data.labels[n]) == j ? 1 : 0)
                for i in 0..<features where x[i] != 0 { g[j * features + i] += d * x[i] / Double(data.count) }
            }
        }
        return g
    }

    /// Softmax of a Double vector.
    static func softmax(_ z: [Double]) -> [Double] {
        let peak = z.max()!
        let e = z.map { exp($0 - peak) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }
}
