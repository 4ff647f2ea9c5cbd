/// Layers applied one after another; itself a layer, so models nest.
public final class Sequential: Layer {
    public private(set) var layers: [any Layer]

    public init(_ layers: [any Layer]) { self.layers = layers }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var buffers: [Buffer] { layers.flatMap(\.buffers) }
    public var description: String { "Sequential(" + layers.map(\.description).joined(separator: ", ") + ")" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        try layers.reduce(shape) { try $1.outputShape(forInput: $0) }
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        layers.enumerated().reduce(input) { x, layer in
            StepProfile.time("forward \(layer.offset + 1) \(layer.element.description)") { layer.element.forward(x, mode: mode) }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        var gradient = outputGradient
        for (index, layer) in layers.enumerated().reversed() {
            let needed = index > 0 || needsInputGradient
            let next = StepProfile.time("backward \(index + 1) \(layer.description)") {
                layer.backward(gradient, needsInputGradient: needed)
            }
            guard let next else { return nil }
            gradient = next
        }
        return gradient
    }
}
