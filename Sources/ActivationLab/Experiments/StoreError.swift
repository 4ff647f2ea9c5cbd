/// A run store that cannot be opened, read or written; one line naming the file and the problem.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// A store whose file or content is damaged: "store X is damaged: …; it was not modified".
    /// - Parameter modified: this process had committed writes to the store before the damage showed;
    ///   each was one whole transaction, which the message says instead.
    public static func damaged(store path: String, _ problem: String, modified: Bool = false) -> StoreError {
        let problem = problem.hasSuffix(".") ? String(problem.dropLast()) : problem
        return StoreError("store \(path) is damaged: \(problem); "
            + (modified ? "only whole transactions were written to it before this was found" : "it was not modified"))
    }
}

/// A stored value that cannot be decoded (a JSON column, an unknown kind); `RunStore` tells it as
/// `StoreError.damaged` with the store's path.
struct StoreDamage: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
