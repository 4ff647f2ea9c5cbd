/// A layer that reports its own per-layer diagnostics (e.g. transformed or gated units).
public protocol DiagnosticsReporting: Layer {
    /// Diagnostics measured on the most recent evaluation-mode forward pass.
    func diagnostics(namePrefix: String) -> [LayerDiagnostics]
}
