import Foundation

/// What one re-estimation measured in one hidden layer: the γ failure mode of Vatanen et al. (2013)
/// ("the inputs and outputs of many hidden neurons are close to zero") shows as a high
/// low-variance fraction and many units with γ at its cap.
public struct TransformationDiagnostics: Codable, Sendable, Equatable {
    /// The hidden layer, 1-based.
    public var layer: Int
    /// Its number of units.
    public var units: Int
    /// Fraction of units whose pre-activation variance over the batch is below 1e-3.
    public var lowVarianceFraction: Double
    /// Units with γ within 1% of its cap (10).
    public var gammaAtCap: Int
    public var meanAlpha: Double
    public var meanBeta: Double
    public var meanGamma: Double

    /// The values for `LayerDiagnostics.extra`.
    public var extra: [String: Double] {
        ["low_variance_fraction": lowVarianceFraction, "gamma_at_cap": Double(gammaAtCap),
         "mean_alpha": meanAlpha, "mean_beta": meanBeta, "mean_gamma": meanGamma]
    }

    enum CodingKeys: String, CodingKey {
        case layer, units
        case lowVarianceFraction = "low_variance_fraction"
        case gammaAtCap = "gamma_at_cap"
        case meanAlpha = "mean_alpha"
        case meanBeta = "mean_beta"
        case meanGamma = "mean_gamma"
    }
}

extension ShortcutNetwork {
    /// The variance below which a unit counts as "near zero input".
    public static let lowVarianceThreshold = 1e-3

    /// Re-estimates α, β (and γ for `abg`) of every hidden layer from a batch and compensates the
    /// later layers' weights and biases so that the network function does not change (the authors'
    /// `ltmlp_transform.m`). With `none` or `shortcuts` it only measures the diagnostics.
    ///
    /// First pass, hidden layers bottom-up: recompute x⁽ˡ⁾ with the already-updated layers below;
    /// α_new, β_new from it; with Δα = α_old − α_new, Δβ = β_old − β_new and the current γ, for
    /// every k > l: `b⁽ᵏ⁾ += W⁽ᵏ'ˡ⁾(γ⊙Δα⊙b⁽ˡ⁾ + γ⊙Δβ)` and `W⁽ᵏ'ᵐ⁾ += W⁽ᵏ'ˡ⁾·diag(γ⊙Δα)·W⁽ˡ'ᵐ⁾`
    /// (m < l). Second pass (`abg`), bottom-up: γ_new from x⁽ˡ⁾ and the new α, β;
    /// `W⁽ᵏ'ˡ⁾[:, i] *= γ_old,i / γ_new,i` for every k > l.
    ///
    /// - Parameter batch: `[T, …]` inputs (the current minibatch, optionally with input noise).
    /// - Returns: the diagnostics per hidden layer (also kept in `lastDiagnostics`).
    @discardableResult
    public func reestimate(on batch: Tensor) -> [TransformationDiagnostics] {
        precondition(batch.columns == sizes[0], "\(description): re-estimation batch \(batch.shape)")
        var outputs = [batch.reshaped([batch.rows, sizes[0]])]
        var variances: [[Double]] = []
        for l in 1..<depth {
            let x = preActivation(layer: l, inputs: outputs)
            let estimate = TransformationEstimate(preActivations: x)
            variances.append(estimate.variance)
            if transform.transformsUnits {
                let old = nonlinearities[l - 1]
                let gamma = old.gamma.map(Double.init)
                let deltaAlpha = (0..<sizes[l]).map { gamma[$0] * (Double(old.alpha[$0]) - estimate.alpha[$0]) }
                let deltaBeta = (0..<sizes[l]).map { gamma[$0] * (Double(old.beta[$0]) - estimate.beta[$0]) }
                compensateOffsets(layer: l, scaledDeltaAlpha: deltaAlpha, scaledDeltaBeta: deltaBeta)
                nonlinearities[l - 1].alpha = estimate.alpha.map { Float($0) }
                nonlinearities[l - 1].beta = estimate.beta.map { Float($0) }
            }
            outputs.append(activate(layer: l, x).output)
        }
        if transform == .abg {
            outputs.removeSubrange(1...)
            for l in 1..<depth {
                let x = preActivation(layer: l, inputs: outputs)
                let unit = nonlinearities[l - 1]
                let newGamma = TransformationEstimate.gamma(preActivations: x, alpha: unit.alpha, beta: unit.beta,
                                                            type: gammaType).map { Float($0) }
                let ratio = (0..<sizes[l]).map { unit.gamma[$0] / newGamma[$0] }
                for k in (l + 1)...depth { scaleColumns(of: weight(k, l), by: ratio) }
                nonlinearities[l - 1].gamma = newGamma
                outputs.append(activate(layer: l, x).output)
            }
        }
        lastDiagnostics = (1..<depth).map { l in
            let unit = nonlinearities[l - 1]
            let count = Double(sizes[l])
            let cap = Float(gammaType.cap) * 0.99
            return TransformationDiagnostics(
                layer: l, units: sizes[l],
                lowVarianceFraction: Double(variances[l - 1].filter { $0 < Self.lowVarianceThreshold }.count) / count,
                gammaAtCap: unit.gamma.filter { $0 >= cap }.count,
                meanAlpha: unit.alpha.reduce(0.0) { $0 + Double($1) } / count,
                meanBeta: unit.beta.reduce(0.0) { $0 + Double($1) } / count,
                meanGamma: unit.gamma.reduce(0.0) { $0 + Double($1) } / count)
        }
        return lastDiagnostics
    }

    /// Pushes the part γ⊙(Δα⊙x + Δβ) that layer l's output loses into every later layer.
    /// The bias products are summed in Double; the weight products are one GEMM per (k, m).
    private func compensateOffsets(layer l: Int, scaledDeltaAlpha a: [Double], scaledDeltaBeta c: [Double]) {
        let width = sizes[l]
        let lowerBias = bias(l).value.scalars
        let shift = (0..<width).map { a[$0] * Double(lowerBias[$0]) + c[$0] }
        // diag(γ⊙Δα)·W⁽ˡ'ᵐ⁾ for every m < l, shared by all k.
        let scaledLower: [Tensor] = (0..<l).map { m in
            var scaled = weight(l, m).value
            let inputWidth = sizes[m]
            scaled.withUnsafeMutableBufferPointer { w in
                for i in 0..<width {
                    let factor = Float(a[i])
                    for j in 0..<inputWidth { w[i * inputWidth + j] *= factor }
                }
            }
            return scaled
        }
        for k in (l + 1)...depth {
            let upper = weight(k, l).value
            let height = sizes[k]
            upper.withUnsafeBufferPointer { w in
                bias(k).value.withUnsafeMutableBufferPointer { b in
                    for r in 0..<height {
                        var total = 0.0
                        for i in 0..<width { total += Double(w[r * width + i]) * shift[i] }
                        b[r] = Float(Double(b[r]) + total)
                    }
                }
            }
            for m in 0..<l {
                let target = weight(k, m)
                upper.withUnsafeBufferPointer { w in
                    scaledLower[m].withUnsafeBufferPointer { s in
                        target.value.withUnsafeMutableBufferPointer { t in
                            BLAS.gemm(m: height, n: sizes[m], k: width, a: w.baseAddress!, b: s.baseAddress!,
                                      beta: 1, c: t.baseAddress!)
                        }
                    }
                }
            }
        }
    }

    /// W[:, i] *= factors[i].
    private func scaleColumns(of parameter: Parameter, by factors: [Float]) {
        let width = factors.count
        parameter.value.withUnsafeMutableBufferPointer { w in
            let height = w.count / width
            for r in 0..<height {
                for i in 0..<width { w[r * width + i] *= factors[i] }
            }
        }
    }
}
