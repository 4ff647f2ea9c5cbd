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
    public func load(into model: any Layer, source: String = "checkpoint") throws {
        try load(into: model.parameters, source: source)
        let targets = model.buffers
        let saved = buffers ?? []
        guard saved.count == targets.count else {
            throw CheckpointError("\(source) holds \(saved.count) buffers, the model has \(targets.count)")
        }
        for (savedBuffer, buffer) in zip(saved, targets) {
            buffer.value = try Self.values(of: savedBuffer, expecting: buffer.name, shape: buffer.value.shape, source: source)
        }
        if let network = model as? ShortcutNetwork {
            guard let transformations, transformations.count == network.nonlinearities.count,
                  zip(transformations, network.nonlinearities).allSatisfy({ $0.alpha.count == $1.alpha.count }) else {
                throw CheckpointError("\(source) has no matching α, β, γ state for this transformed network")
            }
            network.nonlinearities = transformations
        }
    }

    private static func values(of saved: SavedParameter, expecting name: String, shape: [Int], source: String) throws -> Tensor {
        guard saved.name == name, saved.shape == shape else {
            throw CheckpointError("\(source): found \(saved.name)\(saved.shape), the model expects \(name)\(shape)")
        }
        let count = shape.reduce(1, *)
        guard saved.data.count == count * 4 else {
            throw CheckpointError("\(source): \(name) has \(saved.data.count) bytes, expected \(count * 4)")
        }
        let values = saved.data.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Writes the checkpoint atomically (a crash mid-write leaves any earlier file intact).
    public func write(to url: URL) throws {
        do {
            try JSONCoding.encoder().encode(self).write(to: url, options: .atomic)
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
        for (saved, parameter) in zip(self.parameters, parameters) {
            parameter.value = try Self.values(of: saved, expecting: parameter.name, shape: parameter.value.shape, source: source)
        }
    }
}
