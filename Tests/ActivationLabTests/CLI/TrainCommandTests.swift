import Foundation
import Testing
@testable import ActivationLab

/// `actlab train` as a user runs it: JSON lines, divergence status, one-line errors.
@Suite struct TrainCommandTests {
    let quick = ["train", "--dataset", "sample", "--model", "mlp:784-32-10", "--train-limit", "400", "--threads", "1"]

    @Test func jsonModePrintsOneObjectPerEpochWithTheDocumentedKeys() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(quick + ["--epochs", "2", "--json"], in: directory.url)
        #expect(output.status == 0, "\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.count == 2)
        for (index, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            for key in ["epoch", "train_loss", "val_loss", "val_accuracy", "seconds", "layers"] {
                #expect(object?[key] != nil, "missing \(key) in \(line)")
            }
            #expect(object?["epoch"] as? Int == index + 1)
        }
    }

    @Test func divergenceStopsWithStatusThree() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(quick + ["--epochs", "3", "--head", "linear-pow3", "--lr", "50"], in: directory.url)
        #expect(output.status == 3, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("diverged"))
    }

    /// A loss that stays finite but grows by orders of magnitude (cross-entropy 1e22 on LeNet) is divergence too.
    @Test(arguments: [["--model", "mlp:784-32-10", "--lr", "1000"], ["--model", "cnn:lenet", "--train-limit", "200", "--lr", "1e6"]])
    func aFiniteBlowUpStopsWithStatusThree(flags: [String]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(quick + ["--epochs", "2"] + flags, in: directory.url)
        #expect(output.status == 3, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("diverged (the training loss reached"))
        #expect(output.standardOutput.contains("lower learning rate"))
    }

    /// --save is checked before any training: an unwritable target fails in the first second, not after the run.
    @Test(arguments: ["missing/model.json", ".", "file.txt/model.json"])
    func anUnwritableSaveTargetFailsBeforeTraining(target: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try Data("x".utf8).write(to: directory.url.appendingPathComponent("file.txt"))
        let output = try ActlabProcess.run(quick + ["--epochs", "1", "--save", target], in: directory.url)
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("actlab train: --save \(target): "), "\(output.standardError)")
        #expect(output.standardError.split(separator: "\n").count == 1)
        #expect(!output.standardOutput.contains("epoch"))
    }

    @Test func aCheckpointOfOtherModelOptionsNeedsLoadWeightsOnly() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("tanh.json")
        let saved = try ActlabProcess.run(quick + ["--epochs", "1", "--activation", "tanh", "--save", path], in: directory.url)
        #expect(saved.status == 0, "\(saved.standardError)")
        let refused = try ActlabProcess.run(quick + ["--epochs", "1", "--load", path, "--head", "linear-mse"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("--activation tanh (now relu), --head softmax-ce (now linear-mse)"), "\(refused.standardError)")
        #expect(refused.standardError.contains("--load-weights-only"))
        let forced = try ActlabProcess.run(quick + ["--epochs", "1", "--load", path, "--load-weights-only"], in: directory.url)
        #expect(forced.status == 0, "\(forced.standardError)")
        // Other budget and optimiser options are what loading is for: no complaint.
        let continued = try ActlabProcess.run(quick + ["--epochs", "2", "--activation", "tanh", "--lr", "0.01", "--load", path],
                                              in: directory.url)
        #expect(continued.status == 0, "\(continued.standardError)")
    }

    @Test func aDivergedRunSavesNoCheckpoint() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("model.json")
        let output = try ActlabProcess.run(quick + ["--epochs", "1", "--lr", "1000", "--save", path], in: directory.url)
        #expect(output.status == 3)
        #expect(output.standardError.contains("no checkpoint written"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func checkpointSavedByTrainLoadsBack() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("model.json")
        let saved = try ActlabProcess.run(quick + ["--epochs", "1", "--save", path], in: directory.url)
        #expect(saved.status == 0, "\(saved.standardError)")
        let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: path))
        #expect(checkpoint.configuration.model == "mlp:784-32-10")
        let loaded = try ActlabProcess.run(quick + ["--epochs", "1", "--load", path], in: directory.url)
        #expect(loaded.status == 0, "\(loaded.standardError)")
        let mismatch = try ActlabProcess.run(["train", "--dataset", "sample", "--model", "mlp:784-16-10", "--epochs", "1", "--load", path],
                                             in: directory.url)
        #expect(mismatch.status != 0)
        #expect(mismatch.standardError.contains(path))
    }

    @Test(arguments: [
        (["--activation", "swish2"], "unknown activation 'swish2'"),
        (["--activation", "leaky-relu:abc"], "must be a number"),
        (["--head", "softmax-xyz"], "unknown head 'softmax-xyz'"),
        (["--optimizer", "lbfgs"], "lbfgs"),
        (["--lr=-0.1"], "--lr: must be a positive number"),
        (["--batch-size", "0"], "--batch-size: must be a positive integer"),
        (["--model", "mlp:100-10"], "try mlp:784-10"),
        (["--model", "cnn:vgg"], "is not a model spec"),
        (["--transform", "abc"], "--transform: must be none, shortcuts, ab or abg"),
        (["--activation", "relu", "--transform", "ab"], "use --activation tanh"),
        (["--activation", "tanh", "--hdfgd"], "gelu"),
        (["--schedule", "exp"], "unknown schedule 'exp'"),
        (["--dataset", "idx:/nonexistent"], "/nonexistent"),
        (["--load", "/nonexistent/ckpt.json"], "/nonexistent/ckpt.json"),
    ])
    func badInputIsOneClearLineAndNonZeroExit(extra: [String], message: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(quick + ["--epochs", "1"] + extra, in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains(message), "\(output.standardError)")
        #expect(!output.standardError.contains("Fatal error"))
        let lines = output.standardError.split(separator: "\n").filter { !$0.hasPrefix("note: ") }
        #expect(lines.count == 1 && lines[0].hasPrefix("actlab train: "), "\(output.standardError)")
    }

    @Test func malformedCSVNamesTheFileAndLine() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let csv = directory.path("data.csv")
        try Data("a,b,label\n1,2,0\n3,oops,1\n".utf8).write(to: URL(fileURLWithPath: csv))
        let output = try ActlabProcess.run(["train", "--dataset", "csv:\(csv)", "--model", "mlp:2-4-2", "--epochs", "1"], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains("data.csv") && output.standardError.contains("line 3"), "\(output.standardError)")
    }

    @Test func csvTrainsWithoutAModelSpecAndShowsTheResolvedOne() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let csv = directory.path("data.csv")
        let rows = (0..<40).map { "\($0 % 7),\(Double($0) / 10),\($0 % 3),\($0 % 3)" }
        try Data((["a,b,c,label"] + rows).joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: csv))
        let output = try ActlabProcess.run(["train", "--dataset", "csv:\(csv)", "--epochs", "1", "--threads", "1"], in: directory.url)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("training mlp:3-256-256-3 "), "\(output.standardOutput)")
    }
}
