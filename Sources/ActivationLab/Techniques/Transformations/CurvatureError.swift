/// A curvature analysis that cannot be carried out, with a one-line reason.
public struct CurvatureError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
