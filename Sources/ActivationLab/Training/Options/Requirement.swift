/// What a parsed option value must satisfy, with the words the error uses:
/// `lr must be a positive number, got -0.1`.
public struct Requirement<Value>: Sendable {
    /// Completes "must be …".
    public let text: String
    public let holds: @Sendable (Value) -> Bool

    public init(_ text: String, _ holds: @escaping @Sendable (Value) -> Bool) {
        self.text = text
        self.holds = holds
    }
}

extension Requirement where Value == Double {
    public static let positive = Requirement("a positive number") { $0.isFinite && $0 > 0 }
    public static let nonNegative = Requirement("≥ 0") { $0.isFinite && $0 >= 0 }
    /// [0, 1): momentum.
    public static let belowOne = Requirement("in [0, 1)") { $0 >= 0 && $0 < 1 }
    /// (0, 1): a fraction that leaves something on both sides.
    public static let openFraction = Requirement("in (0, 1)") { $0 > 0 && $0 < 1 }
}

extension Requirement where Value == Int {
    public static let positive = Requirement("a positive integer") { $0 > 0 }
    /// A positive integer no larger than `limit` (a size that is allocated or looped over).
    public static func positive(atMost limit: Int) -> Requirement {
        Requirement("a positive integer up to \(limit)") { $0 > 0 && $0 <= limit }
    }
}

extension Requirement where Value == Int? {
    /// Off (nil) or a positive integer.
    public static let positiveIfSet = Requirement("a positive integer") { $0.map { $0 > 0 } ?? true }
}
