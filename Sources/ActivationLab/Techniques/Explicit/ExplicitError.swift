/// An explicit solve that cannot run on the given data or options, with one line naming the dataset
/// (or option) and what is wrong.
public struct ExplicitError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
