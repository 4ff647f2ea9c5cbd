/// A training configuration that cannot work. Descriptions name options by their key (`lr`,
/// `batch-size`); `message(naming:)` lets a front end name them its own way (the CLI: `--lr`).
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A value outside what the option accepts, e.g. `lr` must be a positive number.
    case invalidValue(key: String, requirement: String, got: String)
    /// A value the option's parser or catalog refuses, with the reason: `schedule: unknown schedule 'exp'; …`.
    case rejected(key: String, reason: String)
    /// An option key the table does not know; `suggestion` is the nearest known key.
    case unknownOption(String, suggestion: String?)
    /// An option given without its value.
    case missingValue(key: String)
    /// Values that cannot be combined, or a value that needs another option.
    case incompatible(OptionMessage)

    /// The option the error is about, when it is about one.
    public var key: String? {
        switch self {
        case let .invalidValue(key, _, _), let .rejected(key, _), let .missingValue(key): key
        case let .unknownOption(key, _): key
        case .incompatible: nil
        }
    }

    /// The message, naming each option with `name(key)`.
    public func message(naming name: (String) -> String) -> String {
        switch self {
        case let .invalidValue(key, requirement, got): "\(name(key)) must be \(requirement), got \(got)"
        case let .rejected(key, reason): "\(name(key)): \(reason)"
        case let .unknownOption(key, suggestion):
            "unknown option \(name(key))" + (suggestion.map { "; did you mean \(name($0))?" } ?? "")
        case let .missingValue(key): "\(name(key)) needs a value"
        case let .incompatible(message): message.rendered(naming: name)
        }
    }

    public var description: String { message { $0 } }
}
