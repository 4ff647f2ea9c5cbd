import ArgumentParser
import ActivationLab
import Foundation

/// The comparison a `compare` invocation describes: from its flags, or from a JSON config file.
struct CompareDefinition {
    let comparison: Comparison

    static func resolve(command: CompareCommand) throws -> CompareDefinition {
        if let path = command.config { return try fromFile(path) }
        let base = command.options.configuration(defaultEpochs: 15)
        let variants = command.variants.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return CompareDefinition(comparison: try Comparison(
            name: command.name, base: base, baseline: command.baseline, variants: variants,
            seeds: (1...UInt64(command.seeds)).map { $0 }, targetAccuracy: command.targetAccuracy))
    }

    static let fileKeys: Set<String> = ["name", "dataset", "model", "epochs", "baseline", "variants", "seeds",
                                        "target_accuracy", "options"]

    /// Reads a config file (format: docs/compare-config.md); every problem is one line naming the file.
    static func fromFile(_ path: String) throws -> CompareDefinition {
        func fail(_ message: String) -> ValidationError { ValidationError("\(path): \(message)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read the file") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw fail("not a JSON object (see docs/compare-config.md)")
        }
        if let unknown = Set(root.keys).subtracting(fileKeys).sorted().first {
            throw fail("unknown key '\(unknown)'; allowed: \(fileKeys.sorted().joined(separator: ", "))")
        }
        guard let baseline = root["baseline"] as? String else { throw fail("'baseline' must be a variant string") }
        guard let variants = root["variants"] as? [String], !variants.isEmpty else {
            throw fail("'variants' must be a non-empty list of variant strings")
        }
        var base = TrainingConfiguration()
        base.dataset = try string(root, "dataset", path) ?? DatasetSource.defaultSpec()
        base.model = try string(root, "model", path) ?? base.model
        base.epochs = try integer(root, "epochs", path) ?? 5
        let seeds: [UInt64]
        switch root["seeds"] {
        case nil: seeds = [1, 2, 3]
        case let count as Int where count >= 1: seeds = (1...UInt64(count)).map { $0 }
        case let list as [Int] where !list.isEmpty && list.allSatisfy({ $0 >= 0 }): seeds = list.map { UInt64($0) }
        default: throw fail("'seeds' must be a positive count or a list of non-negative integers")
        }
        if let options = root["options"] {
            guard let options = options as? [String: Any] else { throw fail("'options' must be an object of option: value") }
            let parts = try options.keys.sorted().map { key -> String in
                switch options[key] {
                case let flag as Bool: return flag ? key : ""
                case let number as NSNumber: return "\(key)=\(number)"
                case let text as String: return "\(key)=\(text)"
                default: throw fail("option '\(key)' must be a string, number or boolean")
                }
            }.filter { !$0.isEmpty }
            if !parts.isEmpty {
                do { base = try VariantSpec(([base.activation] + parts).joined(separator: "+"), base: base).configuration }
                catch { throw fail("options: \(error)") }
            }
        }
        let target = root["target_accuracy"].map { $0 as? Double } ?? 0.85
        guard let target else { throw fail("'target_accuracy' must be a number in (0, 1]") }
        do {
            return CompareDefinition(comparison: try Comparison(name: try string(root, "name", path), base: base,
                                                                baseline: baseline, variants: variants, seeds: seeds,
                                                                targetAccuracy: target))
        } catch { throw fail("\(error)") }
    }

    private static func string(_ root: [String: Any], _ key: String, _ path: String) throws -> String? {
        guard let value = root[key] else { return nil }
        guard let text = value as? String else { throw ValidationError("\(path): '\(key)' must be a string") }
        return text
    }

    private static func integer(_ root: [String: Any], _ key: String, _ path: String) throws -> Int? {
        guard let value = root[key] else { return nil }
        guard let number = value as? Int, number > 0 else { throw ValidationError("\(path): '\(key)' must be a positive integer") }
        return number
    }
}

/// A Slurm job-array script: one task per shard, each writing its own store (SQLite over a network file
/// system is not safe for concurrent writers); `actlab merge` combines them afterwards.
enum SlurmScript {
    static func write(to path: String, shards: Int, arguments: [String]) throws {
        var kept: [String] = []
        var skipNext = false
        for argument in arguments {
            if skipNext { skipNext = false; continue }
            if ["--emit-slurm", "--shards", "--store", "--shard", "--report"].contains(argument) { skipNext = true; continue }
            if ["--emit-slurm=", "--shards=", "--store=", "--shard=", "--report="].contains(where: argument.hasPrefix) { continue }
            kept.append(argument)
        }
        let quoted = kept.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = """
        #!/bin/bash
        # Generated by `actlab compare --emit-slurm`: one array task per shard of the comparison.
        #SBATCH --job-name=actlab-compare
        #SBATCH --array=0-\(shards - 1)
        #SBATCH --cpus-per-task=2
        #SBATCH --output=actlab-shard-%a.log
        set -euo pipefail
        actlab \(quoted) --threads "${SLURM_CPUS_PER_TASK:-2}" \\
            --shard "${SLURM_ARRAY_TASK_ID}/\(shards)" --store "shard-${SLURM_ARRAY_TASK_ID}.sqlite" --report ''
        # When every task is done:  actlab merge --into actlab-runs.sqlite shard-*.sqlite && actlab report

        """
        do { try script.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw ValidationError("--emit-slurm: cannot write \(path): \(error.localizedDescription)")
        }
    }
}
