import ArgumentParser
import ActivationLab
import Foundation

/// `actlab train`: one training run, with per-epoch metrics and an optional checkpoint.
///
/// Exit status: 0 finished (or stopped early by `--patience`); 1 bad input (options, data, an unreadable,
/// damaged or mismatched `--load` checkpoint, an unwritable `--save` target: all told before training);
/// 3 diverged (`DivergenceRule`; no checkpoint is written); 130 interrupted by SIGINT, SIGTERM or SIGHUP
/// (`Interrupt`; no checkpoint is written).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one network and report per-epoch loss, accuracy, time and diagnostics.",
        discussion: """
        Examples:
          actlab train --activation penalized-tanh --epochs 3
          actlab train --head linear-exp --lr 0.01 --json
          actlab train --model cnn:lenet --optimizer adam --lr 0.001
          actlab train --activation tanh --transform abg --lr 0.2
          actlab train --dataset csv:iris.csv --model mlp:4-16-3 --save iris.json

        A run that diverges (a non-finite loss or weight, or a loss over 100×
        its starting value) stops with exit status 3 and saves no checkpoint;
        Ctrl-C, SIGTERM or SIGHUP stop it with status 130.

        --load checks the checkpoint against the current model options
        (model, activation, head, transform, ...): a difference is an error
        unless --load-weights-only is given. --save is checked writable before
        training starts.

        \(TrainingOptions.help(epochs: 10))
        """
    )

    @OptionGroup var options: TrainingOptions
    @Flag(help: "Print one JSON object per epoch on stdout instead of text.") var json = false
    @Option(help: "Write a checkpoint (configuration + weights) here when training ends.") var save: String?
    @Option(help: "Start from the weights of this checkpoint (saved with the same model options).") var load: String?
    @Flag(help: "With --load: load the weights even if the checkpoint was saved with other model options (activation, head, transform, ...); the tensor shapes must still match.")
    var loadWeightsOnly = false

    func validate() throws {
        if loadWeightsOnly && load == nil { throw ValidationError("--load-weights-only needs --load FILE") }
    }

    func run() throws {
        try options.compute.run { try train() }
    }

    private func train() throws {
        let configuration = try options.configuration()
        // Fail before training, not after it: a model that cannot be saved is lost.
        if let save {
            do { try RegularFile.checkWritable(save) } catch let problem as RegularFile.Problem {
                throw CommandLineError("--save \(save): \(problem.reason). Choose another path")
            }
        }
        let checkpoint = try load.map { try Checkpoint.read(from: URL(fileURLWithPath: $0)) }
        let splits = try loadSplits(for: configuration)
        let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                          classCount: splits.train.classCount)
        // Initialisation first (explicit init, first α, β, γ), then the checkpoint replaces what it holds.
        try session.prepare(with: splits.train)
        if let checkpoint, let load {
            try Self.checkCompatible(checkpoint, source: load, with: configuration, data: splits.train,
                                     weightsOnly: loadWeightsOnly)
            try checkpoint.load(into: session.model, source: load)
        }
        if !json {
            let model = try configuration.resolvedModel(sampleShape: splits.train.sampleShape, classCount: splits.train.classCount)
            Terminal.paragraph("training \(model) [\(configuration.techniqueSummary)] on \(splits.train.name): "
                  + "\(splits.train.count) train / \(splits.validation.count) validation / \(splits.test.count) test, "
                  + "\(session.model.parameterCount) parameters")
        }
        var progress = EpochProgress(totalEpochs: configuration.epochs)
        Interrupt.install()
        let result = session.run(on: splits, shouldStop: { Interrupt.requested }, onEvent: { event in
            switch event {
            case let .step(epoch, step, steps, loss):
                progress.step(epoch: epoch, step: step, of: steps, loss: loss)
            case let .epoch(metrics):
                Terminal.clearStatus()
                Terminal.line(json ? Terminal.jsonLine(metrics) : progress.line(for: metrics))
            case .evaluation:
                break
            }
        })
        Terminal.clearStatus()
        if Interrupt.requested {
            Terminal.error("interrupted after \(result.epochs.count) of \(configuration.epochs) epochs"
                + (save.map { "; no checkpoint written to \($0)" } ?? ""))
            throw ExitCode(Interrupt.exitStatus)
        }
        // The session evaluated the test split of a finished run; a diverged or stopped one still gets its line.
        let test = result.test ?? Evaluation.run(model: session.model, head: session.head, on: splits.test)
        let summary = "\(result.status.rawValue)\(result.message.map { " (\($0))" } ?? ""): test accuracy "
            + String(format: "%.2f%%, cross-entropy %.4f on %d samples", 100 * test.accuracy, test.crossEntropy, test.count)
        if json { Terminal.error(summary) } else { Terminal.line(summary) }
        if let save {
            if result.status == .diverged {
                Terminal.error("note: no checkpoint written to \(save): the run diverged")
            } else {
                try Checkpoint(configuration: configuration, model: session.model, metrics: result.epochs.last)
                    .write(to: URL(fileURLWithPath: save))
                if !json { Terminal.line("checkpoint written to \(save)") }
            }
        }
        if result.status == .diverged { throw ExitCode(3) }
    }

    /// Refuses a checkpoint saved with other model options, naming them, unless `weightsOnly`.
    static func checkCompatible(_ checkpoint: Checkpoint, source: String, with configuration: TrainingConfiguration,
                                data: Dataset, weightsOnly: Bool) throws {
        let differences = checkpoint.differences(from: configuration, sampleShape: data.sampleShape, classCount: data.classCount)
        guard !differences.isEmpty, !weightsOnly else { return }
        let listed = differences.map { "\(CommandLineOptions.flag($0.key)) \($0.saved) (now \($0.current))" }.joined(separator: ", ")
        throw CommandLineError("--load \(source): the checkpoint was saved with other model options: \(listed). "
            + "Give the same options, or --load-weights-only to load its weights anyway")
    }
}

/// Per-epoch text lines and the in-epoch progress bar with ETA.
struct EpochProgress {
    let totalEpochs: Int
    private let start = Date()
    private var lossSum = 0.0
    private var lossCount = 0

    init(totalEpochs: Int) { self.totalEpochs = totalEpochs }

    mutating func step(epoch: Int, step: Int, of steps: Int, loss: Double) {
        if step == 1 { lossSum = 0; lossCount = 0 }
        lossSum += loss
        lossCount += 1
        guard step % 10 == 0 || step == steps else { return }
        let done = Double(epoch - 1) + Double(step) / Double(steps)
        let elapsed = Date().timeIntervalSince(start)
        let eta = elapsed / done * (Double(totalEpochs) - done)
        Terminal.status("epoch \(epoch)/\(totalEpochs) \(Terminal.bar(Double(step) / Double(steps))) "
                        + String(format: "loss %.4f", lossSum / Double(lossCount)) + "  ETA \(Terminal.duration(eta))")
    }

    func line(for m: EpochMetrics) -> String {
        String(format: "epoch %d/%d  train loss %.4f  val loss %.4f  val acc %.2f%%  ",
               m.epoch, totalEpochs, m.trainLoss, m.validationLoss, 100 * m.validationAccuracy) + DurationText.format(m.seconds)
    }
}
