import Foundation

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
