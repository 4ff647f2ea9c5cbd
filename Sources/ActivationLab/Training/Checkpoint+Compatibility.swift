import Foundation

extension Checkpoint {
    /// The training options that decide the function a checkpoint's weights compute, or what its outputs
    /// mean: loading weights under other values of these silently trains or evaluates a different model.
    /// Budget, optimiser, seed and data options are left out: continuing a run with another learning rate,
    /// more epochs or other data is what `--load` is for.
    public static let modelOptionKeys = [
        "model", "activation", "adversarial", "adversarial-reading", "hdfgd", "match-parameters",
        "transform", "gamma-type", "head", "target-scale", "negative-others", "normalize",
    ]

    /// One option whose saved value differs from the current one.
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public let key: String
        public let saved: String
        public let current: String
        public var description: String { "\(key) \(saved) (now \(current))" }
    }

    /// The model options (`modelOptionKeys`) whose value in the saved configuration differs from
    /// `current`'s, for data of this shape. Model specs are compared as resolved for that data
    /// (`mlp:auto-32-auto` is `mlp:784-32-10` on Fashion-MNIST), and an unset normalisation as the
    /// dataset's default.
    public func differences(from current: TrainingConfiguration, sampleShape: [Int], classCount: Int) -> [Difference] {
        func effective(_ configuration: TrainingConfiguration) -> TrainingConfiguration {
            var resolved = configuration
            if let model = try? configuration.resolvedModel(sampleShape: sampleShape, classCount: classCount) {
                resolved.model = "\(model)"
            }
            if resolved.normalization == nil {
                resolved.normalization = try? DatasetSource(spec: configuration.dataset).defaultNormalization
            }
            return resolved
        }
        let saved = effective(configuration), now = effective(current)
        return Self.modelOptionKeys.compactMap { key in
            guard let option = TrainingOption.named(key) else { return nil }
            let (savedValue, currentValue) = (option.value(in: saved), option.value(in: now))
            return savedValue == currentValue ? nil : Difference(key: key, saved: savedValue, current: currentValue)
        }
    }
}
