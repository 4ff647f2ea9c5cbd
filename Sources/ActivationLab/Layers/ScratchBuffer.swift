/// A growable block of Float scratch memory that a layer keeps between calls, so the hot path of
/// a training step does not allocate (im2col matrices, permuted gradients, pooling indices).
///
/// The memory is uninitialised after `reserve`; callers write before they read.
final class ScratchBuffer {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init() {
        capacity = 0
        pointer = UnsafeMutablePointer<Float>.allocate(capacity: 1)
    }

    deinit { pointer.deallocate() }

    /// A pointer to at least `count` floats; earlier contents are lost when the buffer grows.
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            capacity = count
        }
        return pointer
    }
}

extension Tensor {
    /// A tensor whose elements `body` writes, skipping the zero fill of `Tensor(zeros:)`.
    /// `body` must initialise every element.
    static func uninitialized(shape: [Int], _ body: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let count = shape.reduce(1, *)
        let scalars = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            body(buffer)
            initialized = count
        }
        return Tensor(shape: shape, scalars: scalars)
    }
}
