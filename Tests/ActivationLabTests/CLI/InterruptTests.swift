import Foundation
import Testing
@testable import ActivationLab

/// SIGINT, SIGTERM and SIGHUP end `compare` and `train` the same way: the run stored as interrupted
/// (resumable from any host), exit status 130.
@Suite(.serialized) struct InterruptTests {
    /// A comparison whose runs last long enough to be interrupted mid-run.
    static let longSweep = ["compare", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "600",
                            "--baseline", "relu", "--variants", "tanh", "--seeds", "1", "--epochs", "2000",
                            "--tune", "none", "--target-accuracy", "0.6", "--report", "", "--threads", "1"]

    /// Waits until an evaluation run of the store at `path` is running with at least `epochs` epochs stored.
    static func waitForRunningEvaluation(in path: String, while process: ActlabProcess, epochs: Int = 0) -> StoredRun? {
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.process.isRunning {
            if FileManager.default.fileExists(atPath: path), let store = try? RunStore(path: path, readOnly: true),
               let experiment = try? store.experiments().first,
               let run = try? store.runs(experiment: experiment).first(where: { $0.kind == .evaluation && $0.status == .running }),
               (try? store.epochs(run: run.id).count) ?? 0 >= epochs {
                return run
            }
            usleep(20_000)
        }
        return nil
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aSignalEndsACompareAsInterruptedAndResumableAnywhere(signal: Int32) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        let compare = try ActlabProcess(Self.longSweep + ["--store", path], in: directory.url)
        defer { if compare.process.isRunning { kill(compare.process.processIdentifier, SIGKILL) } }
        let running = try #require(Self.waitForRunningEvaluation(in: path, while: compare))
        kill(compare.process.processIdentifier, signal)
        let output = compare.finish()
        #expect(output.status == 130, "signal \(signal): \(output.standardError)")
        #expect(output.standardError.contains("interrupted: finished runs are stored. Continue with:"))
        let store = try RunStore(path: path, owner: RunOwner(host: "another-host", pid: 1, processStart: nil, token: "other"))
        let experiment = try #require(try store.experiments().first)
        let run = try #require(try store.runs(experiment: experiment).first { $0.id == running.id })
        #expect(run.status == .failed && run.reason == "interrupted")
        // Another host may take it over on resume (a `running` row of a killed process it could not).
        let configuration = try #require(run.configuration)
        #expect(try store.claimRun(experiment: experiment, cell: run.cell, configuration: configuration, resume: true) != nil)
    }

    @Test func aSignalEndsATrainRunWithStatus130AndNoCheckpoint() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let log = directory.url.appendingPathComponent("train.log")
        #expect(FileManager.default.createFile(atPath: log.path, contents: nil))
        let process = Process()
        process.executableURL = ActlabProcess.executable
        process.arguments = ["train", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "600",
                             "--epochs", "2000", "--threads", "1", "--save", directory.path("model.json")]
        process.currentDirectoryURL = directory.url
        process.standardOutput = try FileHandle(forWritingTo: log)
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning,
              !(String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self)).contains("epoch 1/2000") {
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "\(stderr)")
        #expect(stderr.contains("interrupted after") && stderr.contains("no checkpoint written"), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("model.json")))
    }
}
