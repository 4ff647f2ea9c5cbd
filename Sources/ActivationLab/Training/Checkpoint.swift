import Foundation

/// A saved model: the configuration that builds it and the values of its parameters.
///
/// Format (documented in `docs/checkpoints.md`): one JSON object
/// `{"format": "actlab-checkpoint", "version": 1, "configuration": {...}, "metrics": {...}?,
///   "parameters": [{"name": "weight", "shape": [256, 784], "data": "<base64 little-endian Float32>"}],
///   "buffers": [...same form, e.g. BatchNorm running statistics...]?, "transformations": [{alpha, beta, gamma}]?}`.
/// Parameters and buffers are listed in the model's order; loading rebuilds the model from the
/// configuration and checks every name and shape. `transformations` holds the α, β, γ of transformed
/// networks, which are state rather than parameters.
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
    public var buffers: [SavedParameter]?
    public var transformations: [TransformedTanh]?

    /// Captures the current values of `parameters`.
    public init(configuration: TrainingConfiguration, parameters: [Parameter], metrics: EpochMetrics? = nil) {
        self.configuration = configuration
        self.metrics = metrics
        self.parameters = parameters.map { Self.save(name: $0.name, $0.value) }
    }

    /// Captures everything a model needs to compute the same function: parameters, buffers and
    /// transformation state.
    public init(configuration: TrainingConfiguration, model: any Layer, metrics: EpochMetrics? = nil) {
        self.init(configuration: configuration, parameters: model.parameters, metrics: metrics)
        let buffers = model.buffers
        self.buffers = buffers.isEmpty ? nil : buffers.map { Self.save(name: $0.name, $0.value) }
        transformations = (model as? ShortcutNetwork)?.nonlinearities
    }

    private static func save(name: String, _ value: Tensor) -> SavedParameter {
        let bytes = value.scalars.map(\.bitPattern.littleEndian)
        return SavedParameter(name: name, shape: value.shape, data: bytes.withUnsafeBufferPointer { Data(buffer: $0) })
    }

    /// Restores parameters, buffers and transformation state into a model built from `configuration`.
    /// Checks counts, names and shapes first; nothing is copied unless everything fits.
    public func load(into model: any Layer, source: String = "checkpoint") throws {
        let parameterValues = try values(for: model.parameters.map { ($0.name, $0.value.shape) }, saved: parameters,
                                         kind: "parameter tensors", source: source)
        let targets = model.buffers
        let bufferValues = try values(for: targets.map { ($0.name, $0.value.shape) }, saved: buffers ?? [],
                                      kind: "buffers", source: source)
        var restoredTransformations: [TransformedTanh]?
        if let network = model as? ShortcutNetwork {
            guard let transformations, transformations.count == network.nonlinearities.count,
                  zip(transformations, network.nonlinearities).allSatisfy({ saved, unit in
                      [saved.alpha.count, saved.beta.count, saved.gamma.count].allSatisfy { $0 == unit.units }
                  }) else {
                throw CheckpointError("\(source): no α, β, γ state of the right sizes for this transformed network")
            }
            restoredTransformations = transformations
        }
        for (parameter, value) in zip(model.parameters, parameterValues) { parameter.value = value }
        for (buffer, value) in zip(targets, bufferValues) { buffer.value = value }
        if let network = model as? ShortcutNetwork, let restoredTransformations { network.nonlinearities = restoredTransformations }
    }

    /// The saved tensors for `targets` (names and shapes), checked for count, names and shapes.
    private func values(for targets: [(name: String, shape: [Int])], saved: [SavedParameter], kind: String,
                        source: String) throws -> [Tensor] {
        guard saved.count == targets.count else {
            throw CheckpointError("\(source) holds \(saved.count) \(kind), the model has \(targets.count)")
        }
        return try zip(saved, targets).map { savedTensor, target in
            try Self.values(of: savedTensor, expecting: target.name, shape: target.shape, source: source)
        }
    }

    private static func values(of saved: SavedParameter, expecting name: String, shape: [Int], source: String) throws -> Tensor {
        guard saved.name == name, saved.shape == shape else {
            throw CheckpointError("\(source): found \(saved.name)\(saved.shape), the model expects \(name)\(shape)")
        }
        // The model's shape, so the product cannot overflow; `verify` checked the saved one already.
        let count = shape.reduce(1, *)
        guard saved.data.count == count * 4 else {
            throw CheckpointError("\(source): damaged checkpoint: \(name) has \(saved.data.count) bytes, expected \(count * 4)")
        }
        let values = saved.data.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Writes the checkpoint atomically (a crash mid-write leaves any earlier file intact).
    /// - Throws: `CheckpointError` naming the file: its folder is missing or not writable, it is a
    ///   directory or another non-regular file.
    public func write(to url: URL) throws {
        do {
            try RegularFile.checkWritable(url.path)
            try JSONCoding.encoder().encode(self).write(to: url, options: .atomic)
        } catch let problem as RegularFile.Problem {
            throw CheckpointError("checkpoint \(url.relativePath): \(problem.reason)")
        } catch {
            throw CheckpointError("checkpoint \(url.relativePath): cannot be written (\(error.localizedDescription))")
        }
    }

    /// Reads a checkpoint and checks it is whole: every tensor's shape matches its data and every value is
    /// finite (`verify`). Only regular files are read (a FIFO or device is refused without blocking).
    /// - Throws: `CheckpointError` naming the file and the problem.
    public static func read(from url: URL) throws -> Checkpoint {
        let data: Data
        do { data = try RegularFile.read(url.path) } catch let problem as RegularFile.Problem {
            throw CheckpointError("checkpoint \(url.relativePath) \(problem.reason)")
        }
        let checkpoint: Checkpoint
        do {
            checkpoint = try JSONDecoder().decode(Checkpoint.self, from: data)
        } catch {
            // Our format tag with a field that does not decode is a damaged checkpoint, anything else a foreign file.
            let format = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["format"] as? String
            guard format == "actlab-checkpoint" else {
                throw CheckpointError("\(url.relativePath) is not an ActivationLab checkpoint")
            }
            throw CheckpointError("\(url.relativePath): damaged checkpoint: \(JSONCoding.reason(error))")
        }
        guard checkpoint.format == "actlab-checkpoint" else {
            throw CheckpointError("\(url.relativePath) is not an ActivationLab checkpoint")
        }
        guard checkpoint.version == 1 else {
            throw CheckpointError("\(url.relativePath): unsupported checkpoint version \(checkpoint.version)")
        }
        try checkpoint.verify(source: url.relativePath)
        return checkpoint
    }

    /// Copies the saved values into a model's parameters, checking count, names and shapes.
    public func load(into parameters: [Parameter], source: String = "checkpoint") throws {
        let values = try values(for: parameters.map { ($0.name, $0.value.shape) }, saved: self.parameters,
                                kind: "parameter tensors", source: source)
        for (parameter, value) in zip(parameters, values) { parameter.value = value }
    }
}
