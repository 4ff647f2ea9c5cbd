import Foundation

/// A type a training option can hold: it parses from the text of a flag, a variant spec or a config
/// file, and prints back to the same text (so a configuration round-trips through its spec).
public protocol OptionValue: Sendable, Equatable {
    /// Parses `text`; nil if it is not a value of this type.
    init?(optionText text: String)
    /// The canonical text of the value.
    var optionText: String { get }
    /// What a valid text looks like, for errors: "a number", "none, ab or abg".
    static var expected: String { get }
    /// Why `text` does not parse, when there is more to say than `expected` (e.g. which part of a
    /// schedule is wrong); nil uses "must be <expected>".
    static func parseFailure(_ text: String) -> String?
    /// The value as a number, for options that can be tuned; nil for the others.
    var numericValue: Double? { get }
    /// The value nearest to `number`, for numeric options; nil for the others.
    init?(numericValue number: Double)
}

extension OptionValue {
    public static func parseFailure(_ text: String) -> String? { nil }
    public var numericValue: Double? { nil }
    public init?(numericValue number: Double) { return nil }
}

/// "a, b or c".
func choiceList(_ names: [String]) -> String {
    names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
}

extension Double: OptionValue {
    public init?(optionText text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
    public var optionText: String { "\(self)" }
    public static var expected: String { "a number" }
    public var numericValue: Double? { self }
    public init?(numericValue number: Double) { self = number }
}

extension Int: OptionValue {
    public init?(optionText text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
    public var optionText: String { "\(self)" }
    public static var expected: String { "an integer" }
    public var numericValue: Double? { Double(self) }
    public init?(numericValue number: Double) {
        guard let value = Int(exactly: number.rounded()) else { return nil }
        self = value
    }
}

extension UInt64: OptionValue {
    public init?(optionText text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
    public var optionText: String { "\(self)" }
    public static var expected: String { "a non-negative integer" }
}

extension String: OptionValue {
    public init?(optionText text: String) { self = text }
    public var optionText: String { self }
    public static var expected: String { "a text" }
}

extension Bool: OptionValue {
    public init?(optionText text: String) {
        switch text.lowercased() {
        case "true", "yes", "on", "1": self = true
        case "false", "no", "off", "0": self = false
        default: return nil
        }
    }
    public var optionText: String { self ? "true" : "false" }
    public static var expected: String { "true or false" }
}

/// `nil` is written as an empty text or `none` (for options such as `patience` that are off by default).
extension Optional: OptionValue where Wrapped: OptionValue {
    public init?(optionText text: String) {
        if text.isEmpty || text == "none" { self = .none; return }
        guard let value = Wrapped(optionText: text) else { return nil }
        self = .some(value)
    }
    public var optionText: String { map(\.optionText) ?? "none" }
    public static var expected: String { Wrapped.expected + " or none" }
    public static func parseFailure(_ text: String) -> String? { Wrapped.parseFailure(text) }
}

/// A closed set of named choices, parsed by raw value: `transform=abg`, `optimizer=adam`.
public protocol OptionChoice: OptionValue, CaseIterable, RawRepresentable {}

extension OptionChoice where RawValue == String {
    public init?(optionText text: String) { self.init(rawValue: text) }
    public var optionText: String { rawValue }
    public static var expected: String { choiceList(allCases.map(\.rawValue)) }
}

extension OptionChoice where RawValue == Int {
    public init?(optionText text: String) {
        guard let number = Int(text) else { return nil }
        self.init(rawValue: number)
    }
    public var optionText: String { "\(rawValue)" }
    public static var expected: String { choiceList(allCases.map { "\($0.rawValue)" }) }
}
