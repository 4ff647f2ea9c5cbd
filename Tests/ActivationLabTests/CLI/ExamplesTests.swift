import Foundation
import Testing
@testable import ActivationLab

/// Every example in the README and in each command's `--help` (its "Examples:" section) runs: a test reads
/// them from the text people read, not from a copy, and runs each through `/bin/sh` in a scratch folder, in
/// the order written, so an example may use what an earlier one made (`actlab report` after `actlab compare`).
///
/// **The budget knob.** Examples are written for real data and real budgets (minutes each). The scratch
/// folder's PATH starts with an `actlab` wrapper (`budgetWrapper`) that runs the built executable with flags
/// appended, and the last value of a repeated flag wins:
/// - `train`, `compare`: `--train-limit`, `--epochs 1–2`, `--seeds 2`, `--tune-budget 2`, `--threads 1`, and
///   `--dataset sample` where the example names Fashion-MNIST or no dataset (`compare --resume` and `--config`
///   get nothing: the stored comparison and the config file define everything);
/// - `explicit`, `analyze-curvature`, `bench`: the sample, a tiny fortune-format corpus in place of `fortunes`,
///   a small network, one repetition;
/// - `reproduce`: `ACTLAB_REPRODUCE_CHECK_ONLY=1`, which checks everything (paper, data, seeds, output folder,
///   store) and stops before training: a reproduction takes minutes even at `--quick`.
/// ExampleFixtures stand in for the user's files an example names: `iris.csv`, a CIFAR-10 folder, the store an
/// example reports on, shard stores to merge, an interrupted comparison for `compare --resume`, and the
/// config and stored reproductions from `docs/` (the config with small budgets).
/// Scripts in examples (`scripts/compare.sh`, `scripts/test.sh`, `bench/run.sh`, the release build) run the
/// whole job, the whole suite or PyTorch: they are checked to exist, be executable and parse (`bash -n`).
@Suite(.serialized) struct ExamplesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let commands = ["train", "compare", "report", "reproduce", "explicit", "analyze-curvature", "activations",
                           "heads", "datasets", "merge", "bench"]

    /// The shell lines of the README's `sh` blocks, comments removed.
    static func readmeExamples() throws -> [String] {
        let text = try String(contentsOf: repository.appendingPathComponent("README.md"), encoding: .utf8)
        var examples: [String] = []
        var inShell = false
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inShell = line == "```sh"; continue }
            guard inShell else { continue }
            let command = line.replacing(/\s{2,}#.*$/, with: "").trimmingCharacters(in: .whitespaces)
            if !command.isEmpty { examples.append(command) }
        }
        return examples
    }

    /// The lines of a command's "Examples:" section, continuation lines (`\`) joined. COLUMNS=200 keeps
    /// ArgumentParser from wrapping them (they are written to fit 80 columns; `HelpSnapshotTests` shows them).
    static func helpExamples(_ command: String, in directory: ScratchDirectory, columns: Int = 200) throws -> [String] {
        let help = try ActlabProcess.run([command, "--help"], in: directory.url, environment: ["COLUMNS": "\(columns)"]).standardOutput
        var examples: [String] = []
        var inSection = false
        for line in help.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("Example") && line.hasSuffix(":") { inSection = true; continue }
            guard inSection else { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { break }
            if let last = examples.last, last.hasSuffix("\\") {
                examples[examples.count - 1] = String(last.dropLast()).trimmingCharacters(in: .whitespaces) + " " + trimmed
            } else {
                examples.append(trimmed)
            }
        }
        return examples
    }

    /// ... and each fits an 80-column terminal: ArgumentParser would wrap a longer one into two broken commands.
    @Test func everyCommandWithOptionsShowsExamplesThatFitEightyColumns() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        for command in Self.commands where command != "heads" {
            let examples = try Self.helpExamples(command, in: directory)
            #expect(!examples.isEmpty, "actlab \(command) --help has no examples")
            #expect(try Self.helpExamples(command, in: directory, columns: 80) == examples, "actlab \(command) --help wraps an example")
        }
    }

    @Test func readmeExamplesRun() throws {
        let examples = try Self.readmeExamples()
        #expect(examples.contains("actlab compare --resume") && examples.contains { $0.hasPrefix("actlab merge") })
        try Self.run(examples, source: "README.md")
    }

    @Test(arguments: commands)
    func helpExamplesRun(_ command: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let examples = try Self.helpExamples(command, in: directory)
        #expect(examples.allSatisfy { $0.hasPrefix("actlab \(command)") }, "\(examples)")
        try Self.run(examples, source: "actlab \(command) --help")
    }

    /// Runs `examples` in order in one scratch folder; a failing example is reported with its output.
    static func run(_ examples: [String], source: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let bin = directory.url.appendingPathComponent(".bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try ExampleFixtures.write(in: directory, repository: repository)
        let wrapper = bin.appendingPathComponent("actlab")
        // Written by a child process: a file this process opened for writing could leak, open, into a child that
        // another test forks at that moment, and executing the wrapper then fails with "Text file busy" (126).
        let wrapperSource = bin.appendingPathComponent("actlab.source")
        try budgetWrapper(corpus: directory.path("fortunes.txt")).write(to: wrapperSource, atomically: true, encoding: .utf8)
        let copied = try Self.shell("cp actlab.source actlab && chmod 755 actlab", in: directory, path: "/usr/bin:/bin",
                                    subfolder: ".bin")
        #expect(copied.status == 0, "\(copied.standardError)")
        let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")

        for example in examples {
            if let script = scriptExample(example) {
                try check(script: script, example: example, source: source)
                continue
            }
            try ExampleFixtures.prepare(for: example, in: directory, path: path)
            // The example's status, or a background job's (`a & b`) if that failed.
            let output = try shell(example + "\nstatus=$?\nif [ -n \"$!\" ]; then wait $! || status=$?; fi\nexit $status",
                                   in: directory, path: path)
            #expect(output.status == 0, "\(source): `\(example)` exited \(output.status)\n\(output.standardOutput)\(output.standardError)")
        }
    }

    /// The script an example runs instead of `actlab`, if any (`swift build … && alias …` counts as the build).
    static func scriptExample(_ example: String) -> String? {
        if example.hasPrefix("swift build") { return "" }
        let first = example.split(separator: " ").first.map(String.init) ?? ""
        return first.hasSuffix(".sh") ? first : nil
    }

    static func check(script: String, example: String, source: String) throws {
        guard !script.isEmpty else { return }  // the release build: `swift build` is what every test run does
        let file = repository.appendingPathComponent(script).path
        #expect(FileManager.default.isExecutableFile(atPath: file), "\(source): `\(example)`: \(script) is not an executable file")
        let parse = Process()
        parse.executableURL = URL(fileURLWithPath: "/bin/bash")
        parse.arguments = ["-n", file]
        try parse.run()
        parse.waitUntilExit()
        #expect(parse.terminationStatus == 0, "\(source): `\(example)`: bash -n \(script) failed")
    }

    static func shell(_ script: String, in directory: ScratchDirectory, path: String, subfolder: String? = nil) throws -> ActlabProcess.Output {
        let process = Process()
        let stdout = Pipe(), stderr = Pipe()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": path, "COLUMNS": "100"]) { $1 }
        process.currentDirectoryURL = subfolder.map { directory.url.appendingPathComponent($0) } ?? directory.url
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
                     standardError: String(decoding: err, as: UTF8.self))
    }

    /// The budget knob (see the type's comment): the built `actlab` with flags appended per command.
    static func budgetWrapper(corpus: String) -> String {
        """
        #!/bin/sh
        # ExamplesTests' budget knob: the real actlab, with flags appended that make an example take seconds.
        real='\(ActlabProcess.executable.path)'
        command="$1"
        dataset=""; previous=""; resume=""; config=""
        for argument in "$@"; do
          [ "$previous" = "--dataset" ] && dataset="$argument"
          case "$argument" in --dataset=*) dataset="${argument#--dataset=}";; --resume) resume=1;; --config) config=1;; esac
          previous="$argument"
        done
        small=""
        case "$dataset" in "" | fashion-mnist) small="--dataset sample";; fortunes) small="--dataset text:\(corpus)";; esac
        case "$command" in
          train) exec "$real" "$@" $small --train-limit 300 --epochs 1 --threads 1;;
          compare)
            if [ -n "$resume$config" ]; then exec "$real" "$@"; fi
            exec "$real" "$@" $small --train-limit 600 --epochs 2 --seeds 2 --tune-budget 2 --threads 1;;
          explicit) exec "$real" "$@" $small;;
          analyze-curvature) exec "$real" "$@" --hidden 4 --samples 60 --steps 10;;
          bench) exec "$real" "$@" --dataset sample --repetitions 1 --mlp-steps 2 --cnn-steps 1;;
          reproduce) ACTLAB_REPRODUCE_CHECK_ONLY=1 exec "$real" "$@";;
          *) exec "$real" "$@";;
        esac

        """
    }
}

/// The files examples name, made in the scratch folder (see `ExamplesTests`).
enum ExampleFixtures {
    static func write(in directory: ScratchDirectory, repository: URL) throws {
        let manager = FileManager.default
        // A user's CSV: 4 features, 3 classes, separable enough to learn.
        var generator = SystemRandomNumberGenerator()
        let rows = (0..<150).map { n -> String in
            let label = n % 3
            let features = (0..<4).map { k in String(format: "%.2f", Double(label * (k + 1)) + Double.random(in: 0..<1, using: &generator)) }
            return (features + ["\(label)"]).joined(separator: ",")
        }
        try (["sepal_length,sepal_width,petal_length,petal_width,species"] + rows).joined(separator: "\n")
            .write(toFile: directory.path("iris.csv"), atomically: true, encoding: .utf8)
        // A CIFAR-10 folder: 5 training batches and a test batch of 8 images each.
        let cifar = directory.url.appendingPathComponent("cifar-10-batches-bin")
        try manager.createDirectory(at: cifar, withIntermediateDirectories: true)
        for file in (1...5).map({ "data_batch_\($0).bin" }) + ["test_batch.bin"] {
            var bytes: [UInt8] = []
            for record in 0..<8 { bytes.append(UInt8(record % 10)); bytes += (0..<3072).map { UInt8(($0 + record * 7) % 256) } }
            try Data(bytes).write(to: cifar.appendingPathComponent(file))
        }
        // A fortune-format corpus: entries separated by lines holding "%".
        let words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far", "away", "today"]
        let entries = (0..<120).map { n in (0..<8).map { words[(n * 5 + $0 * 3) % words.count] }.joined(separator: " ") }
        try entries.joined(separator: "\n%\n").write(toFile: directory.path("fortunes.txt"), atomically: true, encoding: .utf8)
        // The config example, with small budgets, and the stored reproductions `--render-only` reads.
        let docs = directory.url.appendingPathComponent("docs")
        try manager.createDirectory(at: docs.appendingPathComponent("reproductions"), withIntermediateDirectories: true)
        let config = try JSONSerialization.jsonObject(with: Data(contentsOf: repository.appendingPathComponent("docs/compare-example.json")))
        guard var object = config as? [String: Any] else { throw CocoaError(.fileReadCorruptFile) }
        object["dataset"] = "sample"
        object["epochs"] = 2
        object["seeds"] = 2
        object["tune_budget"] = 2
        object["options"] = (object["options"] as? [String: Any] ?? [:]).merging(["train-limit": 600]) { $1 }
        try JSONSerialization.data(withJSONObject: object).write(to: docs.appendingPathComponent("compare-example.json"))
        let stored = repository.appendingPathComponent("docs/reproductions")
        for file in try manager.contentsOfDirectory(atPath: stored.path) where file.hasSuffix(".json") {
            try manager.copyItem(at: stored.appendingPathComponent(file), to: docs.appendingPathComponent("reproductions/\(file)"))
        }
    }

    /// What an example expects to find that only an earlier step of a user's day would have left.
    static func prepare(for example: String, in directory: ScratchDirectory, path: String) throws {
        let manager = FileManager.default
        if example.contains("--store runs.sqlite --experiment heads-mlp"), !manager.fileExists(atPath: directory.path("runs.sqlite")) {
            let made = try ExamplesTests.shell("actlab compare --name heads-mlp --variants relu+head=linear-exp --tune none "
                                                + "--target-accuracy 0.3 --store runs.sqlite --report ''", in: directory, path: path)
            #expect(made.status == 0, "fixture runs.sqlite: \(made.standardError)")
        }
        let readsTheDefaultStore = example.hasPrefix("actlab merge") || (example.hasPrefix("actlab report") && !example.contains("--store"))
        if readsTheDefaultStore, !manager.fileExists(atPath: directory.path("actlab-runs.sqlite")) {
            let made = try ExamplesTests.shell("actlab compare --variants tanh --tune none --target-accuracy 0.3 --report ''",
                                               in: directory, path: path)
            #expect(made.status == 0, "fixture actlab-runs.sqlite: \(made.standardError)")
        }
        if example.hasPrefix("actlab merge") {
            // The stores a sharded run on two machines leaves (`compare --shard I/N --store shard-I.sqlite`).
            for shard in ["shard-0.sqlite", "shard-1.sqlite"] where !manager.fileExists(atPath: directory.path(shard)) {
                try manager.copyItem(atPath: directory.path("actlab-runs.sqlite"), toPath: directory.path(shard))
            }
        }
        if example == "actlab compare --resume" {
            try interruptedComparison(in: directory, path: path)
        }
    }

    /// What Ctrl-C leaves: a comparison in the default store with some runs finished and the rest not.
    static func interruptedComparison(in directory: ScratchDirectory, path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec actlab compare --name interrupted --variants tanh --tune none --target-accuracy 0.3 "
                             + "--seeds 3 --report ''"]
        process.environment = ProcessInfo.processInfo.environment.merging(["PATH": path]) { $1 }
        process.currentDirectoryURL = directory.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        let store = directory.path("actlab-runs.sqlite")
        while Date() < deadline, process.isRunning {
            if let count = try? finishedRuns(named: "interrupted", in: store), count >= 1 { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130, "the fixture comparison was not interrupted (status \(process.terminationStatus))")
    }

    static func finishedRuns(named name: String, in store: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: store) else { return 0 }
        let runStore = try RunStore(path: store, readOnly: true)
        return try runStore.experiments().filter { $0.spec.name == name }
            .flatMap { try runStore.runs(experiment: $0) }.filter { $0.isComplete && $0.kind == .evaluation }.count
    }
}
