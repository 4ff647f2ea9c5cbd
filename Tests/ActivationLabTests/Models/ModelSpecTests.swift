import Testing
@testable import ActivationLab

/// `auto` widths: parsing, resolving against the data, and the errors that stay for explicit widths.
@Suite struct ModelSpecTests {
    @Test(arguments: [
        ("mlp:auto", ModelSpec.autoMLP(input: nil, hidden: [256, 256], output: nil), "mlp:auto-256-256-auto"),
        ("mlp:auto-128-auto", .autoMLP(input: nil, hidden: [128], output: nil), "mlp:auto-128-auto"),
        ("mlp:auto-64-10", .autoMLP(input: nil, hidden: [64], output: 10), "mlp:auto-64-10"),
        ("mlp:784-auto", .autoMLP(input: 784, hidden: [], output: nil), "mlp:784-auto"),
        ("mlp:4-16-3", .mlp(widths: [4, 16, 3]), "mlp:4-16-3"),
    ])
    func parsesAutoWidths(text: String, spec: ModelSpec, description: String) throws {
        #expect(try ModelSpec.parse(text) == spec)
        #expect(spec.description == description)
        #expect(try ModelSpec.parse(description) == spec)
    }

    @Test(arguments: ["mlp:4-auto-3", "mlp:auto-0-auto", "mlp:auto-", "mlp:automatic", "mlp:4", "cnn:auto"])
    func refusesMisplacedOrMalformedWidths(text: String) {
        #expect(throws: ModelError.self) { try ModelSpec.parse(text) }
    }

    @Test func resolvesAutoWidthsFromTheData() throws {
        #expect(try ModelSpec.parse("mlp:auto").resolved(sampleShape: [4], classCount: 3) == .mlp(widths: [4, 256, 256, 3]))
        #expect(try ModelSpec.parse("mlp:auto-128-auto").resolved(sampleShape: [3, 32, 32], classCount: 10)
                == .mlp(widths: [3072, 128, 10]))
        #expect(try ModelSpec.parse("mlp:auto-64-10").resolved(sampleShape: [1, 28, 28], classCount: 10) == .mlp(widths: [784, 64, 10]))
        #expect(ModelSpec.lenet.resolved(sampleShape: [3, 32, 32], classCount: 10) == .lenet)
    }

    @Test func explicitWidthsThatMissTheDataKeepTheExistingMessage() throws {
        let message = "model mlp:10-256-256-10: the data has 4 input features and 3 classes; try mlp:4-256-256-3"
        #expect { try ModelSpec.parse("mlp:10-256-256-10").validate(sampleShape: [4], classCount: 3) } throws: {
            "\($0)".contains(message)
        }
        // A half-auto spec names itself as written and still fails on its explicit end.
        #expect { try ModelSpec.parse("mlp:auto-64-10").validate(sampleShape: [4], classCount: 3) } throws: {
            "\($0)".contains("mlp:auto-64-10: the data has 4 input features and 3 classes; try mlp:4-64-3")
        }
        try ModelSpec.parse("mlp:auto-64-3").validate(sampleShape: [4], classCount: 3)
    }

    @Test func lenetRefusesImagesTooSmallForItsTwoPoolingStages() {
        #expect { try ModelSpec.lenet.validate(sampleShape: [1, 8, 8], classCount: 2) } throws: { "\($0)".contains("16×16") }
    }

    @Test func autoWidthsReachHDFGDAndTransformedModels() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:auto-12-auto"
        var rng = SeededGenerator(seed: 1)
        configuration.activation = "tanh"
        configuration.transform = .abg
        #expect(try ModelBuilder(configuration: configuration).build(sampleShape: [6], classCount: 3, rng: &rng) is ShortcutNetwork)
        configuration.transform = .none
        configuration.activation = "gelu"
        configuration.hdfgd = true
        configuration.matchParameters = true
        let gated = try ModelBuilder(configuration: configuration).build(sampleShape: [6], classCount: 3, rng: &rng)
        #expect(try gated.outputShape(forInput: [6]) == [3])
    }
}
