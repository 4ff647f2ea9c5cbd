/// Fitting a spec to the data: `auto` widths are filled in, then every width is checked.
extension ModelSpec {
    /// The spec with `auto` widths replaced by the data's input features (the product of the sample shape)
    /// and class count. Explicit widths are kept as written, so a mismatch still reaches `validate`;
    /// CNN specs adapt to the image shape when built and are returned unchanged.
    public func resolved(sampleShape: [Int], classCount: Int) -> ModelSpec {
        guard case let .autoMLP(input, hidden, output) = self else { return self }
        return .mlp(widths: [input ?? sampleShape.reduce(1, *)] + hidden + [output ?? classCount])
    }

    /// Checks that the spec, once resolved, fits data with the given sample shape and class count; the error
    /// names the `model` option and the spec as written, and suggests one that fits.
    public func validate(sampleShape: [Int], classCount: Int) throws {
        let features = sampleShape.reduce(1, *)
        switch resolved(sampleShape: sampleShape, classCount: classCount) {
        case let .mlp(widths):
            guard widths.first == features, widths.last == classCount else {
                let hidden = widths.count > 2 ? widths.dropFirst().dropLast().map(String.init).joined(separator: "-") + "-" : ""
                throw ConfigurationError.incompatible(OptionMessage("{model} \(self): the data has \(features) input features and \(classCount) classes; try mlp:\(features)-\(hidden)\(classCount)"))
            }
            try checkMemory(widths: widths)
        case .autoMLP:
            preconditionFailure("resolved() leaves no auto widths")
        case .lenet, .resnet:
            guard sampleShape.count == 3 else {
                throw ConfigurationError.incompatible(OptionMessage("{model} \(self) needs image data [channels, height, width]; this data has samples of shape \(sampleShape)"))
            }
            // LeNet's two conv5 + pool2 stages leave ((size − 4) / 2 − 4) / 2 pixels, at least one from 16 up;
            // the residual CNN pools globally, so it takes any size.
            if self == .lenet, sampleShape[1] < 16 || sampleShape[2] < 16 {
                throw ConfigurationError.incompatible(OptionMessage("{model} cnn:lenet needs images of at least 16×16; these are \(sampleShape[1])×\(sampleShape[2]) (use cnn:resnet)"))
            }
        }
    }
}

extension TrainingConfiguration {
    /// The model spec fitted to data of this sample shape and class count (e.g. `mlp:auto-256-256-auto` on
    /// iris is `mlp:4-256-256-3`), checked against it.
    public func resolvedModel(sampleShape: [Int], classCount: Int) throws -> ModelSpec {
        let spec = try ModelSpec.parse(model)
        try spec.validate(sampleShape: sampleShape, classCount: classCount)
        return spec.resolved(sampleShape: sampleShape, classCount: classCount)
    }
}
