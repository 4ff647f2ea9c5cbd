import Foundation

/// A dense, contiguous, row-major Float32 tensor with value semantics.
///
/// Storage is a Swift array, so copies are cheap until one side writes (copy on write).
/// Shapes follow PyTorch's conventions: a minibatch of images is `[N, C, H, W]`,
/// a minibatch of feature vectors is `[N, D]`.
public struct Tensor: Sendable, Equatable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order.
    public var scalars: [Float]

    /// Creates a tensor from its elements.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(shape.reduce(1, *) == scalars.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) elements, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// Creates a tensor filled with one value.
    public init(repeating value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// Creates a tensor of zeros.
    public init(zeros shape: [Int]) {
        self.init(repeating: 0, shape: shape)
    }

    /// The number of elements.
    @inlinable public var count: Int { scalars.count }
    /// The number of dimensions.
    @inlinable public var rank: Int { shape.count }
    /// The size of the first dimension (the batch size for batched tensors).
    @inlinable public var rows: Int { shape.first ?? 1 }
    /// The number of elements per row: the product of all dimensions but the first.
    @inlinable public var columns: Int { shape.count <= 1 ? 1 : shape.dropFirst().reduce(1, *) }

    /// The same elements viewed with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Element access by flat index.
    @inlinable public subscript(flat index: Int) -> Float {
        get { scalars[index] }
        set { scalars[index] = newValue }
    }

    /// Element access for a matrix (`rank == 2`).
    @inlinable public subscript(row: Int, column: Int) -> Float {
        get { scalars[row * shape[1] + column] }
        set { scalars[row * shape[1] + column] = newValue }
    }

    /// Rows `range` of the tensor (along the first dimension), as a new tensor.
    public func rows(_ range: Range<Int>) -> Tensor {
        let width = columns
        var newShape = shape
        newShape[0] = range.count
        return Tensor(shape: newShape, scalars: Array(scalars[(range.lowerBound * width)..<(range.upperBound * width)]))
    }

    /// Gathers the given rows (along the first dimension) into a new tensor.
    public func gatherRows(_ indices: some Collection<Int>) -> Tensor {
        let width = columns
        var newShape = shape
        newShape[0] = indices.count
        // Every element is written once, so the array is not zero-filled first (a dataset's split gathers
        // hundreds of megabytes: the fill doubled the memory traffic).
        let count = indices.count * width
        let out = [Float](unsafeUninitializedCapacity: count) { dst, initialized in
            scalars.withUnsafeBufferPointer { src in
                for (k, i) in indices.enumerated() {
                    (dst.baseAddress! + k * width).initialize(from: src.baseAddress! + i * width, count: width)
                }
            }
            initialized = count
        }
        return Tensor(shape: newShape, scalars: out)
    }

    /// Calls `body` with a pointer to the elements.
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the elements.
    @inlinable public mutating func withUnsafeMutableBufferPointer<R>(_ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let preview = scalars.prefix(8).map { String(format: "%.4g", Double($0)) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}
