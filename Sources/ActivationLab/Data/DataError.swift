/// A dataset that cannot be found or read, with a message that names the file and the problem.
public struct DataError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
