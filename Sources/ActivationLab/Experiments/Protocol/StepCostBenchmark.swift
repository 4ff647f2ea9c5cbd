import Foundation

/// Seconds per training step of each variant, measured in this process so that load on the machine hits
/// every variant alike: each variant's model is built and warmed up, then rounds of a few steps per variant
/// are interleaved (variant order rotating each round), and each variant's median over the rounds is kept.
///
/// Why not wall-clock seconds to target: two identical runs measured minutes apart differed by 10% on a
/// shared machine, and a variant that ran first while the machine warmed up looked 1.8× faster. Steps to
/// target are exact; this benchmark turns them into seconds with costs measured side by side.
public struct StepCostBenchmark {
    public var warmupSteps = 3
    public var stepsPerRound = 4
    public var rounds = 7

    public init() {}

    /// Median seconds per step of each configuration (by name), on minibatches of `data`.
    public func measure(_ configurations: [(name: String, configuration: TrainingConfiguration)], on data: Dataset,
                        compute: ComputeContext = .current) throws -> [String: Double] {
        var runners: [(name: String, step: () -> Void)] = []
        for (name, configuration) in configurations {
            let session = try TrainingSession(configuration: configuration, sampleShape: data.sampleShape,
                                              classCount: data.classCount, compute: compute)
            let batches = Array(Batcher(dataset: data, batchSize: configuration.batchSize, seed: configuration.seed)
                .batches(epoch: 0).prefix(stepsPerRound))
            guard !batches.isEmpty else { continue }
            var step = 0
            runners.append((name, {
                let batch = batches[step % batches.count]
                step += 1
                // A tiny rate: the cost of a step does not depend on it, and the weights stay finite.
                session.trainer.trainStep(features: batch.features, labels: batch.labels, learningRate: 1e-6, step: step)
            }))
        }
        var samples: [String: [Double]] = [:]
        compute.run {
            for runner in runners { for _ in 0..<warmupSteps { runner.step() } }
            for round in 0..<rounds {
                for offset in runners.indices {
                    let runner = runners[(offset + round) % runners.count]
                    let start = DispatchTime.now().uptimeNanoseconds
                    for _ in 0..<stepsPerRound { runner.step() }
                    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(stepsPerRound)
                    samples[runner.name, default: []].append(seconds)
                }
            }
        }
        return samples.compactMapValues { ComparisonSummary.median($0) }
    }

    /// How the costs were measured, for reports.
    public var method: String {
        "median over \(rounds) interleaved rounds of \(stepsPerRound) steps per variant, after \(warmupSteps) warm-up steps, in one process"
    }
}
