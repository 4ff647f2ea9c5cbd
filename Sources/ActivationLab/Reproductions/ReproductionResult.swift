import Foundation

/// Everything a reproduction produced: written as `<paper>.json` beside `<paper>.md`, and read back to
/// build the README table. The verdict is computed from `rule` and `measurements`; `ReproductionResult`
/// never takes a verdict from outside.
public struct ReproductionResult: Codable, Sendable, Equatable {
    public var paper: PaperID
    public var claim: PaperClaim
    /// The exact command line that produced it.
    public var command: String
    /// ISO 8601, UTC.
    public var date: String
    public var commit: String
    public var cores: Int
    public var scale: ReproductionScale
    public var seconds: Double
    /// Runs this command trained and runs it found stored (a resumed or repeated command): its wall time
    /// covers only the first. Nil in results written before they were counted.
    public var runsTrained: Int?
    public var runsReused: Int?
    public var setup: [String]
    public var interpretations: [String]
    public var tables: [ResultTable]
    public var measurements: [ReproductionMeasurement]
    public var rule: VerdictRule
    public var verdict: ReproductionOutcome
    public var findings: [Finding]
    public var summary: String

    public init(paper: PaperID, claim: PaperClaim, command: String, date: Date, commit: String, cores: Int,
                scale: ReproductionScale, seconds: Double, runsTrained: Int? = nil, runsReused: Int? = nil,
                analysis: ReproductionAnalysis) {
        self.paper = paper
        self.claim = claim
        self.command = command
        self.date = ISO8601DateFormatter().string(from: date)
        self.commit = commit
        self.cores = cores
        self.scale = scale
        self.seconds = seconds
        self.runsTrained = runsTrained
        self.runsReused = runsReused
        setup = analysis.setup
        interpretations = analysis.interpretations
        tables = analysis.tables
        measurements = analysis.measurements
        rule = analysis.rule
        verdict = analysis.rule.outcome(analysis.measurements)
        findings = analysis.findings
        summary = analysis.summary
    }

    /// The wall time, saying how much of the work an earlier command did when runs were reused.
    public var wallTime: String {
        let time = DurationText.format(seconds)
        guard let reused = runsReused, reused > 0 else { return time }
        return "\(time) (this command: it trained \(runsTrained ?? 0) runs and found \(reused) trained by another)"
    }

    /// The JSON sidecar (sorted keys, pretty-printed, so diffs between runs are readable).
    public func json() throws -> Data {
        try JSONCoding.encoder(pretty: true).encode(self)
    }

    public static func decode(_ data: Data) throws -> ReproductionResult {
        try JSONDecoder().decode(ReproductionResult.self, from: data)
    }
}

/// Where a reproduction ran: commit and core count for the document header.
public enum ReproductionEnvironment {
    /// `git rev-parse --short HEAD` in the working directory, or "unknown".
    public static func gitCommit(in directory: String = FileManager.default.currentDirectoryPath) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "rev-parse", "--short", "HEAD"]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return "unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !text.isEmpty ? text : "unknown"
    }

    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }
}
