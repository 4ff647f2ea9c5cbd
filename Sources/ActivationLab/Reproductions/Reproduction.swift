import Foundation

/// The five papers ActivationLab reproduces (sections of `docs/techniques.md`).
public enum PaperID: String, CaseIterable, Codable, Sendable {
    case oland, vatanen, su, xu, williams

    /// The reproduction of this paper.
    public var reproduction: any Reproduction {
        switch self {
        case .oland: OlandReproduction()
        case .vatanen: VatanenReproduction()
        case .su: SuReproduction()
        case .xu: XuReproduction()
        case .williams: WilliamsReproduction()
        }
    }
}

/// What a paper claims, quoted with its source.
public struct PaperClaim: Codable, Sendable, Equatable {
    /// "Oland et al. 2017: linear output and exponential gradient boosting".
    public var title: String
    /// Authors, title, venue / arXiv id.
    public var citation: String
    /// The claim in one sentence, as it appears in the README table.
    public var claim: String
    /// The claim quoted from the specification (`techniques.md`) or the paper.
    public var quote: String
    /// Where the quote comes from.
    public var source: String
    /// The paper's own figure to compare our numbers with.
    public var figure: String
}

/// One comparison a reproduction runs through `Sweep` and the run store.
public struct PlannedComparison: Sendable {
    /// Short label used in measurement keys and headings, e.g. `mlp`, `cnn`, `deep`.
    public var label: String
    /// A sentence on what it compares and on which model.
    public var description: String
    public var comparison: Comparison
    /// Display names of the variants (spec → name); missing entries use the spec.
    public var names: [String: String]

    public init(label: String, description: String, comparison: Comparison, names: [String: String] = [:]) {
        self.label = label
        self.description = description
        self.comparison = comparison
        self.names = names
    }

    public func name(_ variant: String) -> String { names[variant] ?? variant }
}

/// A comparison after it ran: its statistics against the target the reproduction uses.
public struct ComparisonOutcome: Sendable {
    public var planned: PlannedComparison
    /// In variant order (baseline first), computed with `target`.
    public var statistics: [VariantStatistics]
    /// The validation accuracy the time-to-target figures use (see `ReproductionRunner.target`).
    public var target: Double
    public var epochs: Int
    /// The last stored epoch of every complete run, by variant (for per-layer diagnostics).
    public var lastEpochs: [String: [EpochMetrics]] = [:]

    public var baseline: VariantStatistics { statistics[0] }

    public func statistics(_ variant: String) -> VariantStatistics? { statistics.first { $0.name == variant } }
}

/// Facts about the data that the plans need.
public struct ReproductionContext: Sendable {
    public var scale: ReproductionScale
    /// Per-sample shape of the dataset, e.g. [1, 28, 28].
    public var sampleShape: [Int]
    public var classCount: Int
    public var features: Int { sampleShape.reduce(1, *) }

    public init(scale: ReproductionScale, sampleShape: [Int], classCount: Int) {
        self.scale = scale
        self.sampleShape = sampleShape
        self.classCount = classCount
    }

    /// `mlp:IN-h-…-h-OUT`.
    public func mlp(_ hidden: [Int]) -> String {
        "mlp:" + ([features] + hidden + [classCount]).map(String.init).joined(separator: "-")
    }

    /// The validation fraction of the LeNet-style CNN comparisons (3,000 Fashion-MNIST images) and of the residual
    /// CNN (1,200).
    public static let cnnValidationFraction = 0.05
    public static let residualValidationFraction = 0.02

    /// The shared configuration of a comparison: dataset, model, epochs, training limit.
    /// - Parameter validationFraction: the CNN comparisons validate on fewer images (validation is drawn from the
    ///   whole training file, and a forward pass over 6,000 images costs more than a small CNN's training epoch).
    public func base(model: String, epochs: Int, trainLimit: Int?, validationFraction: Double = 0.1) -> TrainingConfiguration {
        var c = TrainingConfiguration()
        c.dataset = scale.dataset
        c.model = model
        c.epochs = epochs
        c.trainLimit = trainLimit
        c.validationFraction = validationFraction
        return c
    }
}

/// Everything a reproduction reports besides its header.
public struct ReproductionAnalysis: Sendable {
    /// Setup bullets: what ran, and what was scaled down and why.
    public var setup: [String]
    /// Bullets naming each interpretation of an unconfirmed formula that the runs rely on.
    public var interpretations: [String]
    public var tables: [ResultTable]
    public var measurements: [ReproductionMeasurement]
    /// The verdict rule on `measurements`.
    public var rule: VerdictRule
    /// Secondary findings, each with its own rule (not part of the verdict).
    public var findings: [Finding]
    /// One line for the README: what we found.
    public var summary: String

    public init(setup: [String], interpretations: [String], tables: [ResultTable], measurements: [ReproductionMeasurement],
                rule: VerdictRule, findings: [Finding] = [], summary: String) {
        self.setup = setup
        self.interpretations = interpretations
        self.tables = tables
        self.measurements = measurements
        self.rule = rule
        self.findings = findings
        self.summary = summary
    }
}

/// A secondary check with its own rule, e.g. Su's equivalence finding.
public struct Finding: Codable, Sendable, Equatable {
    public var title: String
    public var rule: VerdictRule
    /// Computed from `rule` and the result's measurements.
    public var outcome: ReproductionOutcome

    public init(title: String, rule: VerdictRule, measurements: [ReproductionMeasurement]) {
        self.title = title
        self.rule = rule
        outcome = rule.outcome(measurements)
    }
}

/// A results table as text cells.
public struct ResultTable: Codable, Sendable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    /// Printed under the table.
    public var note: String?

    public init(title: String, columns: [String], rows: [[String]], note: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}

/// A paper's reproduction: the comparisons to run, extra measurements and the verdict rule.
public protocol Reproduction: Sendable {
    var id: PaperID { get }
    var claim: PaperClaim { get }
    /// The comparisons that go through the run store (may be empty).
    func comparisons(_ context: ReproductionContext) throws -> [PlannedComparison]
    /// Runs the extra measurements (if any) and turns everything into the analysis.
    /// - Parameter progress: one line per extra step, for the terminal.
    func analyze(_ context: ReproductionContext, outcomes: [ComparisonOutcome],
                 progress: (String) -> Void) throws -> ReproductionAnalysis
}

/// A reproduction that cannot run, with a one-line reason.
public struct ReproductionError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
