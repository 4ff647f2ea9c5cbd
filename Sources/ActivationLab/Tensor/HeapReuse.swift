import CKernels

/// Keeps freed tensor memory in the process instead of handing it back to the kernel after every step.
///
/// A training step allocates and frees the same large tensors (activations, gradients) over and over.
/// glibc serves blocks above its mmap threshold with fresh `mmap`s and trims freed heap tops, so each
/// step pays page faults and the kernel's zeroing of fresh pages again (LeNet: 127k → 28k page faults for
/// `actlab bench --models lenet --repetitions 1`, and ~1.3× samples/s in runs alternating with and without
/// the settings). Raising both thresholds makes the freed blocks reusable, as PyTorch's caching allocator
/// does; the cost is that the process keeps its peak heap. A no-op where the C library is not glibc.
public enum HeapReuse {
    /// Installs the settings once per process (`actlab`'s `main` and every `Trainer` call it). Returns
    /// whether they took effect.
    @discardableResult
    public static func install() -> Bool { installed }

    /// 32 MiB is glibc's largest mmap threshold on 64-bit; larger blocks still get their own mapping.
    private static let installed = ck_keep_freed_memory(32 << 20, 512 << 20)
}
