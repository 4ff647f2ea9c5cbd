import Foundation
import Testing
@testable import ActivationLab

/// The option table: every configuration field has exactly one entry, texts round-trip, and the CLI,
/// variant specs and config files read options the same way.
@Suite struct TrainingOptionTests {
    @Test func everyConfigurationFieldHasExactlyOneOption() throws {
        let fields = Mirror(reflecting: TrainingConfiguration()).children.count
        #expect(TrainingOption.all.count == fields)
        #expect(Set(TrainingOption.all.map(\.key)).count == TrainingOption.all.count)
        // Each option writes a different field: setting a non-default value changes only that option's text.
        for option in TrainingOption.all {
            var configuration = TrainingConfiguration()
            try option.set(Self.otherValue(for: option), in: &configuration)
            let changed = TrainingOption.all.filter { $0.value(in: configuration) != $0.value(in: TrainingConfiguration()) }
            #expect(changed.map(\.key) == [option.key])
        }
    }

    /// A valid value other than the default, per option.
    static func otherValue(for option: TrainingOption) -> String {
        let values = ["dataset": "sample", "model": "mlp:784-10", "activation": "tanh", "adversarial-reading": "reflect",
                      "head": "linear-exp", "transform": "abg", "gamma-type": "2", "init": "he", "optimizer": "adam",
                      "schedule": "warmup:5:cosine", "normalize": "center", "patience": "3", "train-limit": "100", "eval-every": "50",
                      "validation-fraction": "0.2", "momentum": "0.5", "weight-decay": "0.001", "seed": "9"]
        if option.isFlag { return "true" }
        if let value = values[option.key] { return value }
        var configuration = TrainingConfiguration()
        option.numeric!.set(&configuration, option.numeric!.get(configuration) * 2)
        return option.value(in: configuration)
    }

    @Test func defaultTextsParseBackToTheDefaults() throws {
        for option in TrainingOption.all {
            var configuration = TrainingConfiguration()
            try option.set(option.defaultText, in: &configuration)
            #expect(configuration == TrainingConfiguration(), "\(option.key)")
        }
    }

    @Test func commandLineFlagsParseInEveryForm() throws {
        var configuration = TrainingConfiguration()
        let given = try CommandLineOptions.apply(["--lr", "0.2", "--momentum=0.5", "--hdfgd", "--activation", "gelu",
                                                  "--schedule", "step:3:0.5", "--transform", "none"], to: &configuration)
        #expect(given == ["lr", "momentum", "hdfgd", "activation", "schedule", "transform"])
        #expect(configuration.learningRate == 0.2 && configuration.momentum == 0.5 && configuration.hdfgd)
        #expect(configuration.schedule == .step(epochs: 3, gamma: 0.5))
        // A negative number is a value, and the range check names the option.
        try CommandLineOptions.apply(["--lr", "-0.1"], to: &configuration)
        #expect(throws: ConfigurationError.invalidValue(key: "lr", requirement: "a positive number", got: "-0.1")) {
            try configuration.validate()
        }
    }

    @Test(arguments: [
        (["--lrr", "0.1"], "unknown option --lrr; did you mean --lr?"),
        (["--lr"], "--lr needs a value"),
        (["--lr", "--momentum", "0.5"], "--lr needs a value"),
        (["--lr", "fast"], "--lr must be a number, got 'fast'"),
        (["--optimizer", "lbfgs"], "--optimizer must be sgd, adam or adamw, got 'lbfgs'"),
        (["--gamma-type", "3"], "--gamma-type must be 1 or 2, got '3'"),
        (["--schedule", "warmup:x"], "--schedule: warm-up steps must be a positive integer in 'warmup:x'"),
        (["--activation", "swish2"], "--activation: unknown activation 'swish2'"),
        (["0.1"], "unexpected argument '0.1'"),
    ])
    func badFlagsAreOneLineNamingTheFlag(arguments: [String], message: String) {
        var configuration = TrainingConfiguration()
        #expect { try CommandLineOptions.apply(arguments, to: &configuration) } throws: { error in
            let text = (error as? ConfigurationError)?.message(naming: CommandLineOptions.flag) ?? ""
            return text.hasPrefix(message) && !text.contains("\n")
        }
    }

    @Test func libraryMessagesNameKeysAndTheCLIRendersFlags() {
        let error = ConfigurationError.incompatible(OptionMessage("{transform} ab transforms tanh units; use {activation} tanh"))
        #expect(error.description == "transform ab transforms tanh units; use activation tanh")
        #expect(error.message(naming: CommandLineOptions.flag) == "--transform ab transforms tanh units; use --activation tanh")
        #expect(OptionMessage("no keys {at all").description == "no keys {at all")
    }

    /// Stores written before the options were typed keep decoding, and the encoding is unchanged (the
    /// default experiment name hashes it).
    @Test func storedConfigurationJSONIsUnchanged() throws {
        let old = #"{"activation":"tanh","adversarial":false,"adversarialReading":"reflect","batchSize":1000,"dataset":"sample","epochs":3,"exponentClamp":30,"gammaType":2,"hdfgd":false,"head":"softmax-ce","initializer":"explicit","learningRate":0.7,"matchParameters":false,"model":"mlp:784-10","momentum":0.5,"negativeOthers":false,"nesterov":false,"optimizer":"sgd","schedule":"warmup:100:constant","seed":1,"targetScale":1,"transform":"abg","transformEvery":10,"validationFraction":0.1,"weightDecay":0}"#
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(old.utf8))
        #expect(decoded.transform == .abg && decoded.gammaType == .unitVariance && decoded.initializer == .explicit)
        #expect(decoded.schedule == .warmup(steps: 100, then: .constant) && decoded.adversarialReading == .reflect)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == old)
    }

    @Test func canonicalVariantSpecsParseBackToTheSameConfiguration() throws {
        var base = TrainingConfiguration()
        base.dataset = "sample"
        var rng = SeededGenerator(seed: 11)
        var checked = 0
        for _ in 0..<60 {
            var configuration = base
            for option in TrainingOption.variantOptions where rng.uniform(0, 1) < 0.3 {
                try option.set(Self.otherValue(for: option), in: &configuration)
            }
            configuration.matchParameters = configuration.matchParameters && configuration.hdfgd
            guard (try? configuration.validate()) != nil else { continue }
            let variant = try VariantSpec(configuration: configuration, base: base)
            #expect(try VariantSpec(variant.name, base: base).configuration == configuration, "\(variant.name)")
            checked += 1
        }
        #expect(checked >= 10)
        #expect(throws: VariantError.self) { try VariantSpec(configuration: base.with { $0.epochs = 3 }, base: base) }
    }

    @Test func variantSpecsRefuseComparisonOptionsAndSuggestKeys() {
        let base = TrainingConfiguration()
        #expect { try VariantSpec("relu+epochs=3", base: base) } throws: { "\($0)".contains("'epochs' belongs to the comparison") }
        #expect { try VariantSpec("relu+lrr=3", base: base) } throws: { "\($0)".contains("did you mean 'lr'") }
        #expect { try VariantSpec("relu+hdfgdd", base: base) } throws: { "\($0)".contains("did you mean 'hdfgd'") }
        #expect { try VariantSpec("relu+lr=-1", base: base) } throws: { "\($0)".contains("lr must be a positive number") }
    }

    @Test func configFilesUseTheFlagsDefaultsAndAnyOptionKey() throws {
        let minimal = try ComparisonFile.parse(Data(#"{"baseline": "relu", "variants": ["tanh"]}"#.utf8), path: "c.json")
        #expect(minimal.base.epochs == ComparisonDefaults.epochs)
        #expect(minimal.seeds.count == ComparisonDefaults.seedCount)
        #expect(minimal.base.schedule == ComparisonDefaults.schedule)
        let settings = try #require(minimal.protocolSettings)
        let lr = try TuningPlan("lr", budget: 8).text
        #expect(settings.targetAccuracy == nil && settings.tune == lr && settings.tuneBudget == ComparisonDefaults.tuneBudget)
        #expect(settings.tuneEpochs == ComparisonDefaults.epochs / 3 && settings.accuracyMargin == 0.005 && settings.speedMargin == 1.1)
        let fixed = try ComparisonFile.parse(Data(#"{"baseline": "relu", "variants": ["tanh"], "target_accuracy": 0.8, "tune": "none", "margin": 1}"#.utf8), path: "c.json")
        #expect(fixed.protocolSettings?.targetAccuracy == 0.8 && fixed.protocolSettings?.tune == "none" && fixed.protocolSettings?.accuracyMargin == 0.01)
        // Tuning for speed is stored; for accuracy (the default) it is not, so older definitions keep their names.
        let speed = try ComparisonFile.parse(Data(#"{"baseline": "relu", "variants": ["tanh"], "tune_for": "speed"}"#.utf8), path: "c.json")
        #expect(speed.protocolSettings?.tuneObjective == .speed && speed.name != minimal.name)
        let accuracy = try ComparisonFile.parse(Data(#"{"baseline": "relu", "variants": ["tanh"], "tune_for": "accuracy"}"#.utf8), path: "c.json")
        #expect(accuracy.protocolSettings?.tuneObjective == nil && accuracy.name == minimal.name)
        let full = try ComparisonFile.parse(Data(#"""
            {"baseline": "relu", "variants": ["tanh"], "epochs": 2, "seeds": [4, 5],
             "options": {"lr": 0.2, "nesterov": true, "schedule": "cosine", "patience": 2, "normalize": "center"}}
            """#.utf8), path: "c.json")
        #expect(full.base.learningRate == 0.2 && full.base.nesterov && full.base.schedule == .cosine)
        #expect(full.base.patience == 2 && full.base.normalization == .center && full.base.epochs == 2 && full.seeds == [4, 5])
        for (text, message) in [(#"{"baseline": "relu", "variants": ["tanh"], "options": {"lr": -1}}"#, "c.json: 'lr' must be a positive number"),
                                (#"{"baseline": "relu", "variants": ["tanh"], "options": {"lrr": 1}}"#, "c.json: unknown option 'lrr'; did you mean 'lr'?"),
                                (#"{"baseline": "relu", "variants": ["tanh"], "options": {"hdfgd": 1}}"#, "c.json: option 'hdfgd' must be true or false"),
                                (#"{"baseline": "relu", "variants": ["tanh", "tanh"]}"#, "c.json: 'variants' lists a variant twice"),
                                (#"{"baseline": "relu", "variants": ["tanh"], "tune_for": "fast"}"#, "c.json: 'tune_for' must be \"accuracy\" or \"speed\"")] {
            #expect { try ComparisonFile.parse(Data(text.utf8), path: "c.json") } throws: { "\($0)".hasPrefix(message) }
        }
    }
}

/// The committed example config file stays valid.
@Suite struct CompareExampleTests {
    @Test func theDocumentedExampleParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../docs/compare-example.json").standardized.path
        let comparison = try ComparisonFile.read(path)
        #expect(comparison.variants.count == 7 && comparison.seeds.count == 5 && comparison.base.schedule == .cosine)
        #expect(comparison.protocolSettings?.targetAccuracy == nil && comparison.protocolSettings?.tuneBudget == 8)
    }
}
