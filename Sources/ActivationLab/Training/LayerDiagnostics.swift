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

extension LayerDiagnostics {
    /// Measures a layer on its last forward pass: the fraction of `slopes` (f′ at every unit activation)
    /// below 5% of `maximumSlope` in magnitude, and the units (columns of `output`) that were zero on
    /// every sample. The measurement `ActivationLayer` and `GatedDense` share.
    init(layer: String, slopes: Tensor, maximumSlope: Double, output: Tensor, gradientNorm: Double) {
        let (samples, units) = (output.rows, output.columns)
        let threshold = Float(0.05 * maximumSlope)
        let saturated = slopes.scalars.reduce(0) { $0 + (abs($1) < threshold ? 1 : 0) }
        var alive = [Bool](repeating: false, count: units)
        output.withUnsafeBufferPointer { y in
            for r in 0..<samples { for j in 0..<units where y[r * units + j] != 0 { alive[j] = true } }
        }
        self.init(layer: layer, units: units, saturatedFraction: Double(saturated) / Double(slopes.count),
                  deadUnits: alive.filter { !$0 }.count, gradientNorm: gradientNorm)
    }
}
