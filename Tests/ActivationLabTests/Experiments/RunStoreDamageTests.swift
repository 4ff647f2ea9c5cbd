import Foundation
import GRDB
import Testing
@testable import ActivationLab

/// Damaged stores: one line "store X is damaged: …; it was not modified", and the file's bytes unchanged,
/// whether a command reads it, resumes it or merges from it.
@Suite struct RunStoreDamageTests {
    /// A store with one experiment (with a protocol), a finished run with an epoch and an evaluation.
    static func validStore(at path: String) throws {
        let store = try RunStore(path: path)
        let experiment = try store.createOrFindExperiment(ExperimentSpec(
            name: "damage", dataset: "sample", model: "mlp:784-8-10", baseline: "relu", variants: ["relu", "tanh"],
            seeds: [1], epochs: 1, targetAccuracy: 0.5, configuration: "{}"))
        try store.setProtocol(ProtocolRecord(settings: ProtocolSettings()).json, experiment: experiment)
        for variant in ["relu", "tanh"] {
            var configuration = TrainingConfiguration()
            configuration.activation = variant
            let claim = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: variant, seed: 1),
                                                        configuration: configuration))
            try store.appendEvaluation(EvaluationPoint(step: 1, epoch: 1, validationAccuracy: 0.4, validationLoss: 1.5,
                                                       elapsedSeconds: 0.1), to: claim)
            try store.appendEpoch(EpochMetrics(epoch: 1, trainLoss: 1, validationLoss: 1, validationAccuracy: 0.5,
                                               validationCrossEntropy: 1, seconds: 1, elapsedSeconds: 1, learningRate: 0.1,
                                               gradientNorm: 1, clampEvents: 0, layers: []), to: claim)
            try store.finish(claim, status: .finished, steps: 1, stepBudget: 1)
        }
    }

    /// Everything `report` reads.
    static func readEverything(_ path: String) throws {
        let store = try RunStore(path: path, readOnly: true)
        for experiment in try store.experiments() {
            _ = try store.protocolRecord(experiment: experiment)
            for run in try store.runs(experiment: experiment) {
                _ = try store.epochs(run: run.id)
                _ = try store.evaluations(run: run.id)
            }
        }
    }

    static func sql(_ statement: String) -> @Sendable (String) throws -> Void {
        { path in
            let queue = try DatabaseQueue(path: path)
            try queue.write { try $0.execute(sql: statement) }
            // Fold the write-ahead log into the file, so the file's bytes are the whole damaged store.
            try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try queue.close()
        }
    }

    /// The store's bytes: the file and any write-ahead log beside it.
    static func contents(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path)) + ((try? Data(contentsOf: URL(fileURLWithPath: path + "-wal"))) ?? Data())
    }

    /// Overwrites the start of every page after the first (each b-tree page's header) with garbage.
    static func garbage(_ path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        for page in stride(from: 4096, to: bytes.count, by: 4096) {
            for offset in 0..<12 { bytes[page + offset] = 0xA5 }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func truncate(toFraction fraction: Double) -> @Sendable (String) throws -> Void {
        { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            try data.prefix(Int(Double(data.count) * fraction)).write(to: URL(fileURLWithPath: path))
        }
    }

    /// Each damage, what the message says, and whether opening the store for writing or merging from it
    /// finds it: the protocol column is free-form JSON, which merge copies verbatim and a writable open
    /// accepts, so only its readers find a protocol of the wrong shape (`compare --resume` reads it from a
    /// read-only open before it writes anything).
    static let damages: [(name: String, damage: @Sendable (String) throws -> Void, says: String, foundOnOpen: Bool)] = [
        ("garbage bytes", garbage, "SQLite finds it malformed", true),
        ("truncated to 40%", truncate(toFraction: 0.4), "malformed", true),
        ("truncated to 75%", truncate(toFraction: 0.75), "malformed", true),
        ("a table missing", sql("DROP TABLE evaluations"), "its table 'evaluations' is missing", true),
        ("a column missing", sql("ALTER TABLE runs DROP COLUMN kind"), "its table 'runs' has no column 'kind'", true),
        ("a run configuration", sql("UPDATE runs SET config = 'not json' WHERE variant = 'tanh'"),
         "run 2 (tanh, seed 1) has an unreadable configuration: not valid JSON", true),
        ("an experiment's variants", sql("UPDATE experiments SET variants = '[1'"), "has an unreadable variants or seeds list", true),
        ("a protocol that is not JSON", sql("UPDATE experiments SET protocol = '{bad'"), "has a protocol that is not JSON", true),
        ("a protocol of the wrong shape", sql(#"UPDATE experiments SET protocol = '{"settings": 3}'"#), "has an unreadable protocol: settings", false),
        ("layer diagnostics", sql("UPDATE epochs SET layers = 'nope'"), "epoch 1 has unreadable layer diagnostics", true),
        ("a value of the wrong type", sql("UPDATE runs SET started_at = 'garbage'"), #"could not decode Date from database value "garbage""#, true),
        ("an unknown run kind", sql("PRAGMA ignore_check_constraints = ON; UPDATE runs SET kind = 'mystery' WHERE variant = 'relu'"), "has an unknown kind 'mystery'", true),
    ]

    @Test(arguments: 0..<damages.count)
    func aDamagedStoreIsOneLineAndIsNotModified(index: Int) throws {
        let (name, damage, says, foundOnOpen) = Self.damages[index]
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        try Self.validStore(at: path)
        try Self.readEverything(path)
        try damage(path)
        let before = try Self.contents(path)

        func expectDamaged(_ what: String, _ body: () throws -> Void) {
            let error = #expect(throws: StoreError.self, "\(name): \(what)") { try body() }
            let message = error?.description ?? ""
            #expect(message.hasPrefix("store \(path) is damaged: ") && message.hasSuffix("; it was not modified"),
                    "\(name): \(what): \(message)")
            #expect(message.contains(says), "\(name): \(what): \(message)")
            #expect(!message.contains("\n"), "\(name): \(what): \(message)")
        }
        expectDamaged("read") { try Self.readEverything(path) }
        let merged = directory.path("merged.sqlite")
        if foundOnOpen {
            expectDamaged("merged from") { _ = try RunStore.merge(from: [path], into: merged) }
            #expect(!FileManager.default.fileExists(atPath: merged), "\(name): merge created its target")
        } else {
            #expect(try RunStore.merge(from: [path], into: merged).runsCopied == 2)
        }
        expectDamaged("opened to resume") {
            let store = try RunStore(path: path, readOnly: !foundOnOpen)
            for experiment in try store.experiments() {
                _ = try store.protocolRecord(experiment: experiment)
                for run in try store.runs(experiment: experiment) { _ = try store.epochs(run: run.id) }
            }
        }
        #expect(try Self.contents(path) == before, "\(name): the store changed")
    }

    /// A store this process wrote to before the damage showed does not claim to be unmodified.
    @Test func damageFoundAfterWritingSaysSo() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        try Self.validStore(at: path)
        let store = try RunStore(path: path)
        let experiment = try #require(try store.experiments().first)
        try store.setProtocol("{}", experiment: experiment)
        try Self.sql("UPDATE runs SET config = 'not json'")(path)
        #expect { try store.runs(experiment: experiment) } throws: {
            "\($0)".hasSuffix("; only whole transactions were written to it before this was found")
        }
    }

    /// A named pipe given as a store used to block forever on open; a device is no store either.
    @Test func aNamedPipeOrADeviceIsRefusedWithoutBlocking() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let fifo = directory.path("runs.sqlite")
        #expect(mkfifo(fifo, 0o644) == 0)
        let start = Date()
        for readOnly in [true, false] {
            #expect { try RunStore(path: fifo, readOnly: readOnly) } throws: {
                "\($0)" == "store \(fifo) is a named pipe (FIFO), not a regular file"
            }
        }
        #expect { try RunStore.merge(from: [fifo], into: directory.path("merged.sqlite")) } throws: { "\($0)".contains("named pipe") }
        #expect(Date().timeIntervalSince(start) < 5)
        #expect { try RunStore(path: "/dev/zero", readOnly: true) } throws: { "\($0)" == "store /dev/zero is a device, not a regular file" }
    }
}
