import Foundation

/// How the learning rate changes over training, as a factor of the base rate.
public enum LearningRateSchedule: Sendable, Hashable {
    /// The base rate throughout.
    case constant
    /// Multiply by `gamma` every `epochs` epochs (PyTorch's StepLR).
    case step(epochs: Int, gamma: Double)
    /// Cosine annealing from the base rate to zero over the whole run.
    case cosine
    /// Linear warm-up from near zero over `steps` optimiser steps, then `then`.
    indirect case warmup(steps: Int, then: LearningRateSchedule)

    /// The learning rate at a point in training.
    /// - Parameters:
    ///   - step: optimiser steps taken so far (0-based).
    ///   - epoch: the current epoch (0-based).
    ///   - totalSteps: the number of steps the run will take.
    public func rate(base: Float, step: Int, epoch: Int, stepsPerEpoch: Int, totalSteps: Int) -> Float {
        switch self {
        case .constant:
            return base
        case let .step(epochs, gamma):
            return base * Float(pow(gamma, Double(epoch / max(epochs, 1))))
        case .cosine:
            let progress = Double(step) / Double(max(totalSteps, 1))
            return base * Float(0.5 * (1 + cos(Double.pi * min(progress, 1))))
        case let .warmup(steps, then):
            if step < steps { return base * Float(step + 1) / Float(steps) }
            return then.rate(base: base, step: step, epoch: epoch, stepsPerEpoch: stepsPerEpoch, totalSteps: totalSteps)
        }
    }

    /// Parses `constant`, `step:EPOCHS:GAMMA`, `cosine`, optionally prefixed by `warmup:STEPS:`
    /// (e.g. `warmup:500:cosine`).
    /// A text longer than `OptionLimits.scheduleLength`, or warm-ups nested deeper than
    /// `OptionLimits.scheduleNesting`, is refused before it is parsed (nesting costs time and memory).
    public static func parse(_ text: String) throws -> LearningRateSchedule {
        guard text.utf8.count <= OptionLimits.scheduleLength else {
            throw ScheduleError(description: "a schedule of \(text.utf8.count) characters is too long (at most \(OptionLimits.scheduleLength)); use constant, cosine, step:EPOCHS:GAMMA or warmup:STEPS:<schedule>")
        }
        return try parse(text, nesting: 0)
    }

    private static func parse(_ text: String, nesting: Int) throws -> LearningRateSchedule {
        if text.hasPrefix("warmup:") {
            guard nesting < OptionLimits.scheduleNesting else {
                throw ScheduleError(description: "warm-ups nested more than \(OptionLimits.scheduleNesting) deep; one warmup:STEPS:<schedule> is enough")
            }
            let rest = text.dropFirst("warmup:".count)
            let parts = rest.split(separator: ":", maxSplits: 1).map(String.init)
            guard let steps = Int(parts[0]), steps > 0 else {
                throw ScheduleError(description: "warm-up steps must be a positive integer in '\(text)'")
            }
            return .warmup(steps: steps, then: try parse(parts.count > 1 ? parts[1] : "constant", nesting: nesting + 1))
        }
        let parts = text.split(separator: ":").map(String.init)
        switch parts.first {
        case "constant" where parts.count == 1: return .constant
        case "cosine" where parts.count == 1: return .cosine
        case "step":
            guard parts.count == 3, let epochs = Int(parts[1]), epochs > 0, let gamma = Double(parts[2]), gamma > 0, SinglePrecision.holds(gamma) else {
                throw ScheduleError(description: "expected step:EPOCHS:GAMMA (e.g. step:10:0.1), got '\(text)'")
            }
            return .step(epochs: epochs, gamma: gamma)
        default:
            throw ScheduleError(description: "unknown schedule '\(text)'; use constant, cosine, step:EPOCHS:GAMMA, or warmup:STEPS:<schedule>")
        }
    }
}

extension LearningRateSchedule: OptionValue, Codable, CustomStringConvertible {
    public init?(optionText text: String) {
        guard let schedule = try? Self.parse(text) else { return nil }
        self = schedule
    }

    /// The text `parse` reads back: `constant`, `cosine`, `step:10:0.1`, `warmup:500:cosine`.
    public var optionText: String {
        switch self {
        case .constant: "constant"
        case .cosine: "cosine"
        case let .step(epochs, gamma): "step:\(epochs):\(gamma)"
        case let .warmup(steps, then): "warmup:\(steps):\(then.optionText)"
        }
    }

    public var description: String { optionText }
    public static var expected: String { "constant, cosine, step:EPOCHS:GAMMA or warmup:STEPS:<schedule>" }

    public static func parseFailure(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch { return "\(error)" }
    }

    /// Encoded as its text, as stored before schedules were typed.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try Self.parse(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(optionText)
    }
}

/// A schedule string that does not parse.
public struct ScheduleError: Error, CustomStringConvertible {
    public let description: String
}
