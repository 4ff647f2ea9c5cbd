/// The convolutional models named by `cnn:` specs.
enum CNNModels {
    static func lenet(sampleShape: [Int], classCount: Int, schedule: AlternationSchedule?, gated: ActivationGate?,
                      initializer: Initializer, rng: inout SeededGenerator) throws -> any Layer {
        throw ModelError("cnn:lenet is not available yet")
    }

    static func resnet(sampleShape: [Int], classCount: Int, schedule: AlternationSchedule?,
                       initializer: Initializer, rng: inout SeededGenerator) throws -> any Layer {
        throw ModelError("cnn:resnet is not available yet")
    }
}
