import Foundation
import Testing
@testable import ActivationLab

/// Named pipes where data is expected: `actlab datasets` lists around them and `actlab train` refuses them,
/// in well under a second, with one line on stderr.
@Suite struct DatasetsCommandTests {
    /// Runs actlab, terminating it (and recording an issue) if it blocks.
    func run(_ arguments: [String], in directory: ScratchDirectory, environment: [String: String] = [:]) throws -> ActlabProcess.Output? {
        let process = try ActlabProcess(arguments, in: directory.url, environment: environment)
        guard let result = HostileFiles.within(30, { process.finish() }) else {
            process.process.terminate()
            return nil
        }
        return try result.get()
    }

    @Test func datasetsListsAroundNamedPipes() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        try FileManager.default.createDirectory(atPath: directory.path("root"), withIntermediateDirectories: true)
        _ = try HostileFiles.makeFIFO(directory.path("root/fashion-mnist"))
        _ = try HostileFiles.makeFIFO(directory.path("root/pipe.csv"))
        let output = try #require(try run(["datasets"], in: directory, environment: ["ACTLAB_DATA": directory.path("root")]))
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("is not a directory but a named pipe"))
        #expect(!output.standardOutput.contains("pipe.csv"))
    }

    @Test(arguments: ["csv:%@", "idx:%@", "cifar10:%@"])
    func trainRefusesANamedPipeInOneLine(spec: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let fifo = try HostileFiles.makeFIFO(directory.path("data.pipe"))
        let output = try #require(try run(["train", "--dataset", spec.replacingOccurrences(of: "%@", with: fifo), "--epochs", "1"], in: directory))
        #expect(output.status == 1)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("data.pipe") && lines[0].contains("named pipe"), "\(output.standardError)")
    }
}
