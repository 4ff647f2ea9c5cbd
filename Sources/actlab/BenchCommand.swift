import ArgumentParser
import ActivationLab
import Foundation

/// `actlab bench`: training throughput of the benchmark networks, the Swift half of bench/run.sh.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training throughput (samples/s) of the benchmark MLP and CNNs.",
        discussion: """
        Trains MLP 784-256-256-10 (tanh, or the activation named by mlp-relu, mlp-gelu, mlp-silu),
        cnn:lenet and cnn:resnet (relu) with SGD momentum 0.9, batch 128, on the Fashion-MNIST training
        images (pixels in [0, 1]), timing a fixed number of steps per repetition after a warm-up. Prints
        one JSON line per model (with its training FLOPs per sample, counted from its layers) and one
        for a square sgemm timed between the repetitions. bench/run.sh runs this beside PyTorch.

        Example:
          actlab bench --threads 2 --repetitions 5
        """
    )

    @Option(help: "Threads for BLAS (at most the cores).") var threads = 2
    @Option(help: "Timed repetitions per model (after one warm-up).") var repetitions = 5

    /// The benchmark networks: one table serves the help, the validation and the dispatch.
    enum Model: String, CaseIterable {
        case mlp, mlpTanh = "mlp-tanh", mlpRelu = "mlp-relu", mlpGelu = "mlp-gelu", mlpSilu = "mlp-silu", lenet, resnet

        /// The MLP's activation (plain `mlp` is tanh); nil for the CNNs.
        var mlpActivation: String? {
            switch self {
            case .mlp, .mlpTanh: "tanh"
            case .mlpRelu: "relu"
            case .mlpGelu: "gelu"
            case .mlpSilu: "silu"
            case .lenet, .resnet: nil
            }
        }

        static var names: [String] { allCases.map(\.rawValue) }
    }

    // A comma-separated list (bench/run.sh passes `--models mlp,lenet`), so not an array of `Model` options.
    @Option(help: "Comma-separated models: \(Model.names.joined(separator: ", ")).") var models = "mlp,lenet,resnet"
    @Option(help: "Minibatch steps per MLP repetition.") var mlpSteps = 300
    @Option(help: "Minibatch steps per cnn:lenet repetition.") var cnnSteps = 60
    @Option(help: "Minibatch steps per cnn:resnet repetition.") var resnetSteps = 15
    @Option(help: "Dataset spec.") var dataset = "fashion-mnist"
    @Option(help: "Comma-separated kernel sets, interleaved repetition by repetition: fast (the default), baseline (fast, with the C kernels built for CPUs without AVX2/FMA), reference (the kernels they replaced).")
    var kernels = "fast"
    @Option(help: "Size of the square sgemm timed beside the models (its GFLOP/s is the yardstick).") var sgemmSize = 1024
    @Flag(help: "Measure cell start-up instead (data load to first training step: decoded, from the disk cache, shared in memory); bench/startup.sh.")
    var startup = false
    @Option(help: "The model for --startup.") var startupModel = "mlp:784-128-128-10"
    @Flag(help: "Also print, per model and kernel set, where a step's wall time goes (µs per step for each layer's forward and backward, the loss, gradient zeroing, the optimiser, the batch), to standard error.")
    var profile = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        for name in models.split(separator: ",").map(String.init) where Model(rawValue: name) == nil {
            throw ValidationError("--models: unknown model '\(name)'. Use one of \(Model.names.joined(separator: ", "))")
        }
        for name in kernels.split(separator: ",").map(String.init) where KernelChoice(rawValue: name) == nil {
            throw ValidationError("--kernels: unknown kernel set '\(name)'. Use fast, baseline or reference")
        }
        guard sgemmSize > 0 else { throw ValidationError("--sgemm-size: must be positive") }
    }

    /// The chosen models, in the order given (validated).
    var chosenModels: [Model] { models.split(separator: ",").compactMap { Model(rawValue: String($0)) } }
    var chosenKernels: [KernelChoice] { kernels.split(separator: ",").compactMap { KernelChoice(rawValue: String($0)) } }

    func run() throws {
        let threads = ThreadCount.resolve(self.threads)
        if startup {
            return try BenchStartup.run(dataset: dataset, model: startupModel, repetitions: repetitions, threads: threads)
        }
        // All 60 000 training images (no validation hold-out), pixels scaled to [0, 1] as on the PyTorch side.
        let data = try DatasetSource(spec: dataset).load(validationFraction: 0).train
        let compute = ComputeContext(threads: threads)
        let sgemm = SgemmTimer(size: sgemmSize, compute: compute)
        var sgemmRates: [Double] = []
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
            } else {
                configuration.model = "cnn:\(model.rawValue)"
                configuration.activation = "relu"
                steps = model == .lenet ? cnnSteps : resnetSteps
            }
            var rates = [KernelChoice: [Double]]()
            var cpuPerSample = [KernelChoice: [Double]]()
            let profiles = Dictionary(uniqueKeysWithValues: chosenKernels.map { ($0, StepProfile()) })
            var flopsPerSample = 0
            let validation = data.subset(0..<16)
            for repetition in 0...repetitions {
                // The yardstick, timed between the model's repetitions so both see the same machine load.
                if repetition > 0 {
                    sgemmRates.append(sgemm.gflops())
                    sgemm.letLibraryThreadsSleep()
                }
                for choice in chosenKernels {
                    let count = (repetition == 0 ? max(10, steps / 5) : steps) * configuration.batchSize
                    let start = (repetition * 7919) % max(1, data.count - count)
                    let train = data.subset(start..<(start + min(count, data.count)))
                    configuration.seed = UInt64(repetition + 1)
                    let session = try TrainingSession(configuration: configuration, sampleShape: data.sampleShape,
                                                      classCount: data.classCount, compute: compute)
                    flopsPerSample = try session.model.trainingFLOPs(forInput: data.sampleShape)
                    let cpuStart = Self.processCPUSeconds()
                    let result = choice.run {
                        let splits = DataSplits(train: train, validation: validation, test: validation)
                        // Timed repetitions only: the warm-up's first steps allocate and fault pages.
                        guard profile, repetition > 0, let profiling = profiles[choice] else { return session.run(on: splits) }
                        return profiling.run { session.run(on: splits) }
                    }
                    let cpu = Self.processCPUSeconds() - cpuStart
                    guard let epoch = result.epochs.first else { throw ValidationError(result.message ?? "bench run failed") }
                    if repetition > 0 {
                        rates[choice, default: []].append(Double(train.count) / epoch.seconds)
                        cpuPerSample[choice, default: []].append(cpu / Double(train.count) * 1e6)
                    }
                }
            }
            for choice in chosenKernels {
                if profile, let profiling = profiles[choice] {
                    Self.printProfile(profiling, of: "\(model.rawValue) (\(choice.rawValue) kernels, \(threads) threads)")
                }
                try printLine(["framework": choice == .fast ? "activationlab" : "activationlab-\(choice.rawValue)",
                               "model": model.rawValue, "threads": threads, "flops_per_sample": flopsPerSample,
                               "samples_per_second": rates[choice] ?? [],
                               "cpu_microseconds_per_sample": cpuPerSample[choice] ?? []])
            }
        }
        try printLine(["framework": "activationlab", "model": "sgemm", "threads": threads, "size": sgemmSize,
                       "gflops": sgemmRates])
    }

    /// The profile as a table on standard error (standard output is the JSON lines bench/run.sh reads).
    static func printProfile(_ profile: StepProfile, of title: String) {
        let parts = profile.microsecondsPerStep
        let total = parts.reduce(0) { $0 + $1.microseconds }
        let width = parts.map(\.part.count).max() ?? 0
        var text = "where a step's time goes, \(title), mean of \(profile.steps) steps:\n"
        for (part, microseconds) in parts + [("total", total)] {
            let share = total > 0 ? String(format: "%5.1f%%", 100 * microseconds / total) : ""
            text += "  \(part.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(format: "%8.1f µs", microseconds))  \(share)\n"
        }
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// User + system CPU time of the whole process so far: on a loaded machine the CPU time a step costs is
    /// steadier than its wall time, which depends on how the scheduler shares the cores (a spinning
    /// BLAS thread wins a larger share of a contested core).
    static func processCPUSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    private func printLine(_ line: [String: Any]) throws {
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}

/// Times a square single-precision matrix product through `BLAS.gemm` (OpenBLAS with the run's threads):
/// the machine's practical peak for the models' GFLOP/s to be compared with.
struct SgemmTimer {
    let size: Int
    let compute: ComputeContext
    private let a: [Float]
    private let b: [Float]

    init(size: Int, compute: ComputeContext) {
        self.size = size
        self.compute = compute
        a = (0..<(size * size)).map { Float($0 % 17) / 17 - 0.5 }
        b = (0..<(size * size)).map { Float($0 % 13) / 13 - 0.5 }
    }

    /// Waits until OpenBLAS's worker threads, which spin for ~0.1 s after a product they shared (`bench/
    /// openblas_spin.sh`), are asleep again: a training step runs its products on our own two threads, and the
    /// yardstick's leftover spinning would otherwise take a core from the model's next repetition, which a
    /// real run never sees.
    func letLibraryThreadsSleep() {
        if compute.threads > 1 { Thread.sleep(forTimeInterval: 0.15) }
    }

    /// GFLOP/s of the fastest of five products (after one untimed), 2·size³ FLOPs each.
    func gflops() -> Double {
        var c = [Float](repeating: 0, count: size * size)
        var best = Double.infinity
        compute.run {
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    c.withUnsafeMutableBufferPointer { c in
                        for trial in 0...5 {
                            let start = DispatchTime.now().uptimeNanoseconds
                            BLAS.gemm(m: size, n: size, k: size, a: a.baseAddress!, b: b.baseAddress!, c: c.baseAddress!)
                            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                            if trial > 0 { best = min(best, seconds) }
                        }
                    }
                }
            }
        }
        return 2 * pow(Double(size), 3) / best / 1e9
    }
}
