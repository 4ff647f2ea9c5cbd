import Testing
@testable import ActivationLab

@Suite struct ModelBuilderTests {
    func build(_ edit: (inout TrainingConfiguration) -> Void) throws -> any Layer {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-6-6-6-3"
        edit(&configuration)
        var rng = SeededGenerator(seed: 1)
        return try ModelBuilder(configuration: configuration).build(sampleShape: [8], classCount: 3, rng: &rng)
    }

    @Test func adversarialAlternatesActivationAndPartner() throws {
        let model = try build { $0.activation = "tanh"; $0.adversarial = true }
        let names = model.flattenedLayers.compactMap { ($0 as? ActivationLayer)?.activation.name }
        #expect(names == ["tanh", "adversarial(tanh)", "tanh"])
    }

    @Test func hdfgdReplacesHiddenLayersAndAlternatesWithSA() throws {
        let model = try build { $0.activation = "gelu"; $0.hdfgd = true; $0.adversarial = true }
        let gated = model.flattenedLayers.compactMap { $0 as? GatedDense }
        #expect(gated.map(\.adversarial) == [false, true, false])
        #expect(model.flattenedLayers.contains { $0 is ActivationLayer } == false)
    }

    @Test func matchedWidthsKeepTheParameterCountClose() throws {
        let plain = try build { $0.activation = "silu" }
        let matched = try build { $0.activation = "silu"; $0.hdfgd = true; $0.matchParameters = true }
        let ratio = Double(matched.parameterCount) / Double(plain.parameterCount)
        #expect(abs(ratio - 1) < 0.15)
    }

    @Test func hdfgdNeedsAGatedActivation() {
        #expect { try build { $0.activation = "tanh"; $0.hdfgd = true } } throws: { "\($0)".contains("tanh") }
    }

    @Test func transformBuildsAShortcutNetworkOnlyForTanhMLPs() throws {
        #expect(try build { $0.activation = "tanh"; $0.transform = .abg } is ShortcutNetwork)
        #expect { try build { $0.activation = "relu"; $0.transform = .ab } } throws: { "\($0)".contains("use activation tanh") }
    }

    @Test func transformedTrainingReportsGammaDiagnostics() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-12-12-3"
        configuration.activation = "tanh"
        configuration.transform = .abg
        configuration.transformEvery = 5
        configuration.epochs = 4
        configuration.batchSize = 32
        configuration.learningRate = 0.1
        let splits = SyntheticData.splits()
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        try session.prepare(with: splits.train)
        let result = session.run(on: splits)
        #expect(result.status == .finished)
        #expect(result.epochs.last!.validationAccuracy > 0.9)
        let layers = result.epochs.last!.layers
        #expect(layers.count == 2)
        #expect(layers.allSatisfy { $0.extra["gamma_at_cap"] != nil && $0.gradientNorm > 0 })
    }
}

@Suite struct ExplicitInitializationTests {
    @Test func explicitWarmStartBeatsRandomInitialisationBeforeTraining() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-3"
        configuration.initializer = .explicit
        // Blobs shifted to be non-negative, as the explicit solution requires.
        var splits = SyntheticData.splits()
        for keyPath in [\DataSplits.train, \DataSplits.validation] {
            splits[keyPath: keyPath].features = splits[keyPath: keyPath].features.map { $0 + 6 }
        }
        let warm = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        try warm.prepare(with: splits.train)
        configuration.initializer = .glorotUniform
        let cold = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        let warmAccuracy = Evaluation.run(model: warm.model, head: warm.head, on: splits.validation).accuracy
        let coldAccuracy = Evaluation.run(model: cold.model, head: cold.head, on: splits.validation).accuracy
        #expect(warmAccuracy > 0.8)
        #expect(warmAccuracy > coldAccuracy)
    }

    @Test func negativeFeaturesAreAClearError() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-3"
        configuration.initializer = .explicit
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        #expect { try session.prepare(with: SyntheticData.splits().train) } throws: { "\($0)".contains("shift") }
    }
}

@Suite struct TechniqueDiagnosticsTests {
    @Test func gatedLayersReportSaturationAndGradientNorms() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-6-6-3"
        configuration.activation = "silu"
        configuration.hdfgd = true
        configuration.adversarial = true
        configuration.epochs = 1
        configuration.batchSize = 32
        let result = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3).run(on: SyntheticData.splits())
        let layers = result.epochs[0].layers
        #expect(layers.map(\.layer) == ["1:hd-fgd(σ)", "2:sa(σ)"])
        #expect(layers.allSatisfy { $0.gradientNorm > 0 && $0.units == 6 && (0...1).contains($0.saturatedFraction) })
    }

    @Test func deadReLUUnitsAreCounted() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-6-3"
        configuration.epochs = 1
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        // Push every hidden unit's bias far negative: all of them output zero on every sample.
        let hidden = session.model.flattenedLayers.compactMap { $0 as? Dense }[0]
        hidden.bias.value = Tensor(repeating: -1000, shape: [6])
        let result = session.run(on: SyntheticData.splits())
        #expect(result.epochs[0].layers[0].deadUnits == 6)
        #expect(result.epochs[0].layers[0].saturatedFraction == 1)
    }
}
