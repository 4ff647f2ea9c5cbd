import Foundation
import Testing
@testable import ActivationLab

/// One test per exit status of docs/exit-codes.md: 0 done, 1 bad input (usage errors included, not
/// ArgumentParser's 64), 3 diverged, 130 interrupted.
@Suite(.serialized) struct ExitCodeTests {
    @Test func doneAndHelpExitZero() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        for arguments in [["heads"], ["train", "--help"], ["help", "compare"]] {
            let output = try ActlabProcess.run(arguments, in: directory.url)
            #expect(output.status == 0, "\(arguments): \(output.standardError)")
            #expect(output.standardError.isEmpty)
        }
    }

    /// Usage errors the parser finds, values a command rejects and files that are missing: all 1.
    @Test(arguments: [["train", "--bogus-flag"], ["heads", "extra"], ["report", "--store"], ["compare", "--seeds", "0"],
                      ["report", "--store", "missing.sqlite"], ["reproduce", "nobody"]])
    func badInputExitsOne(_ arguments: [String]) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        #expect(try ActlabProcess.run(arguments, in: directory.url).status == 1)
    }

    @Test func aDivergedTrainingRunExitsThree() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(["train", "--dataset", "sample", "--model", "mlp:784-32-10", "--train-limit", "400",
                                            "--threads", "1", "--epochs", "3", "--head", "linear-pow3", "--lr", "50"],
                                           in: directory.url)
        #expect(output.status == 3, "\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput.contains("diverged"))
    }

    /// Ctrl-C in a comparison: the finished runs stay, and the one error line says how to continue.
    @Test func anInterruptedComparisonExits130WithTheCommandToContinue() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        let arguments = ["compare", "--dataset", "sample", "--model", "mlp:784-16-10", "--train-limit", "600", "--tune", "none",
                         "--lr", "0.05", "--variants", "tanh", "--seeds", "3", "--epochs", "40", "--target-accuracy", "0.6",
                         "--report", "", "--threads", "1", "--store", store]
        let process = try ActlabProcess(arguments, in: directory.url)
        let deadline = Date().addingTimeInterval(120)
        var signalled = false
        while Date() < deadline, process.process.isRunning {
            if FileManager.default.fileExists(atPath: store),
               let runs = try? RunStore(path: store, readOnly: true).experiments().flatMap({ try RunStore(path: store, readOnly: true).runs(experiment: $0) }),
               runs.contains(where: \.isComplete), runs.contains(where: { $0.status == .running }) {
                kill(process.process.processIdentifier, SIGINT)
                signalled = true
                break
            }
            usleep(20_000)
        }
        let output = process.finish()
        #expect(signalled, "the comparison ended before it could be interrupted")
        #expect(output.status == 130, "\(output.standardError)")
        let lines = output.standardError.split(separator: "\n").map(String.init).filter { $0.hasPrefix("actlab ") }
        #expect(lines.count == 1 && lines[0].hasPrefix("actlab compare: interrupted: finished runs are stored. Continue with: actlab compare "),
                "\(output.standardError)")
        #expect(lines.first?.hasSuffix(" --report '' --threads 1 --store \(store) --resume") == true, "\(output.standardError)")
    }
}
