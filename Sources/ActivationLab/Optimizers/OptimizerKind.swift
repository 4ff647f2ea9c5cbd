/// The optimisers the command line can name.
public enum OptimizerKind: String, Sendable, CaseIterable, Codable, Hashable {
    case sgd, adam, adamw
}
