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
}
