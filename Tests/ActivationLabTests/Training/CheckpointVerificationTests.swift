import Foundation
import Testing
@testable import ActivationLab

/// Edited and damaged checkpoints: refused with one line naming the file and the tensor, never a crash,
/// never mistaken for divergence; model options compared with the current ones.
@Suite struct CheckpointVerificationTests {
    func checkpoint(_ edit: (inout TrainingConfiguration) -> Void = { _ in }) throws -> (Checkpoint, TrainingSession) {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-6-6-3"
        configuration.activation = "tanh"
        configuration.transform = .abg
        edit(&configuration)
        let session = try TrainingSession(configuration: configuration, sampleShape: [8], classCount: 3)
        return (Checkpoint(configuration: configuration, model: session.model), session)
    }

    /// Writes `checkpoint` as JSON, lets `edit` change the JSON object, and reads it back.
    func readEdited(_ checkpoint: Checkpoint, _ edit: (inout [String: Any]) -> Void) throws -> Checkpoint {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("edited-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        var object = try #require(try JSONSerialization.jsonObject(with: try JSONCoding.encoder().encode(checkpoint)) as? [String: Any])
        edit(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return try Checkpoint.read(from: url)
    }

    func floats(_ values: [Float]) -> String {
        values.map(\.bitPattern.littleEndian).withUnsafeBufferPointer { Data(buffer: $0) }.base64EncodedString()
    }

    func editParameter(_ index: Int, _ object: inout [String: Any], _ change: (inout [String: Any]) -> Void) {
        var parameters = object["parameters"] as! [[String: Any]]
        change(&parameters[index])
        object["parameters"] = parameters
    }

    @Test func aNonFiniteWeightIsADamagedCheckpointNotADivergence() throws {
        let (saved, _) = try checkpoint()
        #expect { try readEdited(saved) { object in
            editParameter(1, &object) { $0["shape"] = [6]; $0["data"] = floats([0, 1, .nan, 3, 4, 5]) }
        } } throws: { "\($0)".contains("damaged checkpoint: parameter 2 'bias_1' [6] holds a non-finite value at element 2") }
        #expect { try readEdited(saved) { object in
            editParameter(0, &object) { $0["shape"] = [1, 1]; $0["data"] = floats([.infinity]) }
        } } throws: { "\($0)".contains("non-finite") && !"\($0)".contains("diverged") }
    }

    @Test(arguments: [[7], [-6], [Int.max, 4], [1 << 40, 1 << 40]])
    func dataThatDoesNotFitItsShapeIsRefusedWithoutCrashing(shape: [Int]) throws {
        let (saved, _) = try checkpoint()
        #expect { try readEdited(saved) { object in editParameter(1, &object) { $0["shape"] = shape } } }
            throws: { "\($0)".contains("damaged checkpoint: parameter 2") }
    }

    @Test func transformationArraysOfTheWrongLengthAreRefused() throws {
        let (saved, session) = try checkpoint()
        #expect { try readEdited(saved) { object in
            var units = object["transformations"] as! [[String: Any]]
            units[0]["beta"] = [0.0, 0.0]
            object["transformations"] = units
        } } throws: { "\($0)".contains("transformation 1 has 6 α, 2 β and 6 γ values") }
        // Consistent within itself but of another width than the network's: refused at load, nothing changed.
        var other = saved
        other.transformations = [TransformedTanh(units: 4), TransformedTanh(units: 4)]
        let before = session.model.parameters.map(\.value)
        #expect { try other.load(into: session.model, source: "x.json") } throws: { "\($0)".contains("α, β, γ") }
        #expect(session.model.parameters.map(\.value) == before)
    }

    @Test func aFieldOfTheWrongTypeIsADamagedCheckpoint() throws {
        let (saved, _) = try checkpoint()
        #expect { try readEdited(saved) { $0["parameters"] = "weights" } } throws: { "\($0)".contains("damaged checkpoint: parameters") }
    }

    @Test func modelOptionsThatDifferAreNamedAndTrainingOptionsAreNot() throws {
        let (saved, _) = try checkpoint { $0.model = "mlp:auto-6-6-auto" }
        var current = saved.configuration
        current.learningRate = 0.5
        current.epochs = 3
        current.seed = 9
        current.model = "mlp:8-6-6-3"  // what auto resolves to on this data
        #expect(saved.differences(from: current, sampleShape: [8], classCount: 3).isEmpty)
        current.activation = "relu"
        current.transform = .none
        current.head = "linear-exp"
        let differences = saved.differences(from: current, sampleShape: [8], classCount: 3)
        #expect(differences.map(\.key) == ["activation", "transform", "head"])
        #expect(differences[0].description == "activation tanh (now relu)")
    }

    @Test func everyModelOptionKeyIsATrainingOption() {
        for key in Checkpoint.modelOptionKeys { #expect(TrainingOption.named(key) != nil, "\(key)") }
    }

    @Test func writingIntoAMissingFolderOrOverAFolderIsAClearError() throws {
        let (saved, _) = try checkpoint()
        let missing = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/model.json")
        #expect { try saved.write(to: missing) } throws: { "\($0)".contains("does not exist") }
        #expect { try saved.write(to: FileManager.default.temporaryDirectory) } throws: { "\($0)".contains("is a directory") }
    }
}
