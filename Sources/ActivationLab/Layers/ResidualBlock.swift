/// The basic residual block of He et al., "Deep Residual Learning for Image Recognition" (CVPR 2016),
/// with its two nonlinearities as parameters:
///
///     main = BN(conv3x3(first(BN(conv3x3_s(x)))))          (convolutions without bias, padding 1)
///     skip = x, or BN(conv1x1_s(x)) when the channels or the stride change (projection shortcut)
///     y    = second(main + skip)
///
/// Taking `first` and `second` separately lets a network alternate an activation with its adversarial
/// partner inside each block (Su et al., arXiv 2405.03712; the alternation scheme is our interpretation).
public final class ResidualBlock: Layer {
    public let inputChannels: Int
    public let outputChannels: Int
    public let stride: Int
    public let conv1: Conv2D
    public let norm1: BatchNorm
    public let activation1: ActivationLayer
    public let conv2: Conv2D
    public let norm2: BatchNorm
    /// The 1x1 convolution and its normalisation on the shortcut, when the shape changes.
    public let projection: (conv: Conv2D, norm: BatchNorm)?
    public let activation2: ActivationLayer

    /// - Parameters:
    ///   - stride: the first convolution's (and the projection's) stride; 2 halves the resolution.
    ///   - first: the nonlinearity inside the block, after the first BN.
    ///   - second: the nonlinearity after the addition.
    ///   - initializer: the convolution weight scheme (He/Kaiming for ReLU-like units, as in the paper).
    public init(inputChannels: Int, outputChannels: Int, stride: Int = 1,
                first: any Activation, second: any Activation,
                initializer: Initializer = .he, rng: inout SeededGenerator) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.stride = stride
        conv1 = Conv2D(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 3, stride: stride,
                       padding: 1, bias: false, initializer: initializer, rng: &rng)
        norm1 = BatchNorm(features: outputChannels)
        activation1 = ActivationLayer(first)
        conv2 = Conv2D(inputChannels: outputChannels, outputChannels: outputChannels, kernelSize: 3, padding: 1,
                       bias: false, initializer: initializer, rng: &rng)
        norm2 = BatchNorm(features: outputChannels)
        if inputChannels != outputChannels || stride != 1 {
            projection = (Conv2D(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: 1,
                                 stride: stride, bias: false, initializer: initializer, rng: &rng),
                          BatchNorm(features: outputChannels))
        } else {
            projection = nil
        }
        activation2 = ActivationLayer(second)
    }

    /// The main path in forward order.
    private var mainPath: [any Layer] { [conv1, norm1, activation1, conv2, norm2] }
    /// The shortcut's layers (empty for the identity).
    private var shortcutPath: [any Layer] { projection.map { [$0.conv, $0.norm] } ?? [] }

    /// Every layer of the block: main path, shortcut, final activation.
    public var children: [any Layer] { mainPath + shortcutPath + [activation2] }
    public var parameters: [Parameter] { children.flatMap(\.parameters) }
    public var buffers: [Buffer] { children.flatMap(\.buffers) }

    public var description: String {
        "ResidualBlock(\(inputChannels)→\(outputChannels), stride \(stride), \(activation1.activation.name)/\(activation2.activation.name)\(projection == nil ? "" : ", projection"))"
    }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        let main = try mainPath.reduce(shape) { try $1.outputShape(forInput: $0) }
        let skip = try shortcutPath.reduce(shape) { try $1.outputShape(forInput: $0) }
        guard main == skip else {
            throw ModelError("\(description): main path gives \(main) but the shortcut gives \(skip) for input \(shape)")
        }
        return main
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        var sum = mainPath.reduce(input) { $1.forward($0, mode: mode) }
        sum.add(shortcutPath.reduce(input) { $1.forward($0, mode: mode) })
        return activation2.forward(sum, mode: mode)
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let sumGradient = activation2.backward(outputGradient)
        var mainGradient: Tensor? = sumGradient
        for (index, layer) in mainPath.enumerated().reversed() {
            mainGradient = layer.backward(mainGradient!, needsInputGradient: index > 0 || needsInputGradient)
        }
        var skipGradient: Tensor? = sumGradient
        for (index, layer) in shortcutPath.enumerated().reversed() {
            skipGradient = layer.backward(skipGradient!, needsInputGradient: index > 0 || needsInputGradient)
        }
        guard needsInputGradient, var inputGradient = mainGradient, let skipGradient else { return nil }
        inputGradient.add(skipGradient)
        return inputGradient
    }
}
