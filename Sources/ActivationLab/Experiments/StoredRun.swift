import Foundation

/// A run (one cell's training) as stored.
public struct StoredRun: Sendable, Equatable {
    public let id: Int64
    public let experimentID: Int64
    public let cell: Cell
    /// The full training configuration of the run (nil if the store never recorded it).
    public let configuration: TrainingConfiguration?
    public let status: RunStatus
    /// Why the run failed or diverged, if known.
    public let reason: String?
    public let startedAt: Date
    public let finishedAt: Date?
    public let divergedEpoch: Int?
    public let divergedStep: Int?
    /// The process that claimed the run last.
    public let owner: RunOwner
    /// How many times the cell has been claimed (1 for a run that never restarted).
    public let attempts: Int

    /// Finished or diverged: the run's epochs are final and count in the statistics.
    public var isComplete: Bool { status == .finished || status == .diverged }
}
