import Foundation

/// Facts about the data that the plans need.
public struct ReproductionContext: Sendable {
    public var scale: ReproductionScale
    /// Per-sample shape of the dataset, e.g. [1, 28, 28].
    public var sampleShape: [Int]
    public var classCount: Int
    public var features: Int { sampleShape.reduce(1, *) }

    public init(scale: ReproductionScale, sampleShape: [Int], classCount: Int) {
        self.scale = scale
        self.sampleShape = sampleShape
        self.classCount = classCount
    }

    /// `mlp:IN-h-…-h-OUT`.
    public func mlp(_ hidden: [Int]) -> String {
        "mlp:" + ([features] + hidden + [classCount]).map(String.init).joined(separator: "-")
    }

    /// The validation fraction of the LeNet-style CNN comparisons (3,000 Fashion-MNIST images) and of the residual
    /// CNN (1,200).
    public static let cnnValidationFraction = 0.05
    public static let residualValidationFraction = 0.02

    /// The shared configuration of a comparison: dataset, model, epochs, training limit.
    /// - Parameter validationFraction: the CNN comparisons validate on fewer images (validation is drawn from the
    ///   whole training file, and a forward pass over 6,000 images costs more than a small CNN's training epoch).
    public func base(model: String, epochs: Int, trainLimit: Int?, validationFraction: Double = 0.1) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dataset = scale.dataset
        c.model = model
        c.epochs = epochs
        c.trainLimit = trainLimit
        c.validationFraction = validationFraction
        return c
    }
}
