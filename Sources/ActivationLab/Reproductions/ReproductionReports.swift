import Foundation

/// The experiment reports beside a reproduction's documents: one HTML page per comparison,
/// `<paper>-<label>.html`, with the learning curves and per-seed numbers behind the document's tables.
/// `ReproductionDocument.write(_:to:reports:)` links the file names these functions return.
public enum ReproductionReports {
    /// `<paper>-<label>.html`.
    public static func fileName(paper: PaperID, comparison label: String) -> String {
        "\(paper.rawValue)-\(label).html"
    }

    /// Writes the report of each comparison whose experiment is in `store` into `directory` (a comparison
    /// that never started has none and is skipped).
    /// - Returns: the names of the files written, in the order of `comparisons`.
    /// - Throws: `ReportFileError` if a file cannot be written, `ReportError` if an experiment has no
    ///   finished run, `StoreError` if the store cannot be read.
    public static func write(_ comparisons: [PlannedComparison], paper: PaperID, store: RunStore,
                             to directory: String) throws -> [String] {
        var written: [String] = []
        for planned in comparisons {
            guard let experiment = try store.experiment(named: planned.comparison.name) else { continue }
            let file = fileName(paper: paper, comparison: planned.label)
            let report = try ExperimentReport.load(from: store, experiment: experiment)
            try HTMLReport.write(report, toFile: (directory as NSString).appendingPathComponent(file))
            written.append(file)
        }
        return written
    }

    /// The report files of `paper` already in `directory`, sorted by name: what the documents link when
    /// they are rendered again from a stored result, without running anything.
    public static func existing(paper: PaperID, in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix(paper.rawValue + "-") && $0.hasSuffix(".html") }.sorted()
    }
}
