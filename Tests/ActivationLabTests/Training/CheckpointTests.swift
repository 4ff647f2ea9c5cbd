import Foundation
import Testing
@testable import ActivationLab

@Suite struct CheckpointTests {
    func session(_ edit: (inout TrainingConfiguration) -> Void, seed: UInt64) throws -> TrainingSession {
        var configuration = TrainingConfiguration()
        configuration.seed = seed
        edit(&configuration)
        return try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
    }

    func roundTrip(_ edit: (inout TrainingConfiguration) -> Void, sampleShape: [Int] = [8]) throws {
        var configuration = TrainingConfiguration()
        edit(&configuration)
        let trained = try TrainingSession(configuration: configuration, sampleShape: sampleShape, classCount: 3)
        let input = GradientCheck.randomTensor([5] + sampleShape)
        // Training-mode passes move BatchNorm statistics and re-estimation moves α, β, γ away from their start.
        _ = trained.model.forward(input, mode: .training)
        try trained.prepare(with: Dataset(name: "x", features: input, labels: [0, 1, 2, 0, 1], classCount: 3))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try Checkpoint(configuration: configuration, model: trained.model).write(to: url)

        configuration.seed = 99
        let restored = try TrainingSession(configuration: configuration, sampleShape: sampleShape, classCount: 3)
        let before = restored.model.forward(input, mode: .evaluation)
        try Checkpoint.read(from: url).load(into: restored.model, source: url.path)
        let expected = trained.model.forward(input, mode: .evaluation)
        #expect(restored.model.forward(input, mode: .evaluation) == expected)
        #expect(before != expected)
    }

    @Test func mlpRoundTripsExactly() throws {
        try roundTrip { $0.model = "mlp:8-5-3" }
    }

    @Test func batchNormStatisticsRoundTrip() throws {
        try roundTrip({ $0.model = "cnn:resnet" }, sampleShape: [1, 8, 8])
    }

    @Test func transformationStateRoundTrips() throws {
        try roundTrip { $0.model = "mlp:8-6-6-3"; $0.activation = "tanh"; $0.transform = .abg }
    }

    @Test func mismatchedModelIsAClearError() throws {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-5-3"
        let small = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        configuration.model = "mlp:8-7-3"
        let other = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        let checkpoint = Checkpoint(configuration: configuration, model: small.model)
        #expect { try checkpoint.load(into: other.model, source: "x.json") } throws: { "\($0)".hasPrefix("x.json") }
    }

    @Test func notACheckpointIsAClearError() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-\(UUID().uuidString).json")
        try Data("{\"hello\": 1}".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect { try Checkpoint.read(from: url) } throws: { "\($0)".contains("is not an ActivationLab checkpoint") }
    }
}
