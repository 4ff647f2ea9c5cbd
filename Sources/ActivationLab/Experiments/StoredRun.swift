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
    // Schema v2; a run stored before it (or read from a v1 store) has the defaults.
    /// Why the run was trained: a comparison cell, a tuning trial or the pilot. Only `evaluation` runs
    /// count in the analysis (`ComparisonSummary`).
    public var kind: RunKind = .evaluation
    /// Accuracy on the test split after training (nil: not evaluated, e.g. the run did not finish).
    public var testAccuracy: Double? = nil
    /// The head's loss on the test split.
    public var testLoss: Double? = nil
    /// How many test samples `testAccuracy` was measured on.
    public var testCount: Int? = nil
    /// Optimiser steps the run took.
    public var steps: Int? = nil
    /// The steps its budget allowed (steps per epoch × epochs).
    public var stepBudget: Int? = nil

    /// Finished or diverged: the run's epochs are final and count in the statistics.
    public var isComplete: Bool { status == .finished || status == .diverged }
}
