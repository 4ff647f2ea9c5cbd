/// A report file that cannot be written. The path and the system's reason are kept apart so that a caller
/// can name where the path came from (the CLI prefixes the flag that gave it).
public enum ReportFileError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): "cannot write \(path): \(reason)"
        }
    }
}
