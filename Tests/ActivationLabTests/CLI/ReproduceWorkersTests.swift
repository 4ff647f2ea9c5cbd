import Foundation
import Testing
@testable import ActivationLab

/// `actlab reproduce --jobs N`: worker processes train a paper's comparisons on the one store, and the
/// document is the one `--jobs 1` at the workers' thread count writes.
@Suite(.serialized) struct ReproduceWorkersTests {
    let reproduction = ["reproduce", "vatanen", "--quick", "--dataset", "sample", "--seeds", "2"]

    /// The reference is one worker alone (`--worker 0/1`: every comparison in one process on one thread, no
    /// extra measurements or documents), which is what `--jobs 1 --threads 1` trains.
    @Test func twoWorkersStoreTheRunsOneProcessStores() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let one = try ActlabProcess.run(reproduction + ["--worker", "0/1", "--threads", "1", "--store", directory.path("one.sqlite")],
                                        in: directory.url)
        #expect(one.status == 0, "\(one.standardError)")
        let two = try ActlabProcess.run(reproduction + ["--jobs", "2", "--threads", "2", "--store", directory.path("two.sqlite"),
                                                        "--out-dir", "two"], in: directory.url)
        #expect(two.status == 0, "\(two.standardError)")
        #expect(two.standardOutput.contains("2 worker processes with 1 thread each"), "\(two.standardOutput)")
        #expect(two.standardOutput.contains("evaluation: every run is stored"), "the supervisor trained: \(two.standardOutput)")

        // Both workers trained, and the runs are those of one process on one thread.
        let store = try RunStore(path: directory.path("two.sqlite"), readOnly: true)
        let experiment = try #require(try store.experiments().first)
        let runs = try store.runs(experiment: experiment)
        #expect(Set(runs.map(\.owner.pid)).count == 2, "runs trained by \(Set(runs.map(\.owner.pid)).count) processes")
        let (serial, parallel) = (try ParallelCellsTests.contents(directory.path("one.sqlite")),
                                  try ParallelCellsTests.contents(directory.path("two.sqlite")))
        #expect(!serial.runs.isEmpty && Set(parallel.runs.keys) == Set(serial.runs.keys))
        for (cell, run) in serial.runs { #expect(parallel.runs[cell] == run, "\(cell.variant) seed \(cell.seed)") }
        #expect(parallel.record?.tunedValues == serial.record?.tunedValues)
        #expect(parallel.record?.targetAccuracy == serial.record?.targetAccuracy)

        // The document counts the workers' runs as trained by this command.
        let result = try ReproductionResult.decode(try #require(FileManager.default.contents(atPath: directory.path("two/vatanen.json"))))
        #expect(result.runsTrained == runs.count && result.runsReused == 0)
    }

    @Test(arguments: [["--jobs", "0"], ["--jobs", "65"], ["--worker", "2/2"], ["--worker", "x"]])
    func badJobsAndWorkerAreOneLineErrors(arguments: [String]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(reproduction + arguments + ["--store", directory.path("r.sqlite")], in: directory.url)
        #expect(output.status == 1, "\(output.status)")
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(arguments[0]), "\(output.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path("r.sqlite")))
    }
}
