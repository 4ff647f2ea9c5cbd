import Foundation

/// Which implementation of the layers' hot kernels runs: the current ones (`fast`); the same, with the
/// C kernels (`CKernels`) in their build for the baseline instruction set instead of AVX2 + FMA
/// (`baseline`, what a CPU without AVX2 runs); or the ones they replaced (`reference`: im2col + GEMM for
/// every convolution, OpenBLAS's own threads for fully connected products). All give the same results
/// up to rounding; the others stay for A/B timing in one process (`actlab bench --kernels
/// fast,baseline,reference`) and as oracles in tests.
///
/// The default comes from `ACTLAB_KERNELS` (`fast`, `baseline` or `reference`, read once); `run`
/// overrides it for a call, like `ComputeContext`.
public enum KernelChoice: String, Sendable, CaseIterable {
    case fast, baseline, reference

    /// Whether the layers take their current paths (direct convolutions, halves); false for `reference`.
    public var usesCurrentPaths: Bool { self != .reference }

    /// Whether the C kernels may run their AVX2 + FMA build (where the CPU has it); false for `baseline`.
    public var usesWideInstructions: Bool { self != .baseline }

    /// The choice installed by the innermost `run`, else the environment's, else `fast`.
    public static var current: KernelChoice { installed ?? environment }

    /// Runs `body` with this choice as `current` (on this thread, and in tasks it creates).
    public func run<R>(_ body: () throws -> R) rethrows -> R {
        try Self.$installed.withValue(self, operation: body)
    }

    private static let environment: KernelChoice =
        ProcessInfo.processInfo.environment["ACTLAB_KERNELS"].flatMap(KernelChoice.init(rawValue:)) ?? .fast

    @TaskLocal private static var installed: KernelChoice?
}
