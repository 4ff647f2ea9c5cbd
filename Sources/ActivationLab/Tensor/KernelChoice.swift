import Foundation

/// Which implementation of the layers' hot kernels runs: the current ones (`fast`), or the ones they
/// replaced (`reference`: im2col + GEMM for every convolution, OpenBLAS's own threads for fully
/// connected products). Both give the same results up to rounding; the reference path stays for A/B
/// timing in one process (`actlab bench --kernels fast,reference`) and as an oracle in tests.
///
/// The default comes from `ACTLAB_KERNELS` (`reference` or `fast`, read once); `run` overrides it for
/// a call, like `ComputeContext`.
public enum KernelChoice: String, Sendable, CaseIterable {
    case fast, reference

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
