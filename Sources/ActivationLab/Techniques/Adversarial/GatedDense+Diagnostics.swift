extension GatedDense: DiagnosticsReporting {
    /// The gate's saturation (|ds/dv| below 5% of its largest slope), dead units (zero output on every
    /// sample of the last forward pass) and the mean ‖∂loss/∂v‖ since the last call.
    public func diagnostics(namePrefix: String) -> [LayerDiagnostics] {
        let (samples, units) = (gateInput.rows, gateInput.columns)
        guard samples > 0 else { return [] }
        var slopes = Tensor(zeros: gateInput.shape)
        gateInput.withUnsafeBufferPointer { v in
            gateValue.withUnsafeBufferPointer { g in
                slopes.withUnsafeMutableBufferPointer { d in gate.slope(v, gate: g, adversarial: adversarial, into: d) }
            }
        }
        let largestSlope = abs(gate.derivative(0.0, adversarial: false))  // Φ and σ are steepest at 0
        let threshold = Float(0.05 * largestSlope)
        let saturated = slopes.scalars.reduce(0) { $0 + (abs($1) < threshold ? 1 : 0) }
        let output = linear * gateValue
        var alive = [Bool](repeating: false, count: units)
        output.withUnsafeBufferPointer { y in
            for r in 0..<samples { for j in 0..<units where y[r * units + j] != 0 { alive[j] = true } }
        }
        let norm = gateGradientSteps > 0 ? gateGradientNormSum / Double(gateGradientSteps) : 0
        gateGradientNormSum = 0
        gateGradientSteps = 0
        return [LayerDiagnostics(layer: "\(namePrefix)\(adversarial ? "sa" : "hd-fgd")(\(gate.rawValue))", units: units,
                                 saturatedFraction: Double(saturated) / Double(slopes.count),
                                 deadUnits: alive.filter { !$0 }.count, gradientNorm: norm)]
    }
}
