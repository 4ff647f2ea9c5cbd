import Foundation
import Testing
@testable import ActivationLab

/// PyTorch (float64) reference values written by `scripts/golden_values.py` into `golden.json`, next to
/// this file. Regenerate with `python3 scripts/golden_values.py`; the tests never run Python.
struct Golden: Decodable {
    struct ActivationCase: Decodable {
        let name: String
        let points: [Double]
        let value: [Double]
        let derivative: [Double]
    }

    struct HeadCase: Decodable {
        let name: String
        let options: HeadOptions
        let logits: [[Double]]
        let labels: [Int32]
        let loss: Double
        let gradient: [[Double]]
    }

    let torch: String
    let activations: [ActivationCase]
    let heads: [HeadCase]

    static func load() throws -> Golden {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("golden.json")
        return try JSONDecoder().decode(Golden.self, from: Data(contentsOf: url))
    }
}

@Suite("Golden values from PyTorch")
struct GoldenTests {
    /// Activations every build must have. scaled-sigmoid and penalized-tanh (Xu et al. 2016) are added by
    /// the revised-saturated work: they are compared here whenever the catalog has them, and their
    /// presence in the catalog is asserted by the activations' own test file, not here.
    static let standardActivations = ["identity", "sigmoid", "tanh", "relu", "leaky-relu", "leaky-relu:0.25",
                                      "elu", "softplus", "gelu", "silu"]
    static let revisedSaturated = ["scaled-sigmoid", "penalized-tanh"]

    static func close(_ ours: Double, _ reference: Double, relative: Double, absolute: Double) -> Bool {
        abs(ours - reference) <= relative * abs(reference) + absolute
    }

    @Test("The golden file covers every standard activation and every head, and nothing unknown")
    func coverage() throws {
        let golden = try Golden.load()
        let names = golden.activations.map(\.name)
        #expect(Set(names) == Set(Self.standardActivations + Self.revisedSaturated))
        for name in Self.standardActivations {
            #expect(ActivationCatalog.entry(named: name) != nil, "catalog lacks \(name)")
        }
        #expect(Set(golden.heads.map(\.name)) == Set(HeadCatalog.names))
    }

    @Test("Double value and derivative of each activation match PyTorch")
    func activationsInDouble() throws {
        for reference in try Golden.load().activations {
            guard ActivationCatalog.entry(named: reference.name) != nil else {
                // Only the revised-saturated pair may be absent (see `revisedSaturated`).
                #expect(Self.revisedSaturated.contains(reference.name), "catalog lacks \(reference.name)")
                continue
            }
            let activation = try ActivationCatalog.activation(named: reference.name)
            for (i, x) in reference.points.enumerated() {
                let (value, derivative) = (activation.value(x), activation.derivative(x))
                #expect(Self.close(value, reference.value[i], relative: 1e-10, absolute: 1e-14),
                        "\(reference.name)(\(x)) = \(value), torch \(reference.value[i])")
                #expect(Self.close(derivative, reference.derivative[i], relative: 1e-10, absolute: 1e-14),
                        "\(reference.name)'(\(x)) = \(derivative), torch \(reference.derivative[i])")
            }
        }
    }

    @Test("Float forward and backward kernels of each activation match PyTorch")
    func activationKernels() throws {
        for reference in try Golden.load().activations where ActivationCatalog.entry(named: reference.name) != nil {
            let activation = try ActivationCatalog.activation(named: reference.name)
            let x = reference.points.map(Float.init)
            var y = [Float](repeating: 0, count: x.count)
            var dx = [Float](repeating: 0, count: x.count)
            let ones = [Float](repeating: 1, count: x.count)
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeMutableBufferPointer { activation.forward(xs, into: $0) }
                y.withUnsafeBufferPointer { ys in
                    ones.withUnsafeBufferPointer { dy in
                        dx.withUnsafeMutableBufferPointer {
                            activation.backward(x: xs, y: ys, outputGradient: dy, into: $0)
                        }
                    }
                }
            }
            for i in x.indices {
                #expect(Self.close(Double(y[i]), reference.value[i], relative: 1e-5, absolute: 1e-6),
                        "\(reference.name) forward(\(x[i])) = \(y[i]), torch \(reference.value[i])")
                #expect(Self.close(Double(dx[i]), reference.derivative[i], relative: 1e-5, absolute: 1e-6),
                        "\(reference.name) backward(\(x[i])) = \(dx[i]), torch \(reference.derivative[i])")
            }
        }
    }

    @Test("Each head's loss and δ match PyTorch (cross_entropy and autograd of the loss forms)")
    func heads() throws {
        for reference in try Golden.load().heads {
            let head = try HeadCatalog.head(named: reference.name, options: reference.options)
            let classes = reference.logits[0].count
            let logits = Tensor(shape: [reference.logits.count, classes],
                                scalars: reference.logits.flatMap { $0.map(Float.init) })
            let result = head.evaluate(logits: logits, labels: reference.labels)
            let what = "\(reference.name) \(reference.options)"
            #expect(Self.close(result.loss, reference.loss, relative: 1e-9, absolute: 1e-12),
                    "\(what): loss \(result.loss), torch \(reference.loss)")
            for (i, expected) in reference.gradient.joined().enumerated() {
                #expect(Self.close(Double(result.gradient[flat: i]), expected, relative: 1e-5, absolute: 1e-7),
                        "\(what): δ[\(i)] = \(result.gradient[flat: i]), torch \(expected)")
            }
        }
    }
}
