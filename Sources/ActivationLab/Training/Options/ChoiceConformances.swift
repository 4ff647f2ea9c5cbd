// The closed choices among the training options parse and print by their raw values.
extension TransformMode: OptionChoice {}
extension GammaType: OptionChoice {}
extension AdversarialReading: OptionChoice {}
extension OptimizerKind: OptionChoice {}
extension Normalization: OptionChoice {}
extension InitializerChoice: OptionChoice {}
