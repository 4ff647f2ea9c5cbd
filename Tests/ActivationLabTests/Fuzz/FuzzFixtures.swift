import Foundation
import ActivationLab

/// Small valid inputs of every format, built from a seed, that the mutations start from; and the
/// commands that train on them in well under a second.
enum FuzzFixtures {
    /// Trains one epoch of a small mlp, so an accepted case costs little.
    static func train(_ dataset: String, _ extra: [String] = []) -> [String] {
        ["train", "--dataset", dataset, "--model", "mlp:auto-8-auto", "--epochs", "1", "--batch-size", "16", "--threads", "1"] + extra
    }

    // MARK: CSV: 60 rows, 4 features, 3 classes.

    static let csvRows = 60
    static func csvLines(header: Bool = true) -> [String] {
        var rng = SeededGenerator(seed: 7)
        let rows = (0..<csvRows).map { row -> String in
            let label = row % 3
            let features = (0..<4).map { _ in String(format: "%.3f", Double(label) + Double.random(in: -1...1, using: &rng)) }
            return (features + ["\(label)"]).joined(separator: ",")
        }
        return (header ? ["a,b,c,d,label"] : []) + rows
    }
    static var csv: [UInt8] { Array((csvLines().joined(separator: "\n") + "\n").utf8) }

    // MARK: IDX: 8×8 images, 40 train and 20 test, labels 0..<4.

    static let idxSide = 8, idxTrain = 40, idxTest = 20, idxClasses = 4
    static func idxImages(count: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        return bigEndian(0x0803) + bigEndian(UInt32(count)) + bigEndian(UInt32(idxSide)) + bigEndian(UInt32(idxSide))
            + (0..<(count * idxSide * idxSide)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
    static func idxLabels(count: Int) -> [UInt8] {
        bigEndian(0x0801) + bigEndian(UInt32(count)) + (0..<count).map { UInt8($0 % idxClasses) }
    }
    /// The four files of an IDX folder named `data`, any of them replaced.
    static func idxFolder(replacing name: String? = nil, with entry: FuzzCase.Entry? = nil) -> [FuzzCase.Entry] {
        let files: [(String, [UInt8])] = [
            ("train-images-idx3-ubyte", idxImages(count: idxTrain, seed: 1)), ("train-labels-idx1-ubyte", idxLabels(count: idxTrain)),
            ("t10k-images-idx3-ubyte", idxImages(count: idxTest, seed: 2)), ("t10k-labels-idx1-ubyte", idxLabels(count: idxTest)),
        ]
        return files.map { file in file.0 == name ? entry! : .file("data/" + file.0, file.1) }
    }
    static let idxSpec = "idx:data:classes=\(idxClasses)"

    // MARK: CIFAR-10: 4 records per training file, 4 test records.

    static let cifarRecord = 3073
    static func cifarBatch(seed: UInt64, records: Int = 4) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        return (0..<records).flatMap { record in
            [UInt8((record + Int(seed)) % 10)] + (0..<3072).map { _ in UInt8.random(in: 0...255, using: &rng) }
        }
    }
    static let cifarFiles = (1...5).map { "data_batch_\($0).bin" } + ["test_batch.bin"]
    static func cifarFolder(replacing name: String? = nil, with entry: FuzzCase.Entry? = nil) -> [FuzzCase.Entry] {
        cifarFiles.enumerated().map { index, file in file == name ? entry! : .file("data/" + file, cifarBatch(seed: UInt64(index))) }
    }

    // MARK: Checkpoint, config file and run store: made once per test process by the real tool.

    /// A checkpoint of `train(csv:data.csv)`.
    static let checkpoint: [UInt8] = produce(train("csv:data.csv", ["--save", "out.json"]), output: "out.json")

    /// A checkpoint of a transformed tanh network (α, β, γ state beside the weights).
    static let transformedArguments = ["--activation", "tanh", "--transform", "ab", "--lr", "0.1"]
    static let transformedCheckpoint: [UInt8] = produce(train("csv:data.csv", transformedArguments + ["--save", "out.json"]), output: "out.json")

    /// A valid comparison config file over `data.csv` that runs in a few seconds.
    static func config(options: [String: Any] = ["batch-size": 16], overriding: [String: Any] = [:]) -> [UInt8] {
        var object: [String: Any] = ["dataset": "csv:data.csv", "model": "mlp:auto-8-auto", "epochs": 1, "seeds": 1,
                                     "baseline": "relu", "variants": ["tanh"], "tune": "none", "target_accuracy": 0.5,
                                     "options": options]
        object.merge(overriding) { $1 }
        return [UInt8](try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }
    static func compare(config: String = "c.json", store: String = "s.sqlite") -> [String] {
        ["compare", "--config", config, "--store", store, "--report", "", "--threads", "1"]
    }

    /// A run store holding one finished comparison.
    static let store: [UInt8] = produce(compare(config: "c.json", store: "made.sqlite"), output: "made.sqlite",
                                        extra: [.file("c.json", config())])

    /// Runs `actlab arguments` on the clean CSV and returns the bytes of `output`.
    private static func produce(_ arguments: [String], output: String, extra: [FuzzCase.Entry] = []) -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder.appendingPathComponent("data.csv").path, contents: Data(csv))
        for case let .file(name, bytes) in extra {
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(bytes))
        }
        let run = ChildProcess.run(ActlabProcess.executable.path, arguments, in: folder, addressSpace: FuzzRunner.fixedAllowance,
                                   seconds: 120)
        precondition(run.status == 0 && run.signal == nil, "fixture \(arguments) failed: \(run.standardError)")
        return [UInt8](FileManager.default.contents(atPath: folder.appendingPathComponent(output).path) ?? Data())
    }

    /// The line `actlab train` prints about the data it read from the clean input (shape, classes, counts):
    /// an accepted variant of the input (BOM, CRLF, gzip) must read the same.
    static func summaryLine(_ arguments: [String], entries: [FuzzCase.Entry]) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for case let .file(name, bytes) in entries {
            let url = folder.appendingPathComponent(name)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        }
        let run = ChildProcess.run(ActlabProcess.executable.path, arguments, in: folder, addressSpace: FuzzRunner.fixedAllowance, seconds: 60)
        // "training mlp:4-8-3 [relu, head softmax-ce] on data: 43 train / 5 validation / 12 test, 67 parameters"
        guard let line = run.standardOutput.split(separator: "\n").first(where: { $0.hasPrefix("training ") }),
              let end = line.range(of: " test,") else { return "training (the clean input was refused: \(run.standardError))" }
        return String(line[..<end.lowerBound]) + " test"
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }

    /// `bytes` gzipped by the system's gzip.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-gz-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("f")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -9 -n -f \"$0\"", file.path]
        try? process.run()
        process.waitUntilExit()
        return [UInt8](FileManager.default.contents(atPath: file.path + ".gz") ?? Data())
    }

    /// A gzip stream of `megabytes` MB of zeros: members of 8 MB each, concatenated (≈ 8 KB apiece).
    static func zeroBomb(megabytes: Int) -> [UInt8] {
        let member = gzip([UInt8](repeating: 0, count: 8 << 20))
        return (0..<max(1, megabytes / 8)).flatMap { _ in member }
    }
}
