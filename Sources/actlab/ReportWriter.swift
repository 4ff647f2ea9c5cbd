import ActivationLab

/// Writes the HTML report of an experiment (the report module lands separately).
enum ReportWriter {
    static func write(store: RunStore, experiment: Experiment, to path: String) throws {}
}
