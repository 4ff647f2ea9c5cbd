import Foundation
import GRDB
import Testing
@testable import ActivationLab

/// Stores written before schema v2 stay readable: read-only as they are (reports never write), and
/// migrated in place when opened for writing.
@Suite struct RunStoreMigrationTests {
    /// An owner that provably is not running: this host, a pid that cannot exist.
    static let deadOwner = RunOwner(host: RunOwner.currentHost, pid: Int32.max - 7, processStart: nil, token: "dead-v1")

    static func schemaVersion(_ path: String) throws -> String? {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { try String.fetchOne($0, sql: "SELECT value FROM actlab_meta WHERE key = 'schema_version'") }
    }

    @Test func readOnlyOpensAV1StoreWithoutChangingIt() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("v1.sqlite")
        try V1StoreFixture.write(to: path, runningOwner: Self.deadOwner)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try RunStore(path: path, readOnly: true)
        let experiment = try #require(try store.experiment(named: V1StoreFixture.experimentName))
        let runs = try store.runs(experiment: experiment)
        #expect(runs.map(\.cell.variant) == ["relu", "tanh"] && runs.map(\.status) == [.finished, .running])
        #expect(runs.allSatisfy { $0.kind == .evaluation && $0.testAccuracy == nil && $0.testCount == nil })
        #expect(runs.allSatisfy { $0.steps == nil && $0.stepBudget == nil })
        #expect(runs[0].configuration?.activation == "relu" && runs[0].configuration?.evaluateEvery == nil)
        let epochs = try store.epochs(run: runs[0].id)
        #expect(epochs.map(\.validationAccuracy) == [0.6, 0.7] && epochs[1].validationLoss.isNaN)
        #expect(try store.evaluations(run: runs[0].id).isEmpty)
        #expect(try store.protocolJSON(experiment: experiment) == "{}")
        #expect(try store.evaluationRunCounts(experiment) == [1, 0])
        #expect(throws: StoreError.self) { try store.setProtocol("{}", experiment: experiment) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
        #expect(try Self.schemaVersion(path) == "1")
    }

    @Test func writableOpenMigratesAV1StoreInPlace() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("v1.sqlite")
        try V1StoreFixture.write(to: path, runningOwner: Self.deadOwner)
        let before = try RunStore(path: path, readOnly: true)
        let oldExperiment = try #require(try before.experiment(named: V1StoreFixture.experimentName))
        let oldRuns = try before.runs(experiment: oldExperiment)

        let store = try RunStore(path: path)
        #expect(try Self.schemaVersion(path) == "2")
        let experiment = try #require(try store.experiment(named: V1StoreFixture.experimentName))
        #expect(experiment == oldExperiment)
        #expect(try store.runs(experiment: experiment) == oldRuns)
        let oldEpochs = try before.epochs(run: oldRuns[0].id)  // the second has a NaN loss: compare texts
        #expect(try store.epochs(run: oldRuns[0].id).map { "\($0)" } == oldEpochs.map { "\($0)" })
        #expect(try store.protocolJSON(experiment: experiment) == "{}")

        // The stale v1 run is resumed with today's records: evaluations, test result, steps.
        let configuration = try #require(oldRuns[1].configuration)
        let claim = try #require(try store.claimRun(experiment: experiment, cell: oldRuns[1].cell,
                                                    configuration: configuration, resume: true))
        #expect(claim.attempt == 2 && claim.runID == oldRuns[1].id)
        #expect(try store.epochs(run: claim.runID).isEmpty)
        let point = EvaluationPoint(step: 3, epoch: 1, validationAccuracy: 0.5, validationLoss: 1, elapsedSeconds: 0.5)
        try store.appendEvaluation(point, to: claim)
        try store.finish(claim, status: .finished, test: Evaluation(loss: 1, crossEntropy: 1, accuracy: 0.55, count: 40),
                         steps: 6, stepBudget: 6)
        try store.setProtocol(#"{"target":0.5}"#, experiment: experiment)

        let reread = try RunStore(path: path, readOnly: true)
        let run = try #require(try reread.runs(experiment: experiment).last)
        #expect(run.status == .finished && run.testAccuracy == 0.55 && run.testCount == 40 && run.steps == 6)
        #expect(try reread.evaluations(run: run.id) == [point])
        #expect(try reread.protocolJSON(experiment: experiment) == #"{"target":0.5}"#)
        // Opening again migrates nothing more.
        _ = try RunStore(path: path)
        #expect(try Self.schemaVersion(path) == "2")
    }

    @Test func aV1SourceMergesIntoAV2Target() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let source = directory.path("v1.sqlite"), target = directory.path("v2.sqlite")
        try V1StoreFixture.write(to: source, runningOwner: Self.deadOwner)
        let report = try RunStore.merge(from: [source], into: target)
        #expect(report.experimentsAdded == 1 && report.runsCopied == 1 && report.unfinishedSkipped == 1)
        #expect(try Self.schemaVersion(source) == "1")
        let store = try RunStore(path: target, readOnly: true)
        let experiment = try #require(try store.experiment(named: V1StoreFixture.experimentName))
        let run = try #require(try store.runs(experiment: experiment).first)
        #expect(run.kind == .evaluation && run.testCount == nil)
        #expect(try store.epochs(run: run.id).count == 2)
    }

    @Test func aNewerSchemaIsRefused() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("future.sqlite")
        _ = try RunStore(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "UPDATE actlab_meta SET value = '3' WHERE key = 'schema_version'") }
        try queue.close()
        let error = #expect(throws: StoreError.self) { try RunStore(path: path, readOnly: true) }
        #expect(error?.description.contains("schema version 3; this actlab reads up to 2") == true)
    }
}
