import ActivationLab
import Foundation

/// `actlab bench --startup`: cell start-up, the time from a sweep cell's start to its first training step
/// (loading the seed's splits, building and preparing the session, the first step), with the data
/// decoded from its files (every cell before the data cache), read from the disk cache (a new process), and
/// shared in memory (a later cell of the same process). bench/startup.sh runs it.
enum BenchStartup {
    enum Source: String, CaseIterable {
        case decode, disk, memory
    }

    /// Prints one JSON line per source: the median and every repetition's milliseconds.
    static func run(dataset: String, model: String, repetitions: Int, threads: Int) throws {
        let source = try DatasetSource(spec: dataset)
        var environment = ProcessInfo.processInfo.environment
        environment["ACTLAB_DATA_CACHE"] = environment["ACTLAB_DATA_CACHE"] ?? "on"
        // The disk cache must hold the data before it can be timed; this first load (a fresh process) is reported too.
        DecodedDataCache.shared.removeAll()
        let first = try time(source: source, environment: environment, model: model, seed: 1, threads: threads)
        try report("first-load", [first], dataset: dataset, model: model, threads: threads)
        for mode in Source.allCases {
            var times: [Double] = []
            for repetition in 1...repetitions {
                var modeEnvironment = environment
                if mode == .decode { modeEnvironment["ACTLAB_DATA_CACHE"] = "off" }
                if mode != .memory { DecodedDataCache.shared.removeAll() }
                times.append(try time(source: source, environment: modeEnvironment, model: model,
                                      seed: UInt64(repetition), threads: threads, decodeOnly: mode == .decode))
            }
            try report(mode.rawValue, times, dataset: dataset, model: model, threads: threads)
        }
    }

    /// Seconds from the cell's start to the end of its first training step.
    private static func time(source: DatasetSource, environment: [String: String], model: String, seed: UInt64,
                             threads: Int, decodeOnly: Bool = false) throws -> Double {
        let start = Date()
        var configuration = TrainingConfiguration()
        configuration.model = model
        configuration.seed = seed
        let splits: DataSplits
        if decodeOnly {
            let (train, test) = try source.decodeTrainTest(environment: environment)
            splits = try DataSplits(train: train, test: test, validationFraction: configuration.validationFraction, seed: seed)
                .normalized(configuration.normalization ?? source.defaultNormalization)
        } else {
            splits = try source.load(validationFraction: configuration.validationFraction, seed: seed,
                                     normalization: configuration.normalization, environment: environment)
        }
        let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                          classCount: splits.train.classCount, compute: ComputeContext(threads: threads))
        try session.prepare(with: splits.train)
        var firstStep: Date?
        _ = session.run(on: splits, shouldStop: { firstStep != nil }) { event in
            if case .step = event, firstStep == nil { firstStep = Date() }
        }
        return (firstStep ?? Date()).timeIntervalSince(start)
    }

    private static func report(_ source: String, _ seconds: [Double], dataset: String, model: String, threads: Int) throws {
        let milliseconds = seconds.map { ($0 * 10_000).rounded() / 10 }
        let median = milliseconds.sorted()[milliseconds.count / 2]
        let line: [String: Any] = ["measure": "cell-startup", "source": source, "dataset": dataset, "model": model,
                                   "threads": threads, "median_ms": median, "ms": milliseconds]
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}
