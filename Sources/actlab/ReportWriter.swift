import ActivationLab
import ArgumentParser
import Foundation

/// Writes the HTML report of an experiment at the end of `actlab compare` and beside each reproduction.
enum ReportWriter {
    /// - Parameter flag: the option that named `path`, for the error message.
    static func write(store: RunStore, experiment: Experiment, to path: String, flag: String = "--report") throws {
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        do {
            try HTMLReport.html(report).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("\(flag): cannot write \(path): \(error.localizedDescription)")
        }
    }
}
