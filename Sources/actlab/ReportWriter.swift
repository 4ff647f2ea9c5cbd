import ActivationLab
import ArgumentParser
import Foundation

/// Writes the HTML report of an experiment at the end of `actlab compare`.
enum ReportWriter {
    static func write(store: RunStore, experiment: Experiment, to path: String) throws {
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        do {
            try HTMLReport.html(report).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("--report: cannot write \(path): \(error.localizedDescription)")
        }
    }
}
