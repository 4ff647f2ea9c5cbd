import Foundation

/// Williams & Zhao's language-model check under the protocol: every choice — the explicit solution's
/// reading, pseudo-count ε and scale, and the learning rate of each start — is made on the validation
/// split of a tuning seed the evaluation never uses; evaluation seeds then report test perplexities,
/// early-stopped on their own validation split (the epoch with the lowest validation perplexity).
struct WilliamsLanguageModel {
    let corpus: TextCorpus
    let scale: ReproductionScale

    /// The seed whose split makes every choice (never an evaluation seed).
    static let tuningSeed = ProtocolSettings.firstTuningSeed
    static let readings: [ExplicitReading] = [.profile, .row]
    /// Absolute pseudo-counts ε; nil is the default (1e-3 × the mean non-zero count).
    static let pseudoCounts: [Double?] = [nil, 0.01, 0.05, 0.2, 1, 5]
    static let scales: [(name: String, scale: ExplicitScale)] = [("fit", .fit), ("mean input L1", .meanInputL1)]
    /// Adam learning rates tried for each start.
    static let learningRates: [Double] = [3e-4, 1e-3, 3e-3, 1e-2]

    /// One explicit configuration and its validation perplexity on the tuning split.
    struct Candidate {
        var reading: ExplicitReading
        var pseudoCount: Double?
        var scaleName: String
        var options: ExplicitOptions
        var validationPerplexity: Double
    }

    /// Early-stopped perplexities of one training run.
    struct Stopped {
        var epoch: Int
        var validation: Double
        var test: Double
    }

    func splits(seed: UInt64) throws -> LanguageModelSplits {
        try LanguageModelData.splits(corpus, options: LanguageModelOptions(vocabularySize: scale.lmVocabulary, seed: seed))
    }

    /// Every explicit configuration of the grid on the tuning split, best (lowest validation perplexity) first.
    func candidates(_ tuning: LanguageModelSplits, progress: (String) -> Void) throws -> [Candidate] {
        var result: [Candidate] = []
        for reading in Self.readings {
            for epsilon in Self.pseudoCounts {
                for s in Self.scales {
                    progress("language model: explicit \(reading.rawValue), ε \(epsilon.map { String($0) } ?? "default"), scale \(s.name)")
                    let options = ExplicitOptions(reading: reading, scale: s.scale, pseudoCount: epsilon)
                    let model = SparseSoftmaxModel(explicit: try ExplicitSolver.solve(tuning.train, options: options))
                    result.append(Candidate(reading: reading, pseudoCount: epsilon, scaleName: s.name, options: options,
                                            validationPerplexity: exp(model.evaluate(tuning.validation).crossEntropy)))
                }
            }
        }
        return result.sorted { $0.validationPerplexity < $1.validationPerplexity }
    }

    /// Trains `model` and returns the epoch of lowest validation perplexity with its test perplexity.
    func train(_ model: SparseSoftmaxModel, _ splits: LanguageModelSplits, learningRate: Double, seed: UInt64) throws -> Stopped {
        let options = SparseTrainingOptions(optimizer: .adam, learningRate: learningRate, batchSize: 128, epochs: scale.lmEpochs, seed: seed)
        var best: Stopped?
        try SparseSoftmaxTraining.train(model, on: splits.train, validation: splits.validation, options: options) { report in
            guard report.validationPerplexity.isFinite, best == nil || report.validationPerplexity < best!.validation else { return }
            best = Stopped(epoch: report.epoch, validation: report.validationPerplexity,
                           test: exp(model.evaluate(splits.test).crossEntropy))
        }
        return best ?? Stopped(epoch: 0, validation: .infinity, test: .infinity)
    }

    func warmModel(_ splits: LanguageModelSplits, _ options: ExplicitOptions) throws -> SparseSoftmaxModel {
        SparseSoftmaxModel(explicit: try ExplicitSolver.solve(splits.train, options: options))
    }

    func coldModel(like warm: SparseSoftmaxModel, seed: UInt64) -> SparseSoftmaxModel {
        var rng = SeededGenerator(seed: seed)
        return SparseSoftmaxModel(featureCount: warm.featureCount, classCount: warm.classCount, rng: &rng)
    }

    /// Runs the selection on the tuning seed, then every evaluation seed; appends measurements and tables.
    func run(measurements: inout [ReproductionMeasurement], tables: inout [ResultTable], setup: inout [String],
             progress: (String) -> Void) throws {
        let tuning = try splits(seed: Self.tuningSeed)
        let candidates = try candidates(tuning, progress: progress)
        guard let chosen = candidates.first else { return }
        // Each start's learning rate, by early-stopped validation perplexity on the tuning split (the first best
        // in the grid's order). The trainings are independent, so they run side by side.
        let warmProbe = try warmModel(tuning, chosen.options)
        let starts: [(name: String, make: () throws -> SparseSoftmaxModel)] = [
            ("warm", { try warmModel(tuning, chosen.options) }), ("cold", { coldModel(like: warmProbe, seed: Self.tuningSeed) })]
        let trials = starts.flatMap { start in Self.learningRates.map { (start, $0) } }
        progress("language model: \(trials.count) tuning runs (\(starts.map(\.name).joined(separator: " and ")) starts × \(Self.learningRates.count) learning rates)")
        let tuned = try SeedParallel.map(trials.count) { i in
            try train(try trials[i].0.make(), tuning, learningRate: trials[i].1, seed: Self.tuningSeed).validation
        }
        func bestRate(_ name: String) -> Double {
            let scored = trials.indices.filter { trials[$0].0.name == name }.map { (rate: trials[$0].1, perplexity: tuned[$0]) }
            return scored.reduce(scored[0]) { $1.perplexity < $0.perplexity ? $1 : $0 }.rate
        }
        let warmRate = bestRate("warm"), coldRate = bestRate("cold")

        let seeds = scale.seedList
        progress("language model: \(seeds.count) evaluation seeds (explicit solution, warm and cold starts)")
        let perSeed = try SeedParallel.map(seeds.count) { i in
            let data = try splits(seed: seeds[i])
            let result = try ExplicitSolver.solve(data.train, options: chosen.options)
            let model = SparseSoftmaxModel(explicit: result)
            let explicit = exp(model.evaluate(data.test).crossEntropy)
            let warm = try train(model, data, learningRate: warmRate, seed: seeds[i])
            let cold = try train(coldModel(like: model, seed: seeds[i]), data, learningRate: coldRate, seed: seeds[i])
            return (explicit: explicit, seconds: result.totalSeconds, warm: warm, cold: cold)
        }
        let explicit = perSeed.map(\.explicit), seconds = perSeed.map(\.seconds)
        let warm = perSeed.map(\.warm), cold = perSeed.map(\.cold)
        measurements += [
            .mean(key: "lm.explicit.perplexity", label: "language model: explicit-only test perplexity", values: explicit),
            .mean(key: "lm.explicit.seconds", label: "language model: explicit solve time, seconds", values: seconds),
            .ratio(key: "lm.explicit-over-cold", label: "language model: explicit-only test perplexity / cold start's (early-stopped)",
                   explicit, over: cold.map(\.test)),
            .difference(key: "lm.warm-minus-cold", label: "language model: early-stopped test perplexity, warm − cold start",
                        MeanDifference.paired(variant: warm.map(\.test), baseline: cold.map(\.test))),
        ]
        func cell(_ values: [Double]) -> String {
            Summary(values.filter(\.isFinite)).map { Format.number($0.mean, decimals: 1) + " " + Format.interval($0.confidenceInterval) } ?? "—"
        }
        tables.append(ResultTable(
            title: "Language model: test perplexity (mean [95% CI] over seeds)",
            columns: ["model", "test perplexity", "stopped at epoch (mean)"],
            rows: [["explicit only (no training)", cell(explicit), "—"],
                   ["warm start (explicit, Adam lr \(warmRate))", cell(warm.map(\.test)), Format.number(Summary.mean(warm.map { Double($0.epoch) }), decimals: 1)],
                   ["cold start (Adam lr \(coldRate))", cell(cold.map(\.test)), Format.number(Summary.mean(cold.map { Double($0.epoch) }), decimals: 1)]],
            note: "Trained runs are early-stopped: each reports its test perplexity at the epoch of lowest validation perplexity "
                + "(epoch 0 of the warm start is the explicit solution). The explicit solve took "
                + Format.number(Summary.mean(seconds), decimals: 2) + " s on average."))
        let byEpsilon = Dictionary(grouping: candidates.filter { $0.scaleName == chosen.scaleName }, by: { $0.reading })
        tables.append(ResultTable(
            title: "Language model: sensitivity of the explicit solution to ε (validation perplexity, tuning split, scale \(chosen.scaleName))",
            columns: ["ε"] + Self.readings.map { "\($0.rawValue) reading" },
            rows: Self.pseudoCounts.map { epsilon in
                [epsilon.map { Format.number($0, decimals: 2) } ?? "default (1e-3 × mean count)"]
                    + Self.readings.map { reading in
                        byEpsilon[reading]?.first { $0.pseudoCount == epsilon }.map { Format.number($0.validationPerplexity, decimals: 1) } ?? "—"
                    }
            },
            note: "Chosen on this table's split (seed \(Self.tuningSeed), never an evaluation seed) and its scale alternatives: "
                + "\(chosen.reading.rawValue) reading, ε \(chosen.pseudoCount.map { Format.number($0, decimals: 2) } ?? "default"), scale \(chosen.scaleName) "
                + "(validation perplexity \(Format.number(chosen.validationPerplexity, decimals: 1)))."))
        setup.append("Language model: `\(corpus.name)` (Debian `fortunes`), next-word prediction from the bag of the 3 previous words, "
            + "vocabulary \(scale.lmVocabulary) + `<unk>`\(scale.lmEntryLimit.map { ", first \($0) entries" } ?? ""); entries split 80/10/10 per seed. "
            + "Chosen on the validation split of seed \(Self.tuningSeed) only: the explicit solution's reading, ε and scale "
            + "(\(Self.readings.count) × \(Self.pseudoCounts.count) × \(Self.scales.count) grid; the chosen one is "
            + "\(chosen.reading.rawValue), ε \(chosen.pseudoCount.map { Format.number($0, decimals: 2) } ?? "default"), scale \(chosen.scaleName)), "
            + "and each start's Adam learning rate (\(Self.learningRates.map { String($0) }.joined(separator: ", ")); warm \(warmRate), cold \(coldRate)). "
            + "Batch 128, \(scale.lmEpochs) epochs, early-stopped by validation perplexity; perplexities are on the test split.")
    }
}
