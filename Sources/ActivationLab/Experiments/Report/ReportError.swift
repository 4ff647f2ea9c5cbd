/// A report that cannot be made or written; one line naming the experiment or file and the problem.
public struct ReportError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
