import Foundation
import Testing
@testable import ActivationLab

@Suite struct ExperimentLookupTests {
    static let experiments = ["sample/mlp: relu vs tanh #1cc29af0", "sample/mlp: relu vs gelu #77aa0011", "heads"].enumerated().map {
        Experiment(id: Int64($0.offset), spec: ExperimentSpec(name: $0.element, dataset: "sample", model: "mlp:784-10", baseline: "relu",
                                                              variants: ["relu"], seeds: [1], epochs: 1, targetAccuracy: 0.5),
                   createdAt: Date())
    }

    @Test(arguments: [("heads", "heads"), ("#1cc29af0", "sample/mlp: relu vs tanh #1cc29af0"), ("77aa0011", "sample/mlp: relu vs gelu #77aa0011"),
                      ("sample/mlp: relu vs t", "sample/mlp: relu vs tanh #1cc29af0")])
    func findsByNamePrefixOrHash(text: String, name: String) throws {
        #expect(try ExperimentLookup.find(text, in: Self.experiments).spec.name == name)
    }

    @Test func ambiguousAndMissingNamesAreClearErrors() {
        #expect { try ExperimentLookup.find("sample", in: Self.experiments) } throws: { "\($0)".contains("matches 2 experiments") }
        #expect { try ExperimentLookup.find("nope", in: Self.experiments) } throws: { "\($0)".contains("available: ") }
    }
}
