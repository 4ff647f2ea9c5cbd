import ArgumentParser
import ActivationLab
import Foundation

extension GammaType: ExpressibleByArgument {}

/// `actlab analyze-curvature`: the gradient-vs-Newton angle and Hessian spectrum of a small
/// shortcut network trained with none / ab / abg transformations (Vatanen et al. 2013).
struct AnalyzeCurvatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze-curvature",
        abstract: "Hessian eigenvalues and gradient-vs-Newton angles of a small transformed shortcut network.",
        discussion: """
        Trains a fully shortcut-connected tanh MLP with plain SGD for --steps minibatch steps (same \
        initial weights for every variant), re-estimating the transformations (Raiko et al. 2012; \
        Vatanen et al. 2013) every --transform-every steps, then once on the whole training set. It \
        then computes the Hessian of the full-batch mean cross-entropy w.r.t. the weights (biases \
        excluded) by central differences of the Double gradient (h = --fd-step) and reports its \
        eigenvalue spread and the angle between the gradient g and u = (H + μI)⁻¹g for μ in \
        logspace(−4, −0.3, 20), skipping μ with λ_min(H + μI) ≤ 1e-5.
        Interpretation: g is the full-batch gradient (the authors used the current minibatch); \
        the final full-set re-estimation and the fixed-interval schedule are our choices.

        Examples:
          actlab analyze-curvature --hidden 20-20 --samples 500 --steps 200 \\
              --transform all
          actlab analyze-curvature --hidden 10 --transform abg --gamma-type 2 --json
        """
    )

    enum DatasetChoice: String, ExpressibleByArgument, CaseIterable {
        case synthetic
        case sample
        case fashionMNIST = "fashion-mnist"
    }

    enum TransformChoice: String, ExpressibleByArgument, CaseIterable {
        case none, ab, abg, all

        var modes: [TransformMode] {
            switch self {
            case .none: [.none]
            case .ab: [.ab]
            case .abg: [.abg]
            case .all: TransformMode.allCases
            }
        }
    }

    @Option(help: "Data: 'synthetic' (a seeded random-teacher problem), or 'sample' / 'fashion-mnist' images average-pooled 4×4 to 7×7 = 49 features and 10 classes so the Hessian stays small.")
    var dataset: DatasetChoice = .synthetic

    @Option(help: "Hidden layer widths, e.g. 20-20.")
    var hidden: String = "20-20"

    @Option(help: "Training samples (the Hessian uses all of them).")
    var samples: Int = 500

    @Option(help: "Input features of the synthetic problem.")
    var features: Int = 10

    @Option(help: "Classes of the synthetic problem.")
    var classes: Int = 3

    @Option(help: "SGD steps before the analysis.")
    var steps: Int = 200

    @Option(name: .customLong("batch-size"), help: "Minibatch size for training.")
    var batchSize: Int = 50

    @Option(help: "SGD learning rate (no momentum), the same for every variant.")
    var lr: Float = 0.1

    @Option(help: "Which transformations: none, ab, abg or all.")
    var transform: TransformChoice = .all

    @Option(name: .customLong("gamma-type"), help: "γ formula: 1 (output·slope scale, the authors' default) or 2 (unit variance).")
    var gammaType: GammaType = .outputAndSlope

    @Option(name: .customLong("transform-every"), help: "Re-estimate the transformations every N steps.")
    var transformEvery: Int = 1

    @Option(name: .customLong("input-noise"), help: "Gaussian noise σ added to the re-estimation batch.")
    var inputNoise: Float = 0

    @Option(name: .customLong("fd-step"), help: "Central-difference step h for the Hessian.")
    var fdStep: Double = 1e-3

    @Option(help: "Seed for data, initial weights and minibatch order.")
    var seed: UInt64 = 1

    @Flag(help: "Print the reports as JSON instead of a table.")
    var json = false

    /// The largest Hessian this command builds (memory n², time ~n³ and 2n gradient passes).
    static let maximumWeights = 3000

    var hiddenWidths: [Int] {
        hidden.split(separator: "-").map { Int($0) ?? 0 }
    }

    var weightCount: Int {
        let sizes = [dataShape.features] + hiddenWidths + [dataShape.classes]
        return (1..<sizes.count).reduce(0) { total, l in total + (0..<l).reduce(0) { $0 + sizes[l] * sizes[$1] } }
    }

    func validate() throws {
        guard !hidden.isEmpty, hiddenWidths.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--hidden: '\(hidden)' is not positive widths joined by '-'. Write it like 20-20")
        }
        guard samples > 0, features > 0, steps >= 0, batchSize > 0, transformEvery > 0 else {
            throw ValidationError("--samples, --features, --batch-size and --transform-every must be positive, --steps non-negative")
        }
        guard classes >= 2 else { throw ValidationError("--classes: need at least 2, got \(classes)") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr: must be a positive number, got \(lr)") }
        guard fdStep > 0, fdStep.isFinite else { throw ValidationError("--fd-step: must be a positive number, got \(fdStep)") }
        guard inputNoise >= 0 else { throw ValidationError("--input-noise: must be ≥ 0, got \(inputNoise)") }
        guard weightCount <= Self.maximumWeights else {
            throw ValidationError("--hidden \(hidden) with \(dataShape.features) features and \(dataShape.classes) classes gives \(weightCount) weights; the Hessian analysis allows at most \(Self.maximumWeights)")
        }
    }

    /// The chosen data; of a dataset, the first --samples training images, whatever the seed.
    var curvatureData: CurvatureData {
        dataset == .synthetic ? .synthetic(features: features, classes: classes) : .pooled(dataset: dataset.rawValue)
    }

    /// Input features and classes of the chosen data.
    var dataShape: (features: Int, classes: Int) {
        dataset == .synthetic ? (features, classes) : (49, 10)
    }

    func run() throws {
        let data = try curvatureData.load(samples: samples, seed: seed, selection: .leading)
        let experiment = CurvatureExperiment(
            hidden: hiddenWidths, steps: steps, batchSize: batchSize, learningRate: lr,
            gammaType: gammaType,
            schedule: TransformationSchedule(every: transformEvery, inputNoise: inputNoise),
            finiteDifferenceStep: fdStep, seed: seed)
        var reports: [CurvatureReport] = []
        var seconds: [Double] = []
        do {
            for mode in transform.modes {
                let start = Date()
                reports.append(try experiment.run(data: data, transform: mode))
                seconds.append(Date().timeIntervalSince(start))
            }
        } catch let error as CurvatureError {
            throw ValidationError(error.description)
        }
        if json {
            try Terminal.printJSON(reports)
            return
        }
        let sizes = reports.first?.sizes.map(String.init).joined(separator: "-") ?? ""
        print("analyze-curvature: \(data.name), \(data.count) samples, network \(sizes) (\(weightCount) weights), "
              + "\(steps) SGD steps, lr \(lr), h = \(fdStep)")
        let names = reports.map(\.transform)
        func row(_ label: String, _ values: [String]) {
            print(label.padding(toLength: 22, withPad: " ", startingAt: 0)
                  + values.map { $0.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined())
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.4g", $0) } ?? "–" }
        row("", names)
        row("loss", reports.map { number($0.loss) })
        row("‖g‖", reports.map { number($0.gradientNorm) })
        row("λ max", reports.map { number($0.largestEigenvalue) })
        row("λ min", reports.map { number($0.smallestEigenvalue) })
        row("λ min positive", reports.map { number($0.smallestPositiveEigenvalue) })
        row("negative λ", reports.map { String($0.negativeCount) })
        row("zero λ (|λ| ≤ τ)", reports.map { String($0.zeroCount) })
        row("spread λmax/λmin+", reports.map { number($0.eigenvalueSpread) })
        row("condition max|λ|/min", reports.map { number($0.conditionNumber) })
        row("off-diagonal ratio", reports.map { number($0.offDiagonalRatio) })
        row("FD asymmetry", reports.map { number($0.asymmetry) })
        row("γ at cap (per layer)", reports.map { $0.diagnostics.map { String($0.gammaAtCap) }.joined(separator: "/") })
        row("low-var fraction", reports.map { $0.diagnostics.map { String(format: "%.2f", $0.lowVarianceFraction) }.joined(separator: "/") })
        row("seconds", seconds.map { String(format: "%.2f", $0) })
        print("")
        row("μ \\ angle (degrees)", names)
        for (index, angle) in (reports.first?.angles ?? []).enumerated() {
            row(String(format: "%.3e", angle.mu),
                reports.map { $0.angles[index].degrees.map { String(format: "%.2f", $0) } ?? "–" })
        }
        print("– : μ skipped because λ_min(H + μI) ≤ 1e-5. τ = max(1e-9, 10·asymmetry)·max|λ| (finite-difference noise); "
              + "softmax makes \(reports.first.map { $0.sizes.dropLast().reduce(0, +) } ?? 0) directions exactly flat. "
              + "Interpretation: full-batch g; see --help.")
    }
}
