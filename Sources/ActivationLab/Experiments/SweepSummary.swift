/// How a sweep went in this process.
public struct SweepSummary: Sendable, Equatable {
    public var ran = 0
    public var skipped = 0
    public var finished = 0
    public var diverged = 0
    public var failed = 0
    public var interrupted = false
}
