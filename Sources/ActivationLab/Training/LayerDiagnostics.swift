/// Diagnostics for one activation layer over one epoch.
public struct LayerDiagnostics: Codable, Sendable, Equatable {
    /// The layer's position and activation, e.g. `"1:tanh"`.
    public var layer: String
    /// The number of units (features or channels × positions) the layer outputs.
    public var units: Int
    /// Fraction of unit activations whose |f'(x)| is below 5% of the activation's maximum slope.
    public var saturatedFraction: Double
    /// Units whose output was zero for every sample of a validation batch.
    public var deadUnits: Int
    /// The norm of ∂loss/∂(pre-activation), averaged over the epoch's steps.
    public var gradientNorm: Double
    /// Technique-specific counters, e.g. `"gamma_at_cap"`, `"low_variance_fraction"`.
    public var extra: [String: Double]

    public init(layer: String, units: Int, saturatedFraction: Double, deadUnits: Int,
                gradientNorm: Double, extra: [String: Double] = [:]) {
        self.layer = layer
        self.units = units
        self.saturatedFraction = saturatedFraction
        self.deadUnits = deadUnits
        self.gradientNorm = gradientNorm
        self.extra = extra
    }

    enum CodingKeys: String, CodingKey {
        case layer, units, extra
        case saturatedFraction = "saturated_fraction"
        case deadUnits = "dead_units"
        case gradientNorm = "gradient_norm"
    }
}
