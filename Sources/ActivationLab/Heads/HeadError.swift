/// A head name or option the library does not know.
public struct HeadError: Error, CustomStringConvertible {
    public let description: String
}
