import Foundation
import Testing
@testable import ActivationLab

@Suite struct TextCorpusTests {
    @Test func tokenizesLowercaseWords() {
        #expect(TextCorpus.tokenize("Don't PANIC -- it's 42 o'clock!  'Quoted'") ==
                ["don't", "panic", "it's", "42", "o'clock", "quoted"])
    }

    @Test func entriesAreSeparatedByPercentLines() {
        let text = "The cat sat.\n%\nThe dog,\nthe CAT!\n%\n\n%\nStop 100%\n"
        #expect(TextCorpus.parse(text) == [["the", "cat", "sat"], ["the", "dog", "the", "cat"], ["stop", "100"]])
    }

    @Test func loadsADirectorySkippingIndexAndLinkFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "alpha beta\n%\ngamma\n".write(to: directory.appendingPathComponent("b"), atomically: true, encoding: .utf8)
        try "delta\n".write(to: directory.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        try "index junk\n".write(to: directory.appendingPathComponent("a.dat"), atomically: true, encoding: .utf8)
        try "link junk\n".write(to: directory.appendingPathComponent("a.u8"), atomically: true, encoding: .utf8)
        try "hidden\n".write(to: directory.appendingPathComponent(".hidden"), atomically: true, encoding: .utf8)
        let corpus = try TextCorpus.load(path: directory.path)
        #expect(corpus.entries == [["delta"], ["alpha", "beta"], ["gamma"]])
        #expect(corpus.tokenCount == 4)
        #expect(throws: DataError.self) { try TextCorpus.load(path: directory.appendingPathComponent("missing").path) }
    }

    /// `text:PATH` and `fortunes` name corpora; every other spec is left to `DatasetSource`.
    @Test func specsNameTextCorporaOrNothing() throws {
        let directory = TemporaryDirectory()
        let file = try directory.write("jokes", text: "one two\n%\nthree\n")
        let corpus = try #require(try TextCorpus.load(spec: "text:" + file))
        #expect(corpus.name == "jokes" && corpus.entries == [["one", "two"], ["three"]])
        #expect(try TextCorpus.load(spec: "sample") == nil)
        #expect(try TextCorpus.load(spec: "csv:text:x.csv") == nil)
        #expect(throws: DataError.self) { try TextCorpus.load(spec: "text:" + directory.path("missing")) }
        if FileManager.default.fileExists(atPath: TextCorpus.fortunesDirectory) {
            #expect(try TextCorpus.load(spec: "fortunes")?.name == "fortunes")
        }
    }
}
