/// A message about training options that names them by key, so each front end can spell the names
/// its own way: the library as the key (`lr`), the command line as its flag (`--lr`).
///
/// The text marks option keys as `{key}`: `"{lr} must be a positive number, got -0.1"`.
public struct OptionMessage: Sendable, Equatable, CustomStringConvertible {
    public let template: String

    public init(_ template: String) { self.template = template }

    /// The text with every `{key}` replaced by `name(key)`.
    public func rendered(naming name: (String) -> String) -> String {
        var result = "", rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            result += name(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The text with the option keys as they are (`lr must be …`).
    public var description: String { rendered { $0 } }
}
