extension TrainingConfiguration {
    /// The head's target and clamp options.
    public var headOptions: HeadOptions {
        HeadOptions(targetScale: targetScale, negativeOthers: negativeOthers, exponentClamp: exponentClamp)
    }

    /// Checks every option's range (from `TrainingOption.all`), then the combinations of options,
    /// throwing one `ConfigurationError` that names the option key.
    public func validate() throws {
        for option in TrainingOption.all { try option.validate(self) }
        _ = try HeadCatalog.head(named: head, options: headOptions)
        if transform != .none {
            if try !ModelSpec.parse(model).isMLP {
                throw ConfigurationError.incompatible(OptionMessage("{transform} \(transform.rawValue) needs an mlp model (a fully shortcut-connected MLP), not \(model)"))
            }
            guard try ActivationCatalog.activation(named: activation) is Tanh else {
                throw ConfigurationError.incompatible(OptionMessage("{transform} \(transform.rawValue) transforms tanh units; use {activation} tanh, not \(activation)"))
            }
            guard !adversarial, !hdfgd else {
                throw ConfigurationError.incompatible(OptionMessage("{transform} cannot be combined with {adversarial} or {hdfgd}"))
            }
        }
        if matchParameters && !hdfgd {
            throw ConfigurationError.incompatible(OptionMessage("{match-parameters} only applies with {hdfgd}"))
        }
        if hdfgd, case .resnet = try ModelSpec.parse(model) {
            throw ConfigurationError.incompatible(OptionMessage("{hdfgd} replaces dense hidden layers; cnn:resnet has none (use an mlp or cnn:lenet)"))
        }
    }
}
