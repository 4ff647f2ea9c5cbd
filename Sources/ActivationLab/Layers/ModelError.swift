/// A model or layer configuration that cannot work, with a message fit for the command line.
public struct ModelError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
