import Foundation
import ActivationLab

/// Checkpoints, comparison config files and run stores: truncations, bit flips, edited fields, nesting and size bombs.
enum StoredFuzzCases {
    // MARK: Checkpoints

    /// The transformed network's checkpoint with the first layer's α (or β, γ) one value short.
    static func shortTransformation(_ key: String) -> FuzzCase {
        var object = try! JSONSerialization.jsonObject(with: Data(FuzzFixtures.transformedCheckpoint)) as! [String: Any]
        var transformations = object["transformations"] as! [[String: Any]]
        transformations[0][key] = Array((transformations[0][key] as! [Any]).dropLast())
        object["transformations"] = transformations
        return checkpoint("transformation \(key) one value short", [UInt8](try! JSONSerialization.data(withJSONObject: object)),
                          expect: .refused, extra: FuzzFixtures.transformedArguments)
    }

    static func checkpoint(_ what: String, _ bytes: [UInt8], expect: FuzzCase.Expectation, extra: [String] = []) -> FuzzCase {
        FuzzCase("checkpoint", what, entries: [.file("data.csv", FuzzFixtures.csv), .file("ck.json", bytes)],
                 arguments: FuzzFixtures.train("csv:data.csv", ["--load", "ck.json"] + extra), expect: expect, mentions: ["ck.json", "--load", "--save"] + extra.dropFirst().filter { $0.count > 1 })
    }

    /// The checkpoint's JSON with `edit` applied.
    static func editedCheckpoint(_ edit: (inout [String: Any]) -> Void) -> [UInt8] {
        var object = try! JSONSerialization.jsonObject(with: Data(FuzzFixtures.checkpoint)) as! [String: Any]
        edit(&object)
        return [UInt8](try! JSONSerialization.data(withJSONObject: object))
    }

    static func editedParameter(_ edit: (inout [String: Any]) -> Void) -> [UInt8] {
        editedCheckpoint { object in
            var parameters = object["parameters"] as! [[String: Any]]
            edit(&parameters[0])
            object["parameters"] = parameters
        }
    }

    static func floats(_ values: [Float]) -> String {
        Data(values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }).base64EncodedString()
    }

    static func checkpointSystematic() -> [FuzzCase] {
        let clean = FuzzFixtures.checkpoint
        let shape = { () -> [Int] in
            let object = try! JSONSerialization.jsonObject(with: Data(clean)) as! [String: Any]
            return ((object["parameters"] as! [[String: Any]])[0]["shape"] as! [Int])
        }()
        let count = shape.reduce(1, *)
        return [
            checkpoint("clean", clean, expect: .accepted),
            checkpoint("empty", [], expect: .refused),
            checkpoint("not JSON", Array("actlab".utf8), expect: .refused),
            checkpoint("NaN weights", editedParameter { $0["data"] = floats([Float](repeating: .nan, count: count)) }, expect: .refused),
            checkpoint("infinite weights", editedParameter { $0["data"] = floats([Float](repeating: .infinity, count: count)) }, expect: .refused),
            checkpoint("data one value short", editedParameter { $0["data"] = floats([Float](repeating: 0.1, count: count - 1)) }, expect: .refused),
            checkpoint("shape doubled", editedParameter { $0["shape"] = shape.map { $0 * 2 } }, expect: .refused),
            checkpoint("shape with int64 max", editedParameter { $0["shape"] = [Int.max, Int.max] }, expect: .refused),
            checkpoint("shape negative", editedParameter { $0["shape"] = [-1, -count] }, expect: .refused),
            checkpoint("no parameters", editedCheckpoint { $0["parameters"] = [] as [Any] }, expect: .refused),
            checkpoint("another activation", editedCheckpoint { object in
                var configuration = object["configuration"] as! [String: Any]
                configuration["activation"] = "tanh"
                object["configuration"] = configuration
            }, expect: .refused),
            checkpoint("another head", editedCheckpoint { object in
                var configuration = object["configuration"] as! [String: Any]
                configuration["head"] = "linear-exp"
                object["configuration"] = configuration
            }, expect: .refused),
            checkpoint("version 999", editedCheckpoint { $0["version"] = 999 }, expect: .refused),
            checkpoint("another format", editedCheckpoint { $0["format"] = "pytorch" }, expect: .refused),
            checkpoint("nested 100000 deep", Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), expect: .refused),
            checkpoint("truncated at half", FuzzMutations.truncated(clean, at: clean.count / 2), expect: .refused),
            checkpoint("clean transformed network", FuzzFixtures.transformedCheckpoint, expect: .accepted, extra: FuzzFixtures.transformedArguments),
            shortTransformation("alpha"), shortTransformation("beta"),
            checkpoint("transformed network loaded without its transform", FuzzFixtures.transformedCheckpoint, expect: .refused),
            refusedBeforeTraining(checkpoint("save into a missing folder", clean, expect: .refused, extra: ["--save", "missing/out.json"])),
            refusedBeforeTraining(checkpoint("save onto a folder", clean, expect: .refused, extra: ["--save", "."])),
        ]
    }

    /// A `--save` target that cannot be written must be refused before training, not after it (losing the model).
    static func refusedBeforeTraining(_ fuzzCase: FuzzCase) -> FuzzCase {
        var copy = fuzzCase
        copy.refusalMustNotPrint = "epoch 1/"
        return copy
    }

    /// Truncations (JSON cut short is never valid) and bit flips (a digit of a metric may change harmlessly).
    static func checkpointRandom(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        let clean = FuzzFixtures.checkpoint
        return (0..<count).map { _ in
            if Bool.random(using: &rng) {
                let length = Int.random(in: 1..<(clean.count - 1), using: &rng)
                let bytes = FuzzMutations.truncated(clean, at: length)
                return checkpoint("truncated at byte \(length)", bytes, expect: isJSON(bytes) ? .either : .refused)
            }
            let bit = Int.random(in: 0..<(clean.count * 8), using: &rng)
            return checkpoint("bit \(bit) flipped", FuzzMutations.flipped(clean, bit: bit), expect: .either)
        }
    }

    static func isJSON(_ bytes: [UInt8]) -> Bool { (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil }

    // MARK: Config files

    static func config(_ what: String, _ bytes: [UInt8], expect: FuzzCase.Expectation) -> FuzzCase {
        // A mutation may rename the data file the config names: an error naming that file is clear too.
        let object = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
        let dataFile = (object?["dataset"] as? String).map { $0.hasPrefix("csv:") ? String($0.dropFirst(4)) : $0 }
        var fuzzCase = FuzzCase("config", what, entries: [.file("data.csv", FuzzFixtures.csv), .file("c.json", bytes)],
                                arguments: FuzzFixtures.compare(), expect: expect, mentions: ["c.json"] + (dataFile.map { [$0] } ?? []))
        fuzzCase.outputs = ["s.sqlite", "s.sqlite-wal", "s.sqlite-shm"]
        return fuzzCase
    }

    static func configSystematic() -> [FuzzCase] {
        let clean = FuzzFixtures.config()
        var cases: [FuzzCase] = [
            config("clean", clean, expect: .accepted),
            config("CRLF between tokens", Array(String(decoding: clean, as: UTF8.self).replacingOccurrences(of: ",", with: ",\r\n").utf8), expect: .accepted),
            config("byte order mark", [0xEF, 0xBB, 0xBF] + clean, expect: .either),
            config("empty", [], expect: .refused),
            config("a JSON array", Array("[]".utf8), expect: .refused),
            config("nested 100000 deep", Array(("{\"options\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}").utf8), expect: .refused),
            config("2 MB of spaces", clean + [UInt8](repeating: 0x20, count: 2 << 20), expect: .refused),
            config("schedule nested 10000 warm-ups", FuzzFixtures.config(options: ["schedule": String(repeating: "warmup:1:", count: 10_000) + "constant"]), expect: .refused),
            config("seeds int64 max", FuzzFixtures.config(overriding: ["seeds": Int.max]), expect: .refused),
            config("20000 seeds listed", FuzzFixtures.config(overriding: ["seeds": Array(1...20_000)]), expect: .refused),
            config("epochs int64 max", FuzzFixtures.config(overriding: ["epochs": Int.max]), expect: .refused),
            config("tune_budget int64 max", FuzzFixtures.config(overriding: ["tune": "lr", "tune_budget": Int.max]), expect: .refused),
            config("tune_epochs int64 max", FuzzFixtures.config(overriding: ["tune": "lr", "tune_epochs": Int.max]), expect: .refused),
            config("margin 1e308", FuzzFixtures.config(overriding: ["margin": 1e308]), expect: .refused),
            config("20000 variants × 10 seeds", FuzzFixtures.config(overriding: ["variants": (0..<20_000).map { "relu+lr=0.\($0 + 1)" }, "seeds": 10]), expect: .refused),
            config("model with an int64 width", FuzzFixtures.config(overriding: ["model": "mlp:auto-9223372036854775807-auto"]), expect: .refused),
            config("model with a 1e12-parameter layer", FuzzFixtures.config(overriding: ["model": "mlp:auto-1000000-1000000-auto"]), expect: .refused),
            config("model with 5000 layers", FuzzFixtures.config(overriding: ["model": "mlp:auto" + String(repeating: "-1", count: 5000) + "-auto"]), expect: .refused),
        ]
        // Every byte boundary of the clean file: a prefix of a JSON object is never a JSON object.
        for length in 0..<clean.count {
            let bytes = FuzzMutations.truncated(clean, at: length)
            cases.append(config("truncated at byte \(length)", bytes, expect: isJSON(bytes) ? .either : .refused))
        }
        return cases
    }

    static func configRandom(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        let clean = FuzzFixtures.config()
        return (0..<count).map { _ in
            let bit = Int.random(in: 0..<(clean.count * 8), using: &rng)
            return config("bit \(bit) flipped", FuzzMutations.flipped(clean, bit: bit), expect: .either)
        }
    }

    // MARK: Run stores

    static let storeCommands: [(name: String, arguments: [String], outputs: Set<String>)] = [
        ("report", ["report", "--store", "s.sqlite", "--out", "r.html"], ["r.html"]),
        ("merge", ["merge", "--into", "merged.sqlite", "s.sqlite"], ["merged.sqlite", "merged.sqlite-wal", "merged.sqlite-shm"]),
        ("resume", ["compare", "--resume", "--store", "s.sqlite", "--report", "", "--threads", "1"], []),
    ]

    static func store(_ what: String, _ bytes: [UInt8], command: Int, expect: FuzzCase.Expectation, extra: [FuzzCase.Entry] = []) -> FuzzCase {
        let (name, arguments, outputs) = storeCommands[command]
        var fuzzCase = FuzzCase("store", "\(name): \(what)", entries: [.file("data.csv", FuzzFixtures.csv), .file("s.sqlite", bytes)] + extra,
                                arguments: arguments, expect: expect, mentions: ["s.sqlite"])
        // SQLite may create or reset the journal files beside a store; the store itself must keep its bytes.
        fuzzCase.outputs = outputs.union(["s.sqlite-wal", "s.sqlite-shm"])
        return fuzzCase
    }

    static func storeSystematic() -> [FuzzCase] {
        let clean = FuzzFixtures.store
        var cases: [FuzzCase] = [
            store("clean", clean, command: 0, expect: .accepted),
            store("clean", clean, command: 1, expect: .accepted),
            store("complete store", clean, command: 2, expect: .either),
        ]
        for command in storeCommands.indices {
            cases.append(store("empty file", [], command: command, expect: .refused))
            cases.append(store("a text file", Array("not a database\n".utf8), command: command, expect: .refused))
            // The 100-byte SQLite header, truncated at every 4-byte field boundary.
            for length in stride(from: 4, through: 100, by: 4) {
                cases.append(store("truncated at header byte \(length)", FuzzMutations.truncated(clean, at: length), command: command, expect: .refused))
            }
            cases.append(store("garbage WAL beside it", clean, command: command, expect: .either,
                               extra: [.file("s.sqlite-wal", [UInt8](repeating: 0xA5, count: 8192))]))
        }
        return cases
    }

    /// Page-boundary truncations and bit flips in header and body: SQLite may or may not notice, so either
    /// outcome, but clean and with the store unchanged.
    static func storeRandom(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        let clean = FuzzFixtures.store
        let pages = max(1, clean.count / 4096)
        return (0..<count).map { index in
            let command = index % storeCommands.count
            if Bool.random(using: &rng) {
                let length = Int.random(in: 1...pages, using: &rng) * 4096 - (Bool.random(using: &rng) ? 0 : 1)
                return store("truncated at byte \(length)", FuzzMutations.truncated(clean, at: length), command: command, expect: .either)
            }
            let bit = Bool.random(using: &rng) ? Int.random(in: 0..<800, using: &rng) : Int.random(in: 0..<(clean.count * 8), using: &rng)
            return store("bit \(bit) flipped", FuzzMutations.flipped(clean, bit: bit), command: command, expect: .either)
        }
    }
}
