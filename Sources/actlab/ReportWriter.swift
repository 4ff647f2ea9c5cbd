import ActivationLab
import ArgumentParser
import Foundation

/// Writes the HTML report of an experiment at the end of `actlab compare`; a file that cannot be written is
/// reported under the flag that named it.
enum ReportWriter {
    /// - Parameter flag: the option that named `path`, for the error message.
    static func write(store: RunStore, experiment: Experiment, to path: String, flag: String = "--report") throws {
        let report = try ExperimentReport.load(from: store, experiment: experiment)
        try naming(flag) { try HTMLReport.write(report, toFile: path) }
    }

    /// Runs `body`, turning a `ReportFileError` into a one-line usage error that starts with `flag`.
    static func naming<T>(_ flag: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ReportFileError {
            throw ValidationError("\(flag): \(error)")
        }
    }
}
