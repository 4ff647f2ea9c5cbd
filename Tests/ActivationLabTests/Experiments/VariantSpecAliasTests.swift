import Testing
@testable import ActivationLab

/// Variant specs accept activation aliases, keep the name as typed, and suggest among aliases too.
@Suite struct VariantSpecAliasTests {
    let base = TrainingConfiguration()

    @Test func aliasVariantKeepsItsNameAndStoresTheCanonicalActivation() throws {
        let variant = try VariantSpec("swish+lr=0.05", base: base)
        #expect(variant.name == "swish+lr=0.05")
        #expect(variant.configuration.activation == "silu")
        #expect(try VariantSpec("LeakyReLU:0.2", base: base).configuration.activation == "leaky-relu:0.2")
        #expect(try VariantSpec("relu+head=ce", base: base).configuration.head == "softmax-ce")
    }

    @Test func bareWordSuggestsAmongAliases() {
        #expect { try VariantSpec("swissh", base: base) } throws: { "\($0)".contains("did you mean 'swish'?") }
        #expect { try VariantSpec("logistc", base: base) } throws: { "\($0)".contains("did you mean 'logistic'?") }
    }

    @Test func trainingOptionStoresTheCanonicalActivation() throws {
        var configuration = TrainingConfiguration()
        try TrainingOption.named("activation")!.set("Swish", in: &configuration)
        #expect(configuration.activation == "silu")
    }
}
