extension GatedDense: DiagnosticsReporting {
    /// The gate's saturation (|ds/dv| below 5% of its largest slope), dead units (zero output on every
    /// sample of the last forward pass) and the mean ‖∂loss/∂v‖ since the last call.
    public func diagnostics(namePrefix: String) -> [LayerDiagnostics] {
        guard gateInput.rows > 0 else { return [] }
        var slopes = Tensor(zeros: gateInput.shape)
        gateInput.withUnsafeBufferPointer { v in
            gateValue.withUnsafeBufferPointer { g in
                slopes.withUnsafeMutableBufferPointer { d in gate.slope(v, gate: g, adversarial: adversarial, into: d) }
            }
        }
        let largestSlope = abs(gate.derivative(0.0, adversarial: false))  // Φ and σ are steepest at 0
        let norm = gateGradientSteps > 0 ? gateGradientNormSum / Double(gateGradientSteps) : 0
        gateGradientNormSum = 0
        gateGradientSteps = 0
        return [LayerDiagnostics(layer: "\(namePrefix)\(adversarial ? "sa" : "hd-fgd")(\(gate.rawValue))", slopes: slopes,
                                 maximumSlope: largestSlope, output: linear * gateValue, gradientNorm: norm)]
    }
}
