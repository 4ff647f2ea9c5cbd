import CKernels

/// Where a dataset's feature values live: Float32 values, or bytes standing for `byte / 255` — images as
/// decoded, in a quarter of the memory, known to lie in [0, 1] without a scan.
///
/// Rows come out as Float tensors either way, and a byte is turned into exactly the Float a decoder
/// computes (`Float(byte) / 255`, division correctly rounded in every lane), so results do not depend on
/// the storage.
enum FeatureStorage: Sendable {
    case floats(Tensor)
    case unitBytes(UnitBytes)

    /// `[N, ...]`.
    var shape: [Int] {
        switch self {
        case .floats(let tensor): tensor.shape
        case .unitBytes(let bytes): bytes.shape
        }
    }

    /// Values per row (sample).
    var rowWidth: Int { shape.dropFirst().reduce(1, *) }

    /// Whether every value is known to lie in [0, 1] without looking.
    var isKnownUnitRange: Bool {
        if case .unitBytes = self { return true }
        return false
    }

    /// Bytes held (for cache budgets).
    var byteCount: Int {
        switch self {
        case .floats(let tensor): tensor.count * MemoryLayout<Float>.stride
        case .unitBytes(let bytes): bytes.buffer.count
        }
    }

    /// Every row, as Floats (a copy for bytes).
    var tensor: Tensor { rows(0..<(shape.first ?? 0)) }

    /// Rows `range`, as a new tensor.
    func rows(_ range: Range<Int>) -> Tensor {
        switch self {
        case .floats(let tensor): range.count == tensor.rows ? tensor : tensor.rows(range)
        case .unitBytes(let bytes): bytes.gatherRows(range)
        }
    }

    /// The rows at `indices`, in that order, as a new tensor.
    func gatherRows(_ indices: some Collection<Int>) -> Tensor {
        switch self {
        case .floats(let tensor): tensor.gatherRows(indices)
        case .unitBytes(let bytes): bytes.gatherRows(indices)
        }
    }
}

/// Read-only bytes of shape `[N, ...]` standing for the values `byte / 255`.
struct UnitBytes: Sendable {
    let shape: [Int]
    let buffer: ByteBuffer

    init(shape: [Int], buffer: ByteBuffer) {
        precondition(shape.reduce(1, *) == buffer.count, "shape \(shape) does not match \(buffer.count) bytes")
        self.shape = shape
        self.buffer = buffer
    }

    /// The rows at `indices` as Floats, converted on both cores for large batches.
    func gatherRows(_ indices: some Collection<Int>) -> Tensor {
        let width = shape.dropFirst().reduce(1, *)
        let rows = Array(indices)
        var newShape = shape
        newShape[0] = rows.count
        let count = rows.count * width
        let wide = KernelChoice.current.usesWideInstructions
        let scalars = [Float](unsafeUninitializedCapacity: count) { dst, initialized in
            guard count > 0 else { return }  // no rows, or rows of nothing: no buffer to write
            let (src, dst) = (buffer.pointer, dst.baseAddress!)
            rows.withUnsafeBufferPointer { rows in
                func convert(_ part: Range<Int>, _: Int) {
                    ck_gather_unit_bytes(src, width, rows.baseAddress! + part.lowerBound, part.count,
                                         dst + part.lowerBound * width, wide)
                }
                // Large batches on both cores, in chunks of whole rows.
                if count >= 1 << 15 {
                    BatchHalves.run(elements: rows.count, minimumChunk: max(1, 4096 / width), convert)
                } else {
                    convert(0..<rows.count, 0)
                }
            }
            initialized = count
        }
        return Tensor(shape: newShape, scalars: scalars)
    }
}

/// An immutable buffer of bytes, shared by every dataset (and view) that reads it.
final class ByteBuffer: @unchecked Sendable {  // immutable after init
    let pointer: UnsafePointer<UInt8>
    let count: Int
    private let memory: PageMemory

    /// A buffer of `count` bytes written once by `fill`.
    init(count: Int, fill: (UnsafeMutableBufferPointer<UInt8>) throws -> Void) rethrows {
        let memory = PageMemory(count: count)
        do {
            try fill(UnsafeMutableBufferPointer(start: memory.base, count: count))
        } catch {
            memory.release()
            throw error
        }
        self.memory = memory
        pointer = UnsafePointer(memory.base)
        self.count = count
    }

    /// A copy of `bytes`.
    convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(count: bytes.count) { target in
            if let source = bytes.baseAddress, !bytes.isEmpty {
                UnsafeMutableRawPointer(target.baseAddress!).copyMemory(from: source, byteCount: bytes.count)
            }
        }
    }

    deinit { memory.release() }
}
