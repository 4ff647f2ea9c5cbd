/// The right to write one run, returned by `RunStore.claimRun`; only its holder may append epochs.
public struct RunClaim: Sendable, Equatable {
    public let runID: Int64
    public let experimentID: Int64
    public let cell: Cell
    /// The owner token of the claiming store; writes check it so a re-claimed run rejects its old owner.
    public let token: String
    /// 1 for the first claim of the cell, more when a stale or failed run was restarted.
    public let attempt: Int
}
