import Foundation
import Testing
@testable import ActivationLab

/// Processes sharing a store merge their protocol decisions: the first stored wins, none is erased.
@Suite struct RunStoreProtocolTests {
    let directory = TemporaryDirectory()

    @Test func aStaleCopyCannotEraseAnotherProcessesDecisions() throws {
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(ExperimentSpec(
            name: "merge", dataset: "sample", model: "mlp:784-10", baseline: "relu", variants: ["relu", "tanh"],
            seeds: [1], epochs: 1, targetAccuracy: 0.85, configuration: "{}"))
        let initial = ProtocolRecord(settings: ProtocolSettings())
        try store.mergeProtocol(initial, experiment: experiment)
        // Process A decides the target and the step costs; process B still holds the initial record.
        var a = initial
        (a.targetAccuracy, a.targetSource) = (0.8, "pilot")
        a.stepSeconds = ["relu": 0.01, "tanh": 0.02]
        try store.mergeProtocol(a, experiment: experiment)
        var b = initial
        b.tunedValues = ["relu": ["lr": 0.1], "tanh": ["lr": 0.2]]
        (b.targetAccuracy, b.targetSource) = (0.7, "another pilot")
        let merged = try store.mergeProtocol(b, experiment: experiment)
        #expect(merged.stepSeconds == a.stepSeconds)
        #expect(merged.targetAccuracy == 0.8 && merged.targetSource == "pilot")
        #expect(merged.tunedValues == b.tunedValues)
        #expect(try store.protocolRecord(experiment: experiment) == merged)
    }
}
