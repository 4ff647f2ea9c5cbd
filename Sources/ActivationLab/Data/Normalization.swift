/// How features are rescaled before training.
///
/// Statistics always come from the training split and the same map is applied to every split, so no
/// information from validation or test data leaks into training.
public enum Normalization: String, Sendable, CaseIterable, Codable {
    /// Features as read.
    case none
    /// Features in [0, 1]: data already there (images as read: pixels / 255) is left alone; otherwise each
    /// feature is mapped by the training split's min and max, `x' = (x − min) / (max − min)`, and validation/test
    /// values are clipped to [0, 1]. Keeps features non-negative, which the explicit softmax solution needs.
    /// The default for images.
    case unitRange = "unit-range"
    /// Per-feature `x' = (x − mean) / std` with the training split's mean and (population) standard deviation;
    /// constant features become 0. The default for CSV data. Makes features negative.
    case standardize
    /// Per-feature `x' = x − mean` with the training split's mean: zero-mean inputs at their original scale, as
    /// Raiko and Vatanen used (zero-mean inputs keep the shortcut weights' curvature well conditioned).
    case center
}

extension DataSplits {
    /// The splits with `method` fitted on the training split and applied to all three.
    public func normalized(_ method: Normalization) -> DataSplits {
        // Images stored as bytes are in [0, 1] already: the scan would find so, and nothing is copied.
        if method == .none || (method == .unitRange && train.isKnownUnitRange) { return self }
        var trainFeatures = train.features
        let scaler = FeatureScaler(fitting: trainFeatures, method: method)
        guard !scaler.isIdentity else { return self }
        var result = self
        scaler.apply(to: &trainFeatures)
        result.train.features = trainFeatures
        for split in [\DataSplits.validation, \DataSplits.test] {
            var features = result[keyPath: split].features
            scaler.apply(to: &features)
            result[keyPath: split].features = features
        }
        return result
    }
}
