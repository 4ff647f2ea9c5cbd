import Foundation

/// An experiment as stored.
public struct Experiment: Sendable, Equatable {
    public let id: Int64
    public let spec: ExperimentSpec
    public let createdAt: Date
}
