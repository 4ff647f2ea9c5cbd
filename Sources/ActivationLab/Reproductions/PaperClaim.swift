import Foundation

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
