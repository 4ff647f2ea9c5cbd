import ArgumentParser
import ActivationLab
import Foundation

/// `actlab merge`: combine run stores written by shards on several machines.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge ActivationLab run stores (e.g. one per shard or machine) into one.",
        discussion: """
        Copies experiments, runs and epochs. A cell already complete in the target is kept; a finished or
        diverged run replaces a running or failed one; running runs in the sources are skipped (finish them
        with `actlab compare --resume` on the merged store). Comparisons must have the same definition.

        A source with *, ? or [ is a pattern that actlab expands itself (quote it, as in
        'actlab-runs.shards/shard-*.sqlite'); it must match at least one file.

        Examples:
          actlab merge --into actlab-runs.sqlite shard-0.sqlite shard-1.sqlite
          actlab merge --into actlab-runs.sqlite 'shard-*.sqlite'
        """
    )

    @Option(help: "The store to merge into (created if missing).") var into = RunStore.defaultPath
    @Argument(help: "Stores to merge from: paths or quoted glob patterns.") var sources: [String]

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("<sources>: none given. Name at least one store to merge from") }
        // Checked before the target store is created, so a mistyped source leaves nothing behind.
        do { _ = try StoreGlob.expand(sources) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let report = try RunStore.merge(from: try StoreGlob.expand(sources), into: into)
        print("\(into): \(report)")
    }
}
