extension ProtocolSettings {
    /// Settings as `compare`'s flags and config files write them.
    /// - Parameters:
    ///   - tune: option keys to tune (`lr`, `lr,momentum`, `lr=1e-4:0.3`) or `none`.
    ///   - tuneEpochs: epochs per trial; nil: a third of the comparison's `epochs`, at least 1.
    ///   - target: a validation accuracy in (0, 1], or `auto` (set by a pilot run).
    ///   - marginPoints: accuracy differences within ± this many points are equivalent.
    ///   - speedMarginPercent: speed-ups within this many percent either way are equivalent.
    public init(tune: String, budget: Int, tuneEpochs: Int?, epochs: Int, target: String,
                marginPoints: Double, speedMarginPercent: Double) throws {
        self.init()
        self.tune = try TuningPlan(tune, budget: budget).text
        tuneBudget = budget
        self.tuneEpochs = tuneEpochs ?? max(1, epochs / 3)
        guard (1...OptionLimits.epochs).contains(self.tuneEpochs) else {
            throw ConfigurationError.invalidValue(key: "tune-epochs", requirement: "a positive integer up to \(OptionLimits.epochs)", got: "\(self.tuneEpochs)")
        }
        if target != "auto" {
            guard let value = Double(target), value > 0, value <= 1 else {
                throw ConfigurationError.invalidValue(key: "target-accuracy", requirement: "a number in (0, 1] or auto", got: "'\(target)'")
            }
            targetAccuracy = value
        }
        guard marginPoints.isFinite, marginPoints >= 0, marginPoints < 100 else {
            throw ConfigurationError.invalidValue(key: "margin", requirement: "in [0, 100) accuracy points", got: "\(marginPoints)")
        }
        guard speedMarginPercent >= 0, speedMarginPercent <= 1000 else {
            throw ConfigurationError.invalidValue(key: "speed-margin", requirement: "in [0, 1000] percent", got: "\(speedMarginPercent)")
        }
        accuracyMargin = marginPoints / 100
        speedMargin = 1 + speedMarginPercent / 100
    }
}
