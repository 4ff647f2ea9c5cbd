import Foundation
/// A FIFO, a directory or a device wherever a file is expected: data, checkpoint, config file, run store,
/// and inside a folder `actlab datasets` discovers. Each must be refused at once, never read until it ends.
enum NonRegularFuzzCases {
    /// What can stand where a file should be, as an entry named `name`.
    static func kinds(_ name: String) -> [(String, FuzzCase.Entry)] {
        [("FIFO", .fifo(name)), ("directory", .directory(name)), ("/dev/zero", .symlink(name, to: "/dev/zero")),
         ("/dev/null", .symlink(name, to: "/dev/null"))]
    }

    static func systematic() -> [FuzzCase] {
        var cases: [FuzzCase] = []
        func add(_ what: String, _ file: String, arguments: [String], expect: FuzzCase.Expectation = .refused,
                 entries: (FuzzCase.Entry) -> [FuzzCase.Entry], environment: [String: String] = [:], outputs: Set<String> = []) {
            for (kind, entry) in kinds(file) {
                var fuzzCase = FuzzCase("non-regular", "\(what) is a \(kind)", entries: entries(entry), arguments: arguments,
                                        expect: expect, mentions: [(file as NSString).lastPathComponent])
                fuzzCase.environment = environment
                if arguments == ["datasets"] { fuzzCase.seconds = FuzzRunner.refusalSeconds }  // lists, never trains
                fuzzCase.outputs = outputs
                cases.append(fuzzCase)
            }
        }
        let csv = FuzzCase.Entry.file("data.csv", FuzzFixtures.csv)
        add("CSV data", "in.csv", arguments: FuzzFixtures.train("csv:in.csv")) { [$0] }
        add("CSV test file", "test.csv", arguments: FuzzFixtures.train("csv:data.csv:test=test.csv")) { [csv, $0] }
        add("IDX training images", "data/train-images-idx3-ubyte", arguments: FuzzFixtures.train(FuzzFixtures.idxSpec)) {
            FuzzFixtures.idxFolder(replacing: "train-images-idx3-ubyte", with: $0)
        }
        add("CIFAR batch", "data/data_batch_1.bin", arguments: FuzzFixtures.train("cifar10:data")) {
            FuzzFixtures.cifarFolder(replacing: "data_batch_1.bin", with: $0)
        }
        add("checkpoint to load", "ck.json", arguments: FuzzFixtures.train("csv:data.csv", ["--load", "ck.json"])) { [csv, $0] }
        add("config file", "c.json", arguments: FuzzFixtures.compare()) { [csv, $0] }
        add("run store (report)", "s.sqlite", arguments: ["report", "--store", "s.sqlite", "--out", "r.html"]) { [$0] }
        add("run store (compare)", "s.sqlite", arguments: FuzzFixtures.compare()) { [csv, .file("c.json", FuzzFixtures.config()), $0] }
        add("merge source", "s.sqlite", arguments: ["merge", "--into", "m.sqlite", "s.sqlite"], entries: { [$0] },
            outputs: ["m.sqlite", "m.sqlite-wal", "m.sqlite-shm"])
        // Discovery lists what it can read and skips the rest, so it may succeed, but must not block.
        add("file in $ACTLAB_DATA", "root/found.csv", arguments: ["datasets"], expect: .either, entries: { [$0] },
            environment: ["ACTLAB_DATA": "root"])
        add("IDX file in $ACTLAB_DATA", "root/fashion-mnist/train-images-idx3-ubyte", arguments: ["datasets"], expect: .either, entries: { entry in
            FuzzFixtures.idxFolder(replacing: "train-images-idx3-ubyte", with: entry).map { file in
                if case let .file(name, bytes) = file { return .file(name.replacingOccurrences(of: "data/", with: "root/fashion-mnist/"), bytes) }
                return file
            }
        }, environment: ["ACTLAB_DATA": "root"])
        return cases
    }
}
