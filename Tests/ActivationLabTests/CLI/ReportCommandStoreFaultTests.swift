import Foundation
import Testing
@testable import ActivationLab

/// `actlab report` on stores it cannot write and stores that are damaged.
@Suite struct ReportCommandStoreFaultTests {
    @Test func aStoreInAReadOnlyFolderIsReported() throws {
        let directory = try ScratchDirectory()
        defer { ReadOnlyAccess.restore(directory.url.appendingPathComponent("shared")); directory.remove() }
        let shared = directory.url.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        let store = shared.appendingPathComponent("runs.sqlite").path
        try RunStoreDamageTests.validStore(at: store)
        let before = try RunStoreDamageTests.contents(store)
        let out = directory.url.appendingPathComponent("out")
        try ReadOnlyAccess.prepare(readOnly: shared, writable: out)

        let output = try ReadOnlyAccess.run(["report", "--store", store, "--out", out.appendingPathComponent("r.html").path],
                                            in: out)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardOutput.contains("damage: 2 variants"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("r.html").path))
        #expect(try RunStoreDamageTests.contents(store) == before)
    }

    @Test func aDamagedStoreIsOneLineAndUnchanged() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = directory.path("runs.sqlite")
        try RunStoreDamageTests.validStore(at: store)
        try RunStoreDamageTests.sql("UPDATE runs SET started_at = 'garbage'")(store)
        let before = try RunStoreDamageTests.contents(store)
        let output = try ActlabProcess.run(["report", "--store", store], in: directory.url)
        #expect(output.status == 1)
        let lines = output.standardError.split(separator: "\n")
        #expect(lines.count == 1, "\(output.standardError)")
        #expect(lines.first?.contains("store \(store) is damaged: a stored value has the wrong type") == true, "\(output.standardError)")
        #expect(lines.first?.hasSuffix("; it was not modified") == true)
        #expect(try RunStoreDamageTests.contents(store) == before)
        #expect(!FileManager.default.fileExists(atPath: directory.path("actlab-report.html")))
    }
}
