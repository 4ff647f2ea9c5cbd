/// Negative values in a dataset given to the explicit solution, found before it is rescaled.
///
/// The explicit solution reads each feature as a non-negative amount of evidence for a class (it takes
/// logarithms of feature totals per class), so `ExplicitClassificationExperiment` maps every feature to [0, 1]
/// by its training minimum and maximum. For signed data (standardised CSV columns, say) that mapping discards
/// the sign: the most negative training value becomes "none" and −1 and +1 differ only in amount, which can
/// score below the majority class. This is what the warning says.
public struct SignedFeatures: Sendable, Equatable {
    /// The dataset's name, the number of features with a negative training value and how many features there are.
    public let datasetName: String
    public let signedCount: Int
    public let featureCount: Int
    /// The lowest training value and the (0-based) feature that holds it.
    public let lowest: Float
    public let lowestFeature: Int

    /// Finds the negative values of `dataset` (`[N, features]`), nil when there are none.
    public init?(_ dataset: Dataset) {
        let width = dataset.featureWidth
        guard width > 0 else { return nil }
        var minimum = [Float](repeating: 0, count: width)
        dataset.features.withUnsafeBufferPointer { x in
            for row in 0..<dataset.count {
                for column in 0..<width where x[row * width + column] < minimum[column] {
                    minimum[column] = x[row * width + column]
                }
            }
        }
        let signed = minimum.filter { $0 < 0 }.count
        guard signed > 0, let lowest = minimum.indices.min(by: { minimum[$0] < minimum[$1] }) else { return nil }
        datasetName = dataset.name
        signedCount = signed
        featureCount = width
        self.lowest = minimum[lowest]
        lowestFeature = lowest
    }

    /// The one-line warning: what was found, what the solution does with it, and what to try instead.
    public var warning: String {
        "\(datasetName): \(signedCount) of \(featureCount) features have negative values (lowest \(lowest), feature "
            + "\(lowestFeature)). The explicit solution needs non-negative inputs, so each feature is rescaled to [0, 1] "
            + "by its training minimum and maximum (held-out values outside that range are clipped): the sign is lost "
            + "and the most negative value counts as none, which suits counts and intensities but not standardised data. "
            + "Compare with `actlab train --dataset …`, which keeps the signs"
    }
}
