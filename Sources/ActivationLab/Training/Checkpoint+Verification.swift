import Foundation

extension Checkpoint {
    /// Checks that the checkpoint is whole before any of it is used: every saved tensor has a valid shape
    /// (no negative sizes, an element count that does not overflow) whose element count matches its data,
    /// every value is finite, and each transformation's α, β and γ have one entry per unit.
    ///
    /// A NaN or ±∞ weight is a damaged file, not a divergence: `actlab train` never saves a diverged run.
    /// - Throws: `CheckpointError` "`source`: damaged checkpoint: …" naming the tensor.
    public func verify(source: String) throws {
        func damaged(_ problem: String) -> CheckpointError {
            CheckpointError("\(source): damaged checkpoint: \(problem). Save it again from a finished run")
        }
        let tensors = parameters.enumerated().map { ("parameter \($0.offset + 1)", $0.element) }
            + (buffers ?? []).enumerated().map { ("buffer \($0.offset + 1)", $0.element) }
        for (position, tensor) in tensors {
            let label = "\(position) '\(tensor.name)' \(tensor.shape)"
            guard tensor.shape.allSatisfy({ $0 >= 0 }) else { throw damaged("\(label) has a negative size") }
            let count = tensor.shape.reduce(Optional(1)) { product, size in
                product.flatMap { product in
                    let (result, overflow) = product.multipliedReportingOverflow(by: size)
                    return overflow ? nil : result
                }
            }
            guard let count, count <= tensor.data.count / 4, tensor.data.count == count * 4 else {
                throw damaged("\(label) holds \(tensor.data.count) bytes of data, which does not fit its shape")
            }
            if let index = Self.firstNonFinite(in: tensor.data) {
                throw damaged("\(label) holds a non-finite value at element \(index)")
            }
        }
        for (layer, unit) in (transformations ?? []).enumerated() {
            guard unit.beta.count == unit.alpha.count, unit.gamma.count == unit.alpha.count else {
                throw damaged("transformation \(layer + 1) has \(unit.alpha.count) α, \(unit.beta.count) β and \(unit.gamma.count) γ values")
            }
            guard (unit.alpha + unit.beta + unit.gamma).allSatisfy(\.isFinite) else {
                throw damaged("transformation \(layer + 1) holds a non-finite α, β or γ")
            }
        }
    }

    /// The index of the first NaN or ±∞ among little-endian Float32 values, or nil.
    private static func firstNonFinite(in data: Data) -> Int? {
        data.withUnsafeBytes { raw in
            (0..<raw.count / 4).first { index in
                !Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))).isFinite
            }
        }
    }
}
