/// The data a curvature analysis (`CurvatureExperiment`) trains on and measures the Hessian of.
///
/// The Hessian is taken over every weight and built from two gradient passes per weight, so the network
/// must stay small, and so must its input: either a small synthetic problem, or images average-pooled 4×4
/// (Fashion-MNIST's 28×28 becomes 7×7 = 49 features). `actlab analyze-curvature` and the Vatanen
/// reproduction both prepare their data here.
public enum CurvatureData: Sendable, Equatable {
    /// A seeded random-teacher problem (`SyntheticTeacherDataset`) with this many input features and classes.
    case synthetic(features: Int, classes: Int)
    /// The training images of a dataset spec (`DatasetSource`, with its default normalisation),
    /// average-pooled 4×4.
    case pooled(dataset: String)

    /// Which training images `pooled` keeps when the file holds more than the analysis asks for.
    public enum Selection: Sendable, Equatable {
        /// The first images in file order (`actlab analyze-curvature`).
        case leading
        /// A seeded random subset, the same draw as a training run's `trainLimit` takes (the Vatanen
        /// reproduction), so different seeds analyse different images.
        case seeded
    }

    /// The side of the square average-pooling window.
    public static let poolSize = 4

    /// The dataset to analyse.
    /// - Parameters:
    ///   - samples: how many samples (pooled data: at most this many, if the file holds fewer).
    ///   - seed: seeds the synthetic problem, or the subset drawn by `.seeded`.
    ///   - selection: which images `pooled` keeps; ignored for `synthetic`.
    /// - Throws: `DataError` if the dataset cannot be loaded, `CurvatureError` if its samples are not images
    ///   whose sides are multiples of `poolSize`.
    public func load(samples: Int, seed: UInt64, selection: Selection = .seeded) throws -> Dataset {
        switch self {
        case let .synthetic(features, classes):
            return SyntheticTeacherDataset.make(samples: samples, features: features, classes: classes, seed: seed)
        case .pooled(let dataset):
            let source = try DatasetSource(spec: dataset)
            var train: Dataset
            switch selection {
            case .leading:
                train = try source.load(validationFraction: 0, seed: seed).train
                train = train.subset(0..<min(samples, train.count))
            case .seeded:
                train = try source.load(validationFraction: 0, seed: seed, trainLimit: samples).train
            }
            let shape = train.sampleShape
            guard shape.count == 3, shape[1] % Self.poolSize == 0, shape[2] % Self.poolSize == 0 else {
                throw CurvatureError("curvature data 'pooled' needs images whose sides are multiples of 4; use 'synthetic'")
            }
            let pooled = AvgPool2D(kernelSize: Self.poolSize, stride: Self.poolSize)
                .forward(train.features, mode: .evaluation)
            return Dataset(name: "\(dataset) \(shape[1] / Self.poolSize)×\(shape[2] / Self.poolSize)",
                           features: pooled.reshaped([train.count, pooled.columns]),
                           labels: train.labels, classCount: train.classCount)
        }
    }
}
