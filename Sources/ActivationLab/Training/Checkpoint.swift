import Foundation

/// A saved model: the configuration that builds it and the values of its parameters.
///
/// Format (documented in `docs/checkpoints.md`): one JSON object
/// `{"format": "actlab-checkpoint", "version": 1, "configuration": {...}, "metrics": {...}?,
///   "parameters": [{"name": "weight", "shape": [256, 784], "data": "<base64 little-endian Float32>"}]}`.
/// Parameters are listed in the model's `parameters` order; loading rebuilds the model from the
/// configuration and checks every name and shape.
public struct Checkpoint: Codable, Sendable {
    public struct SavedParameter: Codable, Sendable {
        public var name: String
        public var shape: [Int]
        public var data: Data
    }

    public var format = "actlab-checkpoint"
    public var version = 1
    public var configuration: TrainingConfiguration
    /// The metrics of the last completed epoch, if any.
    public var metrics: EpochMetrics?
    public var parameters: [SavedParameter]

    /// Captures the current values of `parameters`.
    public init(configuration: TrainingConfiguration, parameters: [Parameter], metrics: EpochMetrics? = nil) {
        self.configuration = configuration
        self.metrics = metrics
        self.parameters = parameters.map { parameter in
            let bytes = parameter.value.scalars.map(\.bitPattern.littleEndian)
            return SavedParameter(name: parameter.name, shape: parameter.value.shape,
                                  data: bytes.withUnsafeBufferPointer { Data(buffer: $0) })
        }
    }

    /// Writes the checkpoint atomically (a crash mid-write leaves any earlier file intact).
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try encoder.encode(self).write(to: url, options: .atomic)
        } catch {
            throw CheckpointError("cannot write checkpoint \(url.path): \(error.localizedDescription)")
        }
    }

    /// Reads a checkpoint, or throws a `CheckpointError` naming the file and the problem.
    public static func read(from url: URL) throws -> Checkpoint {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CheckpointError("cannot read checkpoint \(url.path): \(error.localizedDescription)")
        }
        guard let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: data),
              checkpoint.format == "actlab-checkpoint" else {
            throw CheckpointError("\(url.path) is not an ActivationLab checkpoint")
        }
        guard checkpoint.version == 1 else {
            throw CheckpointError("\(url.path): unsupported checkpoint version \(checkpoint.version)")
        }
        return checkpoint
    }

    /// Copies the saved values into a model's parameters, checking count, names and shapes.
    public func load(into parameters: [Parameter], source: String = "checkpoint") throws {
        guard parameters.count == self.parameters.count else {
            throw CheckpointError("\(source) holds \(self.parameters.count) parameter tensors, the model has \(parameters.count)")
        }
        for (index, (saved, parameter)) in zip(self.parameters, parameters).enumerated() {
            guard saved.name == parameter.name, saved.shape == parameter.value.shape else {
                throw CheckpointError("\(source): parameter \(index) is \(saved.name)\(saved.shape), the model expects \(parameter.name)\(parameter.value.shape)")
            }
            let count = saved.shape.reduce(1, *)
            guard saved.data.count == count * 4 else {
                throw CheckpointError("\(source): parameter \(index) has \(saved.data.count) bytes, expected \(count * 4)")
            }
            let values = saved.data.withUnsafeBytes { raw in
                (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
            }
            parameter.value = Tensor(shape: saved.shape, scalars: values)
        }
    }
}

/// A checkpoint that cannot be read, written or loaded.
public struct CheckpointError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
