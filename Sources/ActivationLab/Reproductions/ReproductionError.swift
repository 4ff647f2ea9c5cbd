import Foundation

/// A reproduction that cannot run, with a one-line reason. An interruption names the runner's `resume`
/// setting by key, so the CLI can tell it as its flag (`--resume`) with `message(naming:)`.
public enum ReproductionError: Error, CustomStringConvertible, Equatable {
    /// Stopped on request: the finished runs are stored, and a rerun with `resume` redoes the rest.
    case interrupted
    /// Any other reason, as one line.
    case failed(String)

    /// The message, naming the `resume` setting with `name`.
    public func message(naming name: (String) -> String) -> String {
        switch self {
        case .interrupted: "interrupted: finished runs are stored; rerun with \(name("resume"))"
        case .failed(let reason): reason
        }
    }

    public var description: String { message { $0 } }
}
