/// The floating-point operations of one training step, per sample, counted from a model's layers:
/// what `actlab bench` divides by to turn samples/s into GFLOP/s.
///
/// Only matrix products count, at 2 FLOPs per multiply-add: each convolution and fully connected layer's
/// forward product, its weight gradient, and its input gradient unless it is the network's first layer
/// (whose input gradient is never computed). Element-wise work (activations, pooling, normalisation,
/// bias, optimiser) is left out — it is a few percent of the products in these networks — which is
/// also how `torch.utils.flop_counter` counts, so bench/pytorch_bench.py's count is comparable.
public protocol FLOPCounting {
    /// FLOPs of forward + backward for one sample of `shape`; `needsInputGradient` as in `backward`.
    func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool) throws -> Int
}

extension Layer {
    /// FLOPs of one training step per sample (see `FLOPCounting`); 0 for layers without products.
    public func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool = false) throws -> Int {
        guard let counting = self as? any FLOPCounting else { return 0 }
        return try counting.trainingFLOPs(forInput: shape, needsInputGradient: needsInputGradient)
    }
}

/// 2 FLOPs per multiply-add of a product with `multiplyAdds` terms, counted for forward, weight gradient
/// and, when needed, input gradient (each the same number of multiply-adds).
private func productFLOPs(_ multiplyAdds: Int, needsInputGradient: Bool) -> Int {
    2 * multiplyAdds * (needsInputGradient ? 3 : 2)
}

extension Conv2D: FLOPCounting {
    public func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool) throws -> Int {
        let output = try outputShape(forInput: shape)
        return productFLOPs(output.reduce(1, *) * inputChannels * kernelHeight * kernelWidth,
                            needsInputGradient: needsInputGradient)
    }
}

extension Dense: FLOPCounting {
    public func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool) throws -> Int {
        productFLOPs(inputSize * outputSize, needsInputGradient: needsInputGradient)
    }
}

extension Sequential: FLOPCounting {
    public func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool) throws -> Int {
        var (total, shape) = (0, shape)
        for (index, layer) in layers.enumerated() {
            total += try layer.trainingFLOPs(forInput: shape, needsInputGradient: index > 0 || needsInputGradient)
            shape = try layer.outputShape(forInput: shape)
        }
        return total
    }
}

extension ResidualBlock: FLOPCounting {
    public func trainingFLOPs(forInput shape: [Int], needsInputGradient: Bool) throws -> Int {
        let main = try conv1.trainingFLOPs(forInput: shape, needsInputGradient: needsInputGradient)
            + conv2.trainingFLOPs(forInput: conv1.outputShape(forInput: shape), needsInputGradient: true)
        let skip = try projection?.conv.trainingFLOPs(forInput: shape, needsInputGradient: needsInputGradient) ?? 0
        return main + skip
    }
}
