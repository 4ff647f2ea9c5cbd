/// Training computes in Float32, so a Double option whose value rounds to 0, a subnormal or ∞ there would
/// silently train with another value (`--lr 1e-50` trains at 0, `--lr 1e39` at ∞). Such values are refused.
enum SinglePrecision {
    /// Completes "must be …".
    static let requirement = "representable in single precision (0, or a magnitude from 1.2e-38 to 3.4e38)"

    /// Whether `number` survives the conversion to Float32 as a usable value.
    static func holds(_ number: Double) -> Bool { number == 0 || Float(number).isNormal }

    /// The value of a Double (or optional Double) option, nil for options of other types.
    static func number<Value>(_ value: Value) -> Double? {
        if let number = value as? Double { return number }
        if let optional = value as? Double? { return optional }
        return nil
    }
}
