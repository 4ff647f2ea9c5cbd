import Foundation

/// Minibatch training with validation every few steps and at each epoch end, per-epoch diagnostics,
/// early stopping and divergence detection (`DivergenceRule`: a non-finite loss or weight, or a loss over
/// 100× its starting value, ends the run as `diverged`).
public final class Trainer {
    public let model: any Layer
    public let head: any Head
    public let optimizer: any Optimizer
    public var schedule: LearningRateSchedule
    public var learningRate: Float
    public var batchSize: Int
    /// Epochs without improvement of the validation loss before stopping; nil never stops early.
    public var patience: Int?
    /// Evaluate the validation set every this many optimiser steps of each epoch, and at each epoch end;
    /// nil uses `defaultEvaluationInterval`. Counted within the epoch, so the evaluations of every epoch sit
    /// at the same places and an intermediate one never falls a step after the epoch end (counting over the
    /// whole run did, when the interval did not divide the epoch: the gap of 1 step then passed for the
    /// evaluation grid's resolution).
    public var evaluateEvery: Int?
    /// Hooks run after each step, in order.
    public var hooks: [any StepHook] = []
    /// Diagnostics use the first this-many validation samples.
    public var diagnosticsSampleCount = 512
    /// The threads this trainer's computations may use, installed while it trains.
    public var compute: ComputeContext

    public init(model: any Layer, head: any Head, optimizer: any Optimizer, learningRate: Float,
                schedule: LearningRateSchedule = .constant, batchSize: Int = 128, patience: Int? = nil,
                evaluateEvery: Int? = nil, compute: ComputeContext = .current) {
        HeapReuse.install()
        self.compute = compute
        self.model = model
        self.head = head
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.schedule = schedule
        self.batchSize = batchSize
        self.patience = patience
        self.evaluateEvery = evaluateEvery
    }

    /// Trains for up to `epochs` epochs in `compute`, calling `onEvent` as it goes.
    /// - Parameters:
    ///   - seed: drives the minibatch order (the model was initialised separately).
    ///   - shouldStop: polled between steps; returning true ends the run as finished after the current epoch is discarded.
    public func train(train: Dataset, validation: Dataset, epochs: Int, seed: UInt64,
                      shouldStop: () -> Bool = { false },
                      onEvent: (TrainingEvent) -> Void = { _ in }) -> TrainingResult {
        compute.run {
            epochLoop(train: train, validation: validation, epochs: epochs, seed: seed,
                      shouldStop: shouldStop, onEvent: onEvent)
        }
    }

    private func epochLoop(train: Dataset, validation: Dataset, epochs: Int, seed: UInt64,
                           shouldStop: () -> Bool, onEvent: (TrainingEvent) -> Void) -> TrainingResult {
        let parameters = model.parameters
        let batcher = Batcher(dataset: train, batchSize: batchSize, seed: seed)
        let stepsPerEpoch = batcher.batchCount
        let totalSteps = stepsPerEpoch * epochs
        let start = DispatchTime.now()
        var history: [EpochMetrics] = []
        var bestLoss = Double.infinity
        var epochsWithoutImprovement = 0
        var globalStep = 0
        var evaluations: [EvaluationPoint] = []
        let interval = evaluateEvery ?? Self.defaultEvaluationInterval(
            stepsPerEpoch: stepsPerEpoch, trainCount: train.count, validationCount: validation.count)
        /// Set by the first step's loss: what counts as a blow-up from then on.
        var divergence: DivergenceRule?

        /// The result so far, whatever ended the run.
        func result(_ status: RunStatus, message: String? = nil, divergedAtStep: Int? = nil) -> TrainingResult {
            TrainingResult(status: status, epochs: history, message: message, divergedAtStep: divergedAtStep,
                           evaluations: evaluations, steps: globalStep, stepBudget: totalSteps)
        }
        /// Records one validation evaluation after `globalStep` steps.
        func record(_ evaluation: Evaluation, epoch: Int, at time: DispatchTime) {
            let point = EvaluationPoint(step: globalStep, epoch: epoch, validationAccuracy: evaluation.accuracy,
                                        validationLoss: evaluation.loss, elapsedSeconds: Self.seconds(from: start, to: time))
            evaluations.append(point)
            onEvent(.evaluation(point))
        }

        for epoch in 0..<epochs {
            let epochStart = DispatchTime.now()
            var lossSum = 0.0, gradientNormSum = 0.0, gradientNormCount = 0, clampEvents = 0
            var rate = learningRate
            var stepEnd = DispatchTime.now().uptimeNanoseconds
            for (index, batch) in batcher.batches(epoch: epoch).enumerated() {
                StepProfile.add("batch and bookkeeping", since: stepEnd)
                defer { stepEnd = DispatchTime.now().uptimeNanoseconds }
                if shouldStop() { return result(.failed, message: "interrupted") }
                let output = computeGradients(features: batch.features, labels: batch.labels)
                let rule = divergence ?? DivergenceRule(firstLoss: output.loss, classCount: train.classCount)
                divergence = rule
                if let violation = rule.violation(output.loss) {
                    return result(.diverged,
                                  message: "the training loss \(violation.value) at epoch \(epoch + 1), step \(index + 1)\(violation.detail)" + Self.hint,
                                  divergedAtStep: globalStep + 1)
                }
                if index % 8 == 0 {
                    gradientNormSum += StepProfile.time("gradient norm") {
                        parameters.reduce(0.0) { $0 + pow($1.gradient.fastNorm(), 2) }.squareRoot()
                    }
                    gradientNormCount += 1
                }
                rate = schedule.rate(base: learningRate, step: globalStep, epoch: epoch,
                                     stepsPerEpoch: stepsPerEpoch, totalSteps: totalSteps)
                globalStep += 1
                update(learningRate: rate, step: globalStep, batch: batch.features)
                lossSum += output.loss
                clampEvents += output.clampEvents
                onEvent(.step(epoch: epoch + 1, step: index + 1, stepsPerEpoch: stepsPerEpoch, loss: output.loss))
                // The epoch's last step is evaluated below, with the epoch's metrics: never twice.
                if (index + 1) % interval == 0 && index + 1 < stepsPerEpoch {
                    let evaluation = StepProfile.time("evaluation") { Evaluation.run(model: model, head: head, on: validation) }
                    record(evaluation, epoch: epoch + 1, at: DispatchTime.now())
                    if let violation = rule.violation(evaluation.loss) {
                        return result(.diverged,
                                      message: "the validation loss \(violation.value) at epoch \(epoch + 1), step \(index + 1)\(violation.detail)" + Self.hint,
                                      divergedAtStep: globalStep)
                    }
                }
            }
            guard parameters.allSatisfy({ $0.value.isFinite }) else {
                return result(.diverged, message: "a weight became non-finite during epoch \(epoch + 1)" + Self.hint,
                              divergedAtStep: globalStep)
            }
            let evaluation = StepProfile.time("evaluation") { Evaluation.run(model: model, head: head, on: validation) }
            record(evaluation, epoch: epoch + 1, at: DispatchTime.now())
            let layers = StepProfile.time("diagnostics") { diagnostics(on: validation) }
            let now = DispatchTime.now()
            let metrics = EpochMetrics(
                epoch: epoch + 1, trainLoss: lossSum / Double(max(stepsPerEpoch, 1)),
                validationLoss: evaluation.loss, validationAccuracy: evaluation.accuracy,
                validationCrossEntropy: evaluation.crossEntropy,
                seconds: Self.seconds(from: epochStart, to: now), elapsedSeconds: Self.seconds(from: start, to: now),
                learningRate: Double(rate), gradientNorm: gradientNormSum / Double(max(gradientNormCount, 1)),
                clampEvents: clampEvents, layers: layers)
            history.append(metrics)
            onEvent(.epoch(metrics))
            if let violation = (divergence ?? DivergenceRule(firstLoss: .nan, classCount: train.classCount)).violation(evaluation.loss) {
                return result(.diverged, message: "the validation loss \(violation.value) after epoch \(epoch + 1)\(violation.detail)" + Self.hint,
                              divergedAtStep: globalStep)
            }
            if evaluation.loss < bestLoss - 1e-9 {
                bestLoss = evaluation.loss
                epochsWithoutImprovement = 0
            } else {
                epochsWithoutImprovement += 1
                if let patience, epochsWithoutImprovement >= patience {
                    return result(.finished, message: "stopped early: no validation-loss improvement for \(patience) epochs")
                }
            }
        }
        return result(.finished)
    }

    /// One training step on a minibatch at a given rate: gradients, the optimiser's update and the step
    /// hooks (`step` counts from 1). The training loop is built from the same two parts; the step-cost
    /// benchmark calls this. A non-finite loss skips the update.
    @discardableResult
    public func trainStep(features: Tensor, labels: [Int32], learningRate rate: Float, step: Int) -> HeadResult {
        let output = compute.run { computeGradients(features: features, labels: labels) }
        if output.loss.isFinite { compute.run { update(learningRate: rate, step: step, batch: features) } }
        return output
    }

    /// Zeroes the gradients, then forward, head and (for a finite loss) backward.
    private func computeGradients(features: Tensor, labels: [Int32]) -> HeadResult {
        StepProfile.time("zero gradients") { for parameter in model.parameters { parameter.zeroGradient() } }
        let logits = model.forward(features, mode: .training)
        let output = StepProfile.time("loss head") { head.evaluate(logits: logits, labels: labels) }
        if output.loss.isFinite { _ = model.backward(output.gradient, needsInputGradient: false) }
        return output
    }

    /// The optimiser's update, then the hooks that follow step `step`.
    private func update(learningRate rate: Float, step: Int, batch: Tensor) {
        StepProfile.time("optimiser") { optimizer.step(model.parameters, learningRate: rate) }
        StepProfile.countStep()
        for hook in hooks { hook.afterStep(step, batch: batch, model: model) }
    }

    /// Per-layer diagnostics from one evaluation-mode forward pass over the first validation samples.
    private func diagnostics(on validation: Dataset) -> [LayerDiagnostics] {
        let count = min(diagnosticsSampleCount, validation.count)
        guard count > 0 else { return [] }
        _ = model.forward(validation.rows(0..<count), mode: .evaluation)
        var index = 0
        return model.flattenedLayers.flatMap { layer -> [LayerDiagnostics] in
            guard let reporter = layer as? any DiagnosticsReporting else { return [] }
            index += 1
            return reporter.diagnostics(namePrefix: "\(index):")
        }
    }

    /// What to try after a divergence; the run's status already says "diverged".
    static let hint = "; try a lower learning rate (lr), a warm-up schedule, or tuning the rate"

    /// NaN and ±∞ as people write them (Swift prints `-nan` for some NaNs).
    static func text(_ value: Double) -> String { value.isNaN ? "NaN" : "\(value)" }

    private static func seconds(from start: DispatchTime, to end: DispatchTime) -> Double {
        Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
