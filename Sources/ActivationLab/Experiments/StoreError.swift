/// A run store that cannot be opened, read or written; one line naming the file and the problem.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
