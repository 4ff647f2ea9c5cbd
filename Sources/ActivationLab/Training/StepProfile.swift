import Dispatch

/// Where a training step's wall time goes: each top-level layer's forward and backward pass, the loss head,
/// gradient zeroing, the optimiser, and the data and bookkeeping between steps, per step on average.
///
/// Installed with `run` around training (`actlab bench --profile`); when none is installed, timing a part
/// costs one task-local read. Parts inside a timed part (a residual block's own layers) are not timed again,
/// so the parts add up to the step.
public final class StepProfile: @unchecked Sendable {  // used by the one thread that trains
    @TaskLocal private static var installed: StepProfile?

    private var nanoseconds: [String: UInt64] = [:]
    private var order: [String] = []
    private var depth = 0
    /// Optimiser steps taken while installed.
    public private(set) var steps = 0

    public init() {}

    /// Runs `body` with this profile collecting the timings of the training it does.
    public func run<R>(_ body: () throws -> R) rethrows -> R {
        try Self.$installed.withValue(self, operation: body)
    }

    /// Each part and its mean wall time per step, in microseconds, in the order the parts first ran.
    public var microsecondsPerStep: [(part: String, microseconds: Double)] {
        order.map { ($0, Double(nanoseconds[$0] ?? 0) / 1000 / Double(max(steps, 1))) }
    }

    /// Times `body` as `part` of the step, if a profile is installed and no enclosing part is being timed.
    static func time<R>(_ part: @autoclosure () -> String, _ body: () -> R) -> R {
        guard let profile = installed, profile.depth == 0 else { return body() }
        profile.depth += 1
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        profile.add(part(), nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        profile.depth -= 1
        return result
    }

    /// Adds time measured by the caller (the gap between steps) to `part`.
    static func add(_ part: String, since start: UInt64) {
        guard let profile = installed, profile.depth == 0 else { return }
        profile.add(part, nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
    }

    /// Counts one optimiser step.
    static func countStep() { installed?.steps += 1 }

    private func add(_ part: String, nanoseconds elapsed: UInt64) {
        if nanoseconds[part] == nil { order.append(part) }
        nanoseconds[part, default: 0] += elapsed
    }
}
