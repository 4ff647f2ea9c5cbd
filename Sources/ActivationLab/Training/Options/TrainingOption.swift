/// One training option, declared once in `TrainingOption.all`: its key, where it may be set, how it
/// parses and prints, what it must satisfy, and its help line. The CLI flags (`--key`), variant specs
/// (`key=value`), config files (`"key": value`), validation and tuning are all driven by that table.
public struct TrainingOption: Sendable {
    /// Who may set an option.
    public enum Scope: Sendable {
        /// Shared by every run of a comparison: data, model, budget and seed.
        case comparison
        /// May differ between the variants of a comparison.
        case variant
    }

    /// The name in variant specs and config files, and the CLI flag without `--`: `lr`, `batch-size`.
    public let key: String
    public let scope: Scope
    /// One line for `--help`.
    public let help: String
    /// A Boolean switch: `--hdfgd` on the command line, a bare `hdfgd` in a variant, `true` in a config file.
    public let isFlag: Bool
    /// For numeric options: reads and writes the value as a Double, for tuning.
    public let numeric: NumericAccess?

    let read: @Sendable (TrainingConfiguration) -> String
    let write: @Sendable (inout TrainingConfiguration, String) throws -> Void
    let check: @Sendable (TrainingConfiguration) throws -> Void

    /// Reads and writes a numeric option as a Double (integers round to the nearest).
    public struct NumericAccess: Sendable {
        public let get: @Sendable (TrainingConfiguration) -> Double
        public let set: @Sendable (inout TrainingConfiguration, Double) -> Void
    }

    private init(key: String, scope: Scope, help: String, isFlag: Bool, numeric: NumericAccess?,
                 read: @escaping @Sendable (TrainingConfiguration) -> String,
                 write: @escaping @Sendable (inout TrainingConfiguration, String) throws -> Void,
                 check: @escaping @Sendable (TrainingConfiguration) throws -> Void) {
        (self.key, self.scope, self.help, self.isFlag, self.numeric) = (key, scope, help, isFlag, numeric)
        (self.read, self.write, self.check) = (read, write, check)
    }

    /// An option stored at `path`, parsed by its type's `OptionValue` conformance.
    public init<Value: OptionValue>(_ key: String, _ path: WritableKeyPath<TrainingConfiguration, Value> & Sendable,
                                    scope: Scope = .variant, require requirement: Requirement<Value>? = nil,
                                    help: String) {
        let numeric = Value(numericValue: 0) == nil ? nil : NumericAccess(
            get: { $0[keyPath: path].numericValue ?? .nan },
            set: { configuration, number in
                if let value = Value(numericValue: number) { configuration[keyPath: path] = value }
            })
        self.init(key: key, scope: scope, help: help, isFlag: Value.self == Bool.self, numeric: numeric,
                  read: { $0[keyPath: path].optionText },
                  write: { configuration, text in
                      guard let value = Value(optionText: text) else {
                          if let reason = Value.parseFailure(text) { throw ConfigurationError.rejected(key: key, reason: reason) }
                          throw ConfigurationError.invalidValue(key: key, requirement: Value.expected, got: "'\(text)'")
                      }
                      configuration[keyPath: path] = value
                  },
                  check: { configuration in
                      let value = configuration[keyPath: path]
                      if let requirement, !requirement.holds(value) {
                          throw ConfigurationError.invalidValue(key: key, requirement: requirement.text, got: value.optionText)
                      }
                      if let number = SinglePrecision.number(value), !SinglePrecision.holds(number) {
                          throw ConfigurationError.invalidValue(key: key, requirement: SinglePrecision.requirement, got: value.optionText)
                      }
                  })
    }

    /// A text option whose value a catalog checks (activation, head, model). `canonical` turns an
    /// accepted value into the one stored (an alias into its catalog name).
    public init(_ key: String, _ path: WritableKeyPath<TrainingConfiguration, String> & Sendable, scope: Scope = .variant,
                help: String, checkedBy validate: @escaping @Sendable (String) throws -> Void,
                canonical: @escaping @Sendable (String) -> String = { $0 }) {
        @Sendable func checked(_ text: String) throws {
            do { try validate(text) } catch { throw ConfigurationError.rejected(key: key, reason: "\(error)") }
        }
        self.init(key: key, scope: scope, help: help, isFlag: false, numeric: nil,
                  read: { $0[keyPath: path] },
                  write: { configuration, text in
                      try checked(text)
                      configuration[keyPath: path] = canonical(text)
                  },
                  check: { try checked($0[keyPath: path]) })
    }

    /// The value in `configuration`, as text.
    public func value(in configuration: TrainingConfiguration) -> String { read(configuration) }

    /// Sets the option from text; throws `ConfigurationError` naming the key if the text does not parse.
    /// Range checks (`validate`) are separate, so a value may be set before the options it depends on.
    public func set(_ text: String, in configuration: inout TrainingConfiguration) throws { try write(&configuration, text) }

    /// Throws `ConfigurationError` if the option's value in `configuration` is out of range.
    public func validate(_ configuration: TrainingConfiguration) throws { try check(configuration) }

    /// The default value, as text.
    public var defaultText: String { read(TrainingConfiguration()) }
}
