/// The convolutional models named by `cnn:` specs. Activation sites are numbered in forward order, so an
/// adversarial schedule alternates f and its partner site by site.
enum CNNModels {
    /// conv5×5×16 → act → maxpool2 → conv5×5×32 → act → maxpool2 → fc128 → act → fc(classes).
    /// With `gate`, the fc128 + activation pair becomes an HD-FGD layer (its SA partner on partner sites).
    static func lenet(sampleShape: [Int], classCount: Int, activation: any Activation, schedule: AlternationSchedule?,
                      gate: ActivationGate?, initializer: Initializer, rng: inout SeededGenerator) throws -> any Layer {
        let channels = sampleShape[0]
        func site(_ index: Int) -> any Activation { schedule?.activation(layer: index) ?? activation }
        var layers: [any Layer] = [
            Conv2D(inputChannels: channels, outputChannels: 16, kernelSize: 5, initializer: initializer, rng: &rng),
            ActivationLayer(site(0)), MaxPool2D(kernelSize: 2),
            Conv2D(inputChannels: 16, outputChannels: 32, kernelSize: 5, initializer: initializer, rng: &rng),
            ActivationLayer(site(1)), MaxPool2D(kernelSize: 2), Flatten(),
        ]
        let features = try Sequential(layers).outputShape(forInput: sampleShape).reduce(1, *)
        if let gate {
            layers.append(GatedDense(inputSize: features, outputSize: 128, gate: gate,
                                     adversarial: schedule?.usesPartner(layer: 2) ?? false, initializer: initializer, rng: &rng))
        } else {
            layers.append(Dense(inputSize: features, outputSize: 128, initializer: initializer, rng: &rng))
            layers.append(ActivationLayer(site(2)))
        }
        layers.append(Dense(inputSize: 128, outputSize: classCount, initializer: initializer, rng: &rng))
        return Sequential(layers)
    }

    /// conv3×3×16 → BN → act, residual blocks 16, 32 (stride 2), 64 (stride 2), global average pool, fc(classes).
    /// Each block's two activation sites follow the schedule in order.
    static func resnet(sampleShape: [Int], classCount: Int, activation: any Activation, schedule: AlternationSchedule?,
                       initializer: Initializer, rng: inout SeededGenerator) throws -> any Layer {
        func site(_ index: Int) -> any Activation { schedule?.activation(layer: index) ?? activation }
        var layers: [any Layer] = [
            Conv2D(inputChannels: sampleShape[0], outputChannels: 16, kernelSize: 3, padding: 1, bias: false,
                   initializer: initializer, rng: &rng),
            BatchNorm(features: 16), ActivationLayer(site(0)),
        ]
        for (index, (input, output, stride)) in [(16, 16, 1), (16, 32, 2), (32, 64, 2)].enumerated() {
            layers.append(ResidualBlock(inputChannels: input, outputChannels: output, stride: stride,
                                        first: site(1 + 2 * index), second: site(2 + 2 * index),
                                        initializer: initializer, rng: &rng))
        }
        layers += [GlobalAvgPool(), Dense(inputSize: 64, outputSize: classCount, initializer: initializer, rng: &rng)]
        return Sequential(layers)
    }
}

extension ResidualBlock: LayerContainer {}
