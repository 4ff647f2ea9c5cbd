import Foundation

/// The verdicts of one comparison and the numbers behind them: what `compare` prints at the end, what
/// `report` renders, and what `report --summary-json` writes. Built from run records alone, so every output
/// shows the same statistics under the same names.
///
/// The protocol (docs/protocol.md): accuracy is each run's test accuracy at the end of its budget, compared
/// with the baseline's on the same seed (paired t). Speed is steps to the pre-registered target accuracy,
/// read from the validation evaluations; a run that never reaches it is censored at the step budget τ and
/// the speed-up is the geometric mean of the per-seed ratios of restricted times min(T, τ) (t on log ratios).
/// Seconds to target are steps × each variant's measured seconds per step. Holm's adjustment across the
/// variants; a practical margin decides `equivalent`.
public struct ComparisonSummary: Codable, Sendable, Equatable {
    public var experiment: String
    public var targetAccuracy: Double
    /// How the target was set ("fixed", or the pilot run that set it).
    public var targetSource: String
    /// `steps`, or `epochs` for stores written before step evaluations.
    public var speedUnit: String
    /// τ: the budget (in `speedUnit`) at which times to target are restricted.
    @NullEncoded public var restriction: Double?
    /// `test`, or `validation` for stores written before test evaluation.
    public var accuracyMeasure: String
    public var accuracyMargin: Double
    public var speedMargin: Double
    /// The tuned options (`lr=0.001:1`), or `none`.
    public var tuning: String
    @NullEncoded public var tuningBudget: Int?
    public var variants: [VariantSummary]

    /// - Parameters:
    ///   - variants: every variant name, the baseline first.
    ///   - runs: the experiment's runs of every kind; incomplete runs are ignored.
    ///   - record: the stored protocol (target, tuned values, step costs); nil for older stores.
    ///   - fallbackTarget: the target when `record` has none (the experiment's fixed target).
    public init(experiment: String, variants: [String], runs: [RunRecord], record: ProtocolRecord?,
                fallbackTarget: Double) {
        let settings = record?.settings ?? ProtocolSettings()
        self.experiment = experiment
        targetAccuracy = record?.targetAccuracy ?? fallbackTarget
        targetSource = record?.targetSource ?? "fixed"
        accuracyMargin = settings.accuracyMargin
        speedMargin = settings.speedMargin
        tuning = settings.tune
        tuningBudget = settings.tune == "none" ? nil : settings.tuneBudget
        let evaluation = runs.filter { $0.kind == .evaluation && $0.isComplete }
        let bySeed = Dictionary(grouping: evaluation, by: \.variant).mapValues { runs in
            Dictionary(runs.map { ($0.seed, $0) }, uniquingKeysWith: { first, _ in first })
        }
        let measure = RunMeasure(target: targetAccuracy, runs: evaluation)
        let inSteps = measure.inSteps
        speedUnit = inSteps ? "steps" : "epochs"
        accuracyMeasure = measure.useTest ? "test" : "validation"
        let baselineName = variants.first ?? ""
        var accuracyTests: [MeanDifference?] = [], speedTests: [Speedup?] = [], restrictions: [Double?] = []
        for name in variants.dropFirst() {
            let tests = measure.tests(variant: bySeed[name] ?? [:], baseline: bySeed[baselineName] ?? [:])
            accuracyTests.append(tests.accuracy)
            speedTests.append(tests.speed)
            restrictions.append(tests.restriction)
        }
        let baselineRuns = bySeed[baselineName] ?? [:]
        let target = targetAccuracy
        func time(_ run: RunRecord) -> CensoredTime? { measure.time(run) }
        func accuracy(_ run: RunRecord) -> Double? { measure.accuracy(run) }
        restriction = restrictions.compactMap { $0 }.min()
            ?? baselineRuns.values.compactMap { Self.budget($0, inSteps: inSteps) }.min()
        let verdicts = VariantVerdict.forComparison(accuracy: accuracyTests, speed: speedTests,
                                                    accuracyMargin: accuracyMargin, speedMargin: speedMargin)
        self.variants = variants.enumerated().map { index, name in
            let runs = Array((bySeed[name] ?? [:]).values).sorted { $0.seed < $1.seed }
            let times = runs.compactMap(time)
            var summary = VariantSummary(
                name: name, baseline: index == 0, runs: runs.count, diverged: runs.filter { $0.status == .diverged }.count,
                learningRate: runs.first?.configuration?.learningRate, tunedValues: record?.tunedValues[name] ?? [:],
                testAccuracy: Summary(runs.compactMap(accuracy)).map(MeanEstimate.init),
                accuracyDelta: nil, speedupSteps: nil, speedupSeconds: nil,
                medianTimeToTarget: times.isEmpty ? nil : KaplanMeier(times).median,
                reachedTarget: times.filter(\.isReached).count,
                secondsPerStep: record?.stepSeconds[name],
                wallClockSecondsToTarget: Self.median(runs.compactMap { Self.firstReach($0, target: target, inSteps: inSteps)?.seconds }),
                verdictAccuracy: nil, verdictSpeed: nil, seedsToDecide: nil, method: nil,
                lossRoughness: Self.mean(runs.compactMap { LossRoughness.of(trainLoss: $0.epochs.map(\.trainLoss)) }),
                tuningCurve: [])
            guard index > 0 else { return summary }
            let verdict = verdicts[index - 1]
            if let difference = verdict.accuracy {
                summary.accuracyDelta = Estimate(estimate: difference.estimate, interval: difference.confidenceInterval,
                                                 p: difference.pValue, pHolm: verdict.accuracyAdjustedPValue)
                summary.method = difference.method.rawValue
            }
            if let speedup = verdict.speedup {
                summary.speedupSteps = Estimate(estimate: speedup.estimate, interval: speedup.confidenceInterval,
                                                p: speedup.pValue, pHolm: verdict.speedAdjustedPValue)
                if let mine = record?.stepSeconds[name], let theirs = record?.stepSeconds[baselineName], mine > 0 {
                    let factor = theirs / mine
                    summary.speedupSeconds = Estimate(
                        estimate: speedup.estimate * factor,
                        interval: speedup.confidenceInterval.map { ($0.lowerBound * factor)...($0.upperBound * factor) })
                }
                summary.method = summary.method ?? speedup.method.rawValue
            }
            summary.verdictAccuracy = verdict.accuracyVerdict.rawValue
            summary.verdictSpeed = verdict.speedVerdict.rawValue
            summary.seedsToDecide = verdict.seedsToDecide.map {
                switch $0 { case let .seeds(n): "\(n)"; case let .moreThan(cap): ">\(cap)" }
            }
            return summary
        }
        for (index, name) in variants.enumerated() {
            self.variants[index].tuningCurve = Self.tuningCurve(
                runs.filter { $0.kind == .tuning && $0.isComplete && Self.baseName(of: $0.variant) == name },
                keys: (try? settings.tuningPlan().dimensions.map(\.key)) ?? [])
        }
    }
}

extension ComparisonSummary {
    /// The summary as `report --summary-json` writes it: snake_case keys, nil as null, sorted and indented.
    public func jsonData() throws -> Data {
        let encoder = JSONCoding.encoder(pretty: true, nonFiniteAsStrings: true)
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    /// Reads what `jsonData` wrote.
    public static func decode(_ data: Data) throws -> ComparisonSummary {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(ComparisonSummary.self, from: data)
    }

    /// The variant a tuning trial belongs to: its cell name is `<variant> [tune i/n]`.
    static func baseName(of cellName: String) -> String {
        guard let open = cellName.range(of: " [tune ", options: .backwards) else { return cellName }
        return String(cellName[..<open.lowerBound])
    }

    /// The run's budget in the speed unit.
    static func budget(_ run: RunRecord, inSteps: Bool) -> Double? {
        if inSteps { return run.stepBudget.map(Double.init) ?? run.evaluations.last.map { Double($0.step) } }
        return run.configuration.map { Double($0.epochs) } ?? (run.epochs.isEmpty ? nil : Double(run.epochs.count))
    }

    /// The steps between evaluations (the smallest gap seen), for the speed-up's tie floor.
    static func evaluationInterval(_ runs: [RunRecord]) -> Double? {
        let gaps = runs.flatMap { run in zip(run.evaluations.dropFirst(), run.evaluations).map { Double($0.step - $1.step) } }
        return gaps.filter { $0 > 0 }.min()
    }

    /// Where a finished run first reached the target: its step (or epoch) and wall-clock seconds; nil if it
    /// never did (or did not finish).
    static func firstReach(_ run: RunRecord, target: Double, inSteps: Bool) -> (time: Double, seconds: Double)? {
        guard run.status == .finished else { return nil }
        if inSteps {
            return run.evaluations.first { $0.validationAccuracy >= target }.map { (Double($0.step), $0.elapsedSeconds) }
        }
        return run.epochs.first { $0.validationAccuracy >= target }.map { (Double($0.epoch), $0.elapsedSeconds) }
    }

    static func tuningCurve(_ trials: [RunRecord], keys: [String]) -> [TuningTrialSummary] {
        trials.compactMap { trial -> TuningTrialSummary? in
            guard let configuration = trial.configuration else { return nil }
            let values = Dictionary(uniqueKeysWithValues: keys.compactMap { key in
                TrainingOption.named(key)?.numeric.map { (key, $0.get(configuration)) }
            })
            return TuningTrialSummary(values: values,
                                      validationAccuracy: trial.status == .finished ? trial.finalValidationAccuracy : nil,
                                      diverged: trial.status == .diverged)
        }.sorted { ($0.values[keys.first ?? ""] ?? 0) < ($1.values[keys.first ?? ""] ?? 0) }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
