import Foundation
import Testing
@testable import ActivationLab

/// One table for the whole catalog: every entry (at its default and at a non-default parameter)
/// and both adversarial partners of each, checked the same way.
@Suite struct ActivationCatalogTests {
    /// Every catalog name, a few non-default parameters, and each one's two partners.
    static let specs: [String] = {
        let bases = ActivationCatalog.entries.map(\.name)
            + ["leaky-relu:0.2", "elu:0.5", "elu:2", "penalized-tanh:0.5"]
        return bases + bases.map { "adversarial(\($0))" } + bases.map { "reflect(\($0))" }
    }()

    /// Points for derivative checks: no point within 0.01 of the kinks at 0.
    static let smoothGrid: [Double] = (0..<51).map { -7.3 + 0.29 * Double($0) }

    /// Float kernel tolerance on |x| ≤ 20: |kernel − exact| ≤ 4e-6 · max(1, |exact|). FastMath.tanh is
    /// within 2e-7; the flip partners' c·x − f(x) cancels to a few ulps of |x| (measured worst case
    /// 1.2e-6, for adversarial(silu) and adversarial(leaky-relu)).
    static let kernelTolerance = 4e-6

    private func make(_ spec: String) throws -> any Activation { try ActivationCatalog.activation(named: spec) }

    @Test(arguments: specs)
    func derivativeMatchesCentralDifferences(_ spec: String) throws {
        let f = try make(spec)
        let h = 1e-5
        for x in Self.smoothGrid {
            let numeric = (f.value(x + h) - f.value(x - h)) / (2 * h)
            let analytic: Double = f.derivative(x)
            #expect(abs(numeric - analytic) <= 1e-6 * max(1, abs(analytic)), "\(spec) at \(x): \(analytic) vs \(numeric)")
        }
    }

    @Test(arguments: specs)
    func floatKernelsAgreeWithDoubleFormulas(_ spec: String) throws {
        let f = try make(spec)
        // More than two of AdversarialPartner's chunks, and not a multiple of one.
        let xs: [Float] = (0..<4201).map { -20 + 40 * Float($0) / 4201 } + [-1e-3, 1e-3, 0.5, -0.5]
        #expect(xs.count > 2 * AdversarialPartner.chunk && xs.count % AdversarialPartner.chunk != 0)
        let dy: [Float] = xs.indices.map { Float(($0 * 37) % 19) / 9 - 1 }
        let (y, dx) = f.kernels(x: xs, outputGradient: dy)
        for i in xs.indices {
            let x = Double(xs[i])
            let value: Double = f.value(x)
            let gradient = Double(dy[i]) * f.derivative(x)
            #expect(abs(Double(y[i]) - value) <= Self.kernelTolerance * max(1, abs(value)),
                    "\(spec) forward at \(x): \(y[i]) vs \(value)")
            #expect(abs(Double(dx[i]) - gradient) <= Self.kernelTolerance * max(1, abs(gradient)),
                    "\(spec) backward at \(x): \(dx[i]) vs \(gradient)")
        }
    }

    @Test(arguments: specs)
    func extremeInputsStayFinite(_ spec: String) throws {
        let f = try make(spec)
        let extremes: [Float] = [-300, 300, -1000, 1000, -88.8, 88.8]
        for x in extremes {
            #expect(f.value(Double(x)).isFinite && f.derivative(Double(x)).isFinite, "\(spec) Double at \(x)")
            #expect(f.value(x).isFinite && f.derivative(x).isFinite, "\(spec) Float at \(x)")
        }
        let y = f(Tensor(shape: [extremes.count], scalars: extremes))
        #expect(y.isFinite, "\(spec) forward kernel: \(y.scalars)")
        let layer = ActivationLayer(f)
        _ = layer.forward(Tensor(shape: [1, extremes.count], scalars: extremes), mode: .training)
        let dx = layer.backward(Tensor(repeating: 1, shape: [1, extremes.count]))
        #expect(dx.isFinite, "\(spec) backward kernel: \(dx.scalars)")
    }

    @Test(arguments: specs)
    func derivativeStaysWithinItsBoundsAndReachesThem(_ spec: String) throws {
        let f = try make(spec)
        let bounds = f.derivativeBounds
        var (low, high) = (Double.infinity, -Double.infinity)
        for k in 0...16_000 {
            let d: Double = f.derivative(-40 + 0.005 * Double(k))
            low = min(low, d)
            high = max(high, d)
        }
        #expect(low >= bounds.lowerBound - 1e-12 && high <= bounds.upperBound + 1e-12,
                "\(spec): f' over the grid spans \(low)...\(high), bounds \(bounds)")
        // The bounds must be tight, or the flip partner (M + m − f') is shifted.
        #expect(low <= bounds.lowerBound + 1e-2 && high >= bounds.upperBound - 1e-2,
                "\(spec): f' over the grid spans \(low)...\(high), bounds \(bounds) are loose")
    }

    @Test(arguments: specs)
    func namesRoundTripThroughTheParser(_ spec: String) throws {
        let f = try make(spec)
        let again = try make(f.name)
        #expect(again.name == f.name)
        for x in [-1.7, 0.3, 2.9] { #expect(again.value(x) == f.value(x), "\(spec) → \(f.name)") }
    }

    // MARK: Parsing

    @Test func parsesParameters() throws {
        let leaky = try #require(try make("leaky-relu:0.25") as? LeakyReLU)
        #expect(leaky.slope == 0.25)
        #expect((try make("leaky-relu") as? LeakyReLU)?.slope == 0.01)
        #expect((try make("very-leaky-relu") as? LeakyReLU)?.slope == 0.25)
        #expect((try make("penalized-tanh") as? PenalizedTanh)?.a == 0.25)
        #expect((try make("penalized-tanh:0.1") as? PenalizedTanh)?.a == 0.1)
        let partner = try #require(try make("adversarial(leaky-relu:0.3)") as? AdversarialPartner)
        #expect(partner.reading == .flip && (partner.base as? LeakyReLU)?.slope == 0.3)
        #expect((try make("reflect(gelu)") as? AdversarialPartner)?.reading == .reflect)
    }

    @Test(arguments: [
        ("swish2", "unknown activation 'swish2'"),
        ("relu:0.1", "takes no parameter"),
        ("very-leaky-relu:0.3", "takes no parameter"),
        ("leaky-relu:abc", "must be a number"),
        ("leaky-relu:nan", "must be a number"),
        ("penalized-tanh:inf", "must be a number"),
        ("adversarial(nope)", "unknown activation 'nope'"),
        ("adversarial(tanh", "unknown activation 'adversarial(tanh'"),
        ("reflect()", "unknown activation ''"),
    ])
    func rejectsBadNames(_ spec: String, _ message: String) {
        #expect {
            _ = try ActivationCatalog.activation(named: spec)
        } throws: { error in
            (error as? ActivationError)?.description.contains(message) == true
        }
    }

    // MARK: Known values (computed here from Foundation's functions, not from the catalog)

    @Test func revisedSaturatedKnownValues() throws {
        let scaled = try make("scaled-sigmoid"), penalized = try make("penalized-tanh")
        #expect(abs(scaled.value(1.0) - 0.924234) < 1e-6)
        #expect(scaled.value(0.0) == 0 && scaled.derivative(0.0) == 1)
        #expect(abs(scaled.value(1e-6 as Double) - (4 / (1 + exp(-1e-6)) - 2)) < 1e-15)
        #expect(abs(penalized.value(1.0) - 0.761594) < 1e-6)
        #expect(abs(penalized.value(-1.0) - (-0.190399)) < 1e-6)
        #expect(penalized.value(0.0) == 0)
        #expect(penalized.derivative(0.0) == 0.25, "the documented left-hand slope at 0")
        #expect(abs(penalized.derivative(0.5) - (1 - pow(tanh(0.5), 2))) < 1e-15)
        #expect(abs(penalized.derivative(-0.5) - 0.25 * (1 - pow(tanh(0.5), 2))) < 1e-15)
        #expect(try make("very-leaky-relu").value(-2.0) == -0.5)
        // The Float kernels give the same values.
        let y = scaled(Tensor(shape: [3], scalars: [1, 0, -1]))
        #expect(abs(y[flat: 0] - 0.924234) < 1e-6 && y[flat: 1] == 0 && abs(y[flat: 2] + 0.924234) < 1e-6)
        let p = penalized(Tensor(shape: [2], scalars: [1, -1]))
        #expect(abs(p[flat: 0] - 0.761594) < 1e-6 && abs(p[flat: 1] + 0.190399) < 1e-6)
    }

    @Test func flipPartnersHaveTheDocumentedFormulas() throws {
        func sigma(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
        func softplus(_ x: Double) -> Double { log1p(exp(x)) }
        let expected: [(String, (Double) -> Double)] = [
            ("relu", { min($0, 0) }),
            ("leaky-relu:0.2", { $0 > 0 ? 0.2 * $0 : $0 }),
            ("very-leaky-relu", { $0 > 0 ? 0.25 * $0 : $0 }),
            ("tanh", { $0 - tanh($0) }),
            ("sigmoid", { $0 / 4 - sigma($0) + 0.5 }),
            ("gelu", { $0 * phi(-$0) }),
            ("silu", { $0 * sigma(-$0) }),
            ("softplus", { -softplus(-$0) + log(2) }),
            ("elu", { $0 > 0 ? 0 : $0 - expm1($0) }),
            ("scaled-sigmoid", { $0 - 2 * tanh($0 / 2) }),
            ("identity", { $0 }),
        ]
        for (name, g) in expected {
            let partner = try make(name).adversarialPartner()
            for x in [-3.1, -0.7, 0.4, 2.2] {
                #expect(abs(partner.value(x) - g(x)) < 1e-12, "adversarial(\(name)) at \(x)")
            }
        }
    }

    @Test func reflectPartnersAreMinusFOfMinusX() throws {
        func softplus(_ x: Double) -> Double { log1p(exp(x)) }
        for x in [-3.1, -0.7, 0.4, 2.2] {
            #expect(abs(try make("reflect(softplus)").value(x) - (-softplus(-x))) < 1e-12)
            #expect(abs(try make("reflect(relu)").value(x) - min(x, 0)) < 1e-15)
            // Odd functions are their own reflection: the reading is useless for them.
            #expect(abs(try make("reflect(tanh)").value(x) - tanh(x)) < 1e-15)
            #expect(abs(try make("reflect(scaled-sigmoid)").value(x) - 2 * tanh(x / 2)) < 1e-15)
        }
        // For the ReLU family, GELU and SiLU both readings are the same function.
        for name in ["relu", "leaky-relu", "gelu", "silu"] {
            let flip = try make("adversarial(\(name))"), reflect = try make("reflect(\(name))")
            for x in Self.smoothGrid { #expect(abs(flip.value(x) - reflect.value(x)) < 1e-12, "\(name) at \(x)") }
        }
    }

    @Test func partnerDerivativeFlipsTheBaseDerivativeGraph() throws {
        // ReLU: 1 for x < 0, 0 for x > 0; tanh: tanh²; sigmoid: ¼ − σ'.
        let relu = try make("adversarial(relu)"), tanhPartner = try make("adversarial(tanh)")
        #expect(relu.derivative(-0.5) == 1 && relu.derivative(0.5) == 0)
        for x in [-2.0, 0.3, 1.7] {
            #expect(abs(tanhPartner.derivative(x) - tanh(x) * tanh(x)) < 1e-15)
            let s = 1 / (1 + exp(-x))
            #expect(abs(try make("adversarial(sigmoid)").derivative(x) - (0.25 - s * (1 - s))) < 1e-15)
        }
    }

    @Test func alternationScheduleAlternates() throws {
        let tanh = try make("tanh")
        let first = AlternationSchedule(base: tanh).activations(count: 4).map(\.name)
        #expect(first == ["tanh", "adversarial(tanh)", "tanh", "adversarial(tanh)"])
        let second = AlternationSchedule(base: tanh, reading: .reflect, start: .partner).activations(count: 3).map(\.name)
        #expect(second == ["reflect(tanh)", "tanh", "reflect(tanh)"])
    }
}
