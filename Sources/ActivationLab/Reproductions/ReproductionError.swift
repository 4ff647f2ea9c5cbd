import Foundation

/// A reproduction that cannot run, with a one-line reason.
public struct ReproductionError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
