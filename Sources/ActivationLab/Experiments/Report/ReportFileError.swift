/// A report file that cannot be written: the path and the system's reason, kept apart so that a caller can
/// name where the path came from (the CLI prefixes the flag that gave it).
public struct ReportFileError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "cannot write \(path): \(reason)" }
}
