import Testing
@testable import ActivationLab

/// Model sizes are checked with overflow-checked arithmetic against the memory available, before allocation.
@Suite struct ModelSpecMemoryTests {
    @Test func parameterCountsOverflowToNil() {
        #expect(ModelSpec.parameterCount(widths: [784, 256, 10]) == 784 * 256 + 256 + 256 * 10 + 10)
        #expect(ModelSpec.parameterCount(widths: [2, Int.max, 2]) == nil)
        #expect(ModelSpec.parameterCount(widths: [1 << 32, 1 << 32]) == nil)
    }

    @Test func aModelLargerThanMemoryIsRefusedNamingTheModel() throws {
        let spec = try ModelSpec.parse("mlp:auto-5000000-5000000-auto")
        #expect(throws: ConfigurationError.self) { try spec.validate(sampleShape: [784], classCount: 10) }
        do { try spec.validate(sampleShape: [784], classCount: 10) } catch let error as ConfigurationError {
            let message = error.message { "--" + $0 }
            #expect(message.hasPrefix("--model mlp:auto-5000000-5000000-auto: 2.5e+13 parameters need about"), "\(message)")
        }
        try ModelSpec.parse("mlp:auto-256-auto").validate(sampleShape: [784], classCount: 10)
    }

    @Test func widthsAndLayerCountsAreBoundedWhenParsed() {
        #expect(throws: ModelError.self) { try ModelSpec.parse("mlp:784-9223372036854775807-10") }
        #expect(throws: ModelError.self) { try ModelSpec.parse("mlp:784-\(OptionLimits.layerWidth + 1)-10") }
        #expect(throws: ModelError.self) { try ModelSpec.parse("mlp:auto" + String(repeating: "-1", count: OptionLimits.layers + 1) + "-auto") }
    }
}
