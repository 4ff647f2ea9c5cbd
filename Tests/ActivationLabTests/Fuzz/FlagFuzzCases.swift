@testable import ActivationLab

/// Extreme values for every option of `TrainingOption.all` (so a new option is fuzzed without editing this
/// file), on the command line and in a config file, plus the CLI's own numeric flags.
enum FlagFuzzCases {
    /// Values no option may accept: not numbers, not finite, or not representable in Float32.
    static let alwaysRefused = ["nan", "inf", "-inf", "1e-50", "1e39", "garbage"]
    /// Values some options accept: the table's own check (set + validate) says which.
    static let maybeAccepted = ["0", "-1", "1", "9223372036854775807", "18446744073709551616", ""]

    /// Whether the option table accepts `value` for `option` (the library's contract, checked in process).
    static func tableAccepts(_ option: TrainingOption, _ value: String) -> Bool {
        var configuration = TrainingConfiguration()
        configuration.dataset = "csv:data.csv"
        configuration.model = "mlp:auto-8-auto"
        guard (try? option.set(value, in: &configuration)) != nil else { return false }
        return (try? configuration.validate()) != nil
    }

    static func expectation(_ option: TrainingOption, _ value: String) -> FuzzCase.Expectation {
        alwaysRefused.contains(value) || !tableAccepts(option, value) ? .refused : .either
    }

    static func options() -> [TrainingOption] { TrainingOption.all.filter { !$0.isFlag } }

    static func systematic() -> [FuzzCase] {
        var cases: [FuzzCase] = []
        for option in options() {
            for (index, value) in (alwaysRefused + maybeAccepted).enumerated() {
                let flag = "--" + option.key
                // Alternate `--key value` and `--key=value`, so both spellings meet every kind of value.
                let given = index % 2 == 0 ? [flag, value] : ["\(flag)=\(value)"]
                cases.append(FuzzCase("flags", "\(flag) \(value.isEmpty ? "''" : value)",
                                      entries: [.file("data.csv", FuzzFixtures.csv)],
                                      arguments: FuzzFixtures.train("csv:data.csv", given), expect: expectation(option, value),
                                      mentions: [flag]))
            }
            // The same values in a config file's options, as JSON numbers where they are numbers.
            for value in alwaysRefused + ["-1", "9223372036854775807"] {
                let json: Any = Double(value).flatMap { $0.isFinite ? (Int(value).map { $0 as Any } ?? $0 as Any) : nil } ?? value
                var fuzzCase = StoredFuzzCases.config("options.\(option.key) = \(value)", FuzzFixtures.config(options: [option.key: json]),
                                                       expect: expectation(option, value))
                fuzzCase = FuzzCase("flags", "config options.\(option.key) = \(value)", entries: fuzzCase.entries,
                                    arguments: fuzzCase.arguments, expect: fuzzCase.expectation, mentions: ["c.json"])
                fuzzCase.outputs = ["s.sqlite", "s.sqlite-wal", "s.sqlite-shm"]
                cases.append(fuzzCase)
            }
        }
        // The CLI's own numeric flags (not training options), where the command reads them before running.
        let compare = ["compare", "--dataset", "csv:data.csv", "--model", "mlp:auto-8-auto", "--epochs", "1", "--tune", "none",
                       "--target-accuracy", "0.5", "--variants", "tanh", "--report", "", "--threads", "1"]
        let cliFlags: [(flag: String, base: [String])] = [
            ("--seeds", compare), ("--tune-budget", compare + ["--tune", "lr"]), ("--tune-epochs", compare + ["--tune", "lr"]),
            ("--margin", compare), ("--speed-margin", compare), ("--target-accuracy", compare),
            ("--shards", compare + ["--emit-slurm", "x.sbatch"]), ("--threads", FuzzFixtures.train("csv:data.csv")),
        ]
        for (flag, base) in cliFlags {
            for value in ["nan", "inf", "1e39", "garbage", "", "-1", "0", "9223372036854775807", "9223372036854775808"] {
                // Numbers these flags take legitimately (0 for a margin) may run: either outcome, cleanly.
                let refused = ["nan", "inf", "1e39", "garbage", "", "-1", "9223372036854775808"].contains(value)
                var fuzzCase = FuzzCase("flags", "\(flag) \(value.isEmpty ? "''" : value)", entries: [.file("data.csv", FuzzFixtures.csv)],
                                        arguments: base + [flag, value], expect: refused ? .refused : .either, mentions: [flag])
                fuzzCase.outputs = ["actlab-runs.sqlite", "actlab-runs.sqlite-wal", "actlab-runs.sqlite-shm", "x.sbatch"]
                cases.append(fuzzCase)
            }
        }
        // Threads far above the core count: capped with a note, never a spin under the memory limit.
        var threads = FuzzCase("flags", "--threads 100000 runs capped", entries: [.file("data.csv", FuzzFixtures.csv)],
                               arguments: FuzzFixtures.train("csv:data.csv") + ["--threads", "100000"], expect: .accepted, mentions: ["--threads"])
        threads.acceptedOutputMustContain = "finished"
        cases.append(threads)
        for model in ["mlp:auto-9223372036854775807-auto", "mlp:auto-1000000-1000000-auto", "mlp:auto" + String(repeating: "-1", count: 5000) + "-auto",
                      "mlp:784-9223372036854775807-10", "mlp:auto-0-auto", "mlp:auto--auto"] {
            cases.append(FuzzCase("flags", "--model \(model.prefix(40))", entries: [.file("data.csv", FuzzFixtures.csv)],
                                  arguments: FuzzFixtures.train("csv:data.csv", ["--model", model]), expect: .refused, mentions: ["--model"]))
        }
        cases.append(FuzzCase("flags", "--schedule with 10000 nested warm-ups", entries: [.file("data.csv", FuzzFixtures.csv)],
                              arguments: FuzzFixtures.train("csv:data.csv", ["--schedule", String(repeating: "warmup:1:", count: 10_000) + "constant"]),
                              expect: .refused, mentions: ["--schedule"]))
        return cases
    }
}
