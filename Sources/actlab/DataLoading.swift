import ActivationLab

extension DatasetSource {
    /// `fashion-mnist` when it is installed, else the bundled `sample` (with a notice on stderr, once).
    static func defaultSpec() -> String {
        let spec = installedDefaultSpec()
        if spec == "sample" { DefaultDatasetNotice.show() }
        return spec
    }
}

private enum DefaultDatasetNotice {
    nonisolated(unsafe) static var shown = false
    static func show() {
        guard !shown else { return }
        shown = true
        Terminal.error("note: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist); using the bundled 2,000-image sample")
    }
}

/// Loads the splits a configuration asks for, printing the data's warnings (once per process).
func loadSplits(for configuration: TrainingConfiguration) throws -> DataSplits {
    let splits = try DatasetSource(spec: configuration.dataset).load(
        validationFraction: configuration.validationFraction, seed: configuration.seed, trainLimit: configuration.trainLimit,
        normalization: configuration.normalization)
    DataWarnings.show(splits.train.warnings)
    return splits
}

private enum DataWarnings {
    nonisolated(unsafe) static var shown: Set<String> = []  // the CLI's main thread only
    static func show(_ warnings: [String]) {
        for warning in warnings where shown.insert(warning).inserted { Terminal.error("note: " + warning) }
    }
}
