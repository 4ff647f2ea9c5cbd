import ArgumentParser
import ActivationLab
import Foundation

/// `actlab train`: one training run, with per-epoch metrics and an optional checkpoint.
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

        A run that diverges (non-finite loss or weights) stops with exit
        status 3.

        \(TrainingOptions.help(epochs: 10))
        """
    )

    @OptionGroup var options: TrainingOptions
    @Flag(help: "Print one JSON object per epoch on stdout instead of text.") var json = false
    @Option(help: "Write a checkpoint (configuration + weights) here when training ends.") var save: String?
    @Option(help: "Start from the weights of this checkpoint (its model must match).") var load: String?

    func run() throws {
        try options.compute.run { try train() }
    }

    private func train() throws {
        let configuration = try options.configuration()
        let splits = try loadSplits(for: configuration)
        let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                          classCount: splits.train.classCount)
        if let load {
            try Checkpoint.read(from: URL(fileURLWithPath: load)).load(into: session.model, source: load)
        }
        try session.prepare(with: splits.train)
        if !json {
            let model = try configuration.resolvedModel(sampleShape: splits.train.sampleShape, classCount: splits.train.classCount)
            Terminal.paragraph("training \(model) [\(configuration.techniqueSummary)] on \(splits.train.name): "
                  + "\(splits.train.count) train / \(splits.validation.count) validation / \(splits.test.count) test, "
                  + "\(session.model.parameterCount) parameters")
        }
        var progress = EpochProgress(totalEpochs: configuration.epochs)
        let result = session.run(on: splits, onEvent: { event in
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
        // The session evaluated the test split of a finished run; a diverged or stopped one still gets its line.
        let test = result.test ?? Evaluation.run(model: session.model, head: session.head, on: splits.test)
        let summary = "\(result.status.rawValue)\(result.message.map { " (\($0))" } ?? ""): test accuracy "
            + String(format: "%.2f%%, cross-entropy %.4f on %d samples", 100 * test.accuracy, test.crossEntropy, test.count)
        if json { Terminal.error(summary) } else { Terminal.line(summary) }
        if let save {
            try Checkpoint(configuration: configuration, model: session.model, metrics: result.epochs.last)
                .write(to: URL(fileURLWithPath: save))
            if !json { Terminal.line("checkpoint written to \(save)") }
        }
        if result.status == .diverged { throw ExitCode(3) }
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
