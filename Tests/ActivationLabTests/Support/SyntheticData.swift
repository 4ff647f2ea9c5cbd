@testable import ActivationLab

/// Small seeded classification problems for tests that need data but not a file.
enum SyntheticData {
    /// Gaussian blobs: class k centred at a random point, unit-variance noise scaled by `spread`.
    static func blobs(samples: Int, features: Int, classes: Int, spread: Float = 0.5, seed: UInt64 = 11) -> Dataset {
        var rng = SeededGenerator(seed: seed)
        let centres = (0..<classes).map { _ in (0..<features).map { _ in rng.uniform(-2, 2) } }
        var values: [Float] = []
        var labels: [Int32] = []
        for i in 0..<samples {
            let label = i % classes
            labels.append(Int32(label))
            values += centres[label].map { $0 + spread * rng.normal() }
        }
        return Dataset(name: "blobs", features: Tensor(shape: [samples, features], scalars: values),
                       labels: labels, classCount: classes)
    }

    /// Train/validation/test splits of blobs.
    static func splits(features: Int = 8, classes: Int = 3) -> DataSplits {
        let all = blobs(samples: 900, features: features, classes: classes)
        return DataSplits(train: all.subset(0..<600), validation: all.subset(600..<750), test: all.subset(750..<900))
    }
}

extension RunStore {
    /// Complete evaluation runs per variant, in the experiment's variant order (what the analysis counts).
    func evaluationRunCounts(_ experiment: Experiment) throws -> [Int] {
        let records = try runRecords(experiment: experiment).filter { $0.kind == .evaluation }
        return experiment.spec.variants.map { variant in records.filter { $0.variant == variant }.count }
    }
}
