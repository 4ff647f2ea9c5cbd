import ArgumentParser
import ActivationLab
import Foundation

/// `actlab bench`: training throughput of the benchmark networks, the Swift half of bench/run.sh.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training throughput (samples/s) of the benchmark MLP and LeNet-style CNN.",
        discussion: """
        Trains MLP 784-256-256-10 (tanh, or the activation named by mlp-relu, mlp-gelu, mlp-silu) and
        cnn:lenet (relu) with SGD momentum 0.9, batch 128, on the Fashion-MNIST training images (pixels
        in [0, 1]), timing a fixed number of steps per repetition after a warm-up. Prints one JSON line
        per model. bench/run.sh runs this beside PyTorch.

        Example:
          actlab bench --threads 2 --repetitions 5
        """
    )

    @Option(help: "Threads for BLAS (at most the cores).") var threads = 2
    @Option(help: "Timed repetitions per model (after one warm-up).") var repetitions = 5

    /// The benchmark networks: one table serves the help, the validation and the dispatch.
    enum Model: String, CaseIterable {
        case mlp, mlpTanh = "mlp-tanh", mlpRelu = "mlp-relu", mlpGelu = "mlp-gelu", mlpSilu = "mlp-silu", lenet

        /// The MLP's activation (plain `mlp` is tanh); nil for the CNN.
        var mlpActivation: String? {
            switch self {
            case .mlp, .mlpTanh: "tanh"
            case .mlpRelu: "relu"
            case .mlpGelu: "gelu"
            case .mlpSilu: "silu"
            case .lenet: nil
            }
        }

        static var names: [String] { allCases.map(\.rawValue) }
    }

    // A comma-separated list (bench/run.sh passes `--models mlp,lenet`), so not an array of `Model` options.
    @Option(help: "Comma-separated models: \(Model.names.joined(separator: ", ")).") var models = "mlp,lenet"
    @Option(help: "Minibatch steps per MLP repetition.") var mlpSteps = 300
    @Option(help: "Minibatch steps per CNN repetition.") var cnnSteps = 60
    @Option(help: "Dataset spec.") var dataset = "fashion-mnist"
    @Flag(help: "Measure cell start-up instead (data load to first training step: decoded, from the disk cache, shared in memory); bench/startup.sh.")
    var startup = false
    @Option(help: "The model for --startup.") var startupModel = "mlp:784-128-128-10"

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        for name in models.split(separator: ",").map(String.init) where Model(rawValue: name) == nil {
            throw ValidationError("--models: unknown model '\(name)'. Use one of \(Model.names.joined(separator: ", "))")
        }
    }

    /// The chosen models, in the order given (validated).
    var chosenModels: [Model] { models.split(separator: ",").compactMap { Model(rawValue: String($0)) } }

    func run() throws {
        let threads = ThreadCount.resolve(self.threads)
        if startup {
            return try BenchStartup.run(dataset: dataset, model: startupModel, repetitions: repetitions, threads: threads)
        }
        // All 60 000 training images (no validation hold-out), pixels scaled to [0, 1] as on the PyTorch side.
        let data = try DatasetSource(spec: dataset).load(validationFraction: 0).train
        for model in chosenModels {
            var configuration = TrainingConfiguration()
            configuration.learningRate = 0.05
            configuration.momentum = 0.9
            configuration.batchSize = 128
            configuration.epochs = 1
            let steps: Int
            if let activation = model.mlpActivation {
                configuration.model = "mlp:784-256-256-10"
                configuration.activation = activation
                steps = mlpSteps
            } else {  // lenet
                configuration.model = "cnn:lenet"
                configuration.activation = "relu"
                steps = cnnSteps
            }
            var rates: [Double] = []
            let validation = data.subset(0..<16)
            for repetition in 0...repetitions {
                let count = (repetition == 0 ? max(10, steps / 5) : steps) * configuration.batchSize
                let start = (repetition * 7919) % max(1, data.count - count)
                let train = data.subset(start..<(start + min(count, data.count)))
                configuration.seed = UInt64(repetition + 1)
                let session = try TrainingSession(configuration: configuration, sampleShape: data.sampleShape,
                                                  classCount: data.classCount, compute: ComputeContext(threads: threads))
                let result = session.run(on: DataSplits(train: train, validation: validation, test: validation))
                guard let epoch = result.epochs.first else { throw ValidationError(result.message ?? "bench run failed") }
                if repetition > 0 { rates.append(Double(train.count) / epoch.seconds) }
            }
            let line: [String: Any] = ["framework": "activationlab", "model": model.rawValue, "threads": threads,
                                       "samples_per_second": rates]
            let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
            print(String(decoding: json, as: UTF8.self))
        }
    }
}
