/// How a training run ended.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Still training (or killed before it could say otherwise).
    case running
    /// Completed its epoch budget or stopped early.
    case finished
    /// A loss or weight became non-finite, or a loss blew up past `DivergenceRule`'s limit; training stopped.
    case diverged
    /// Could not run (bad configuration, I/O error); the reason is stored.
    case failed
}
