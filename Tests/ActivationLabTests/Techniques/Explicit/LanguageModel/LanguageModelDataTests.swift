import Foundation
import Testing
@testable import ActivationLab

@Suite struct LanguageModelDataTests {
    static let entries = [["the", "cat", "sat"], ["the", "dog", "the", "cat"]]

    @Test func vocabularyKeepsTheMostFrequentWords() {
        let vocabulary = Vocabulary(counting: Self.entries, size: 2)
        #expect(vocabulary.words == ["the", "cat"])
        #expect(vocabulary.index(of: "dog") == vocabulary.unknownIndex)
        #expect(vocabulary.unknownIndex == 2 && vocabulary.startIndex == 3)
        #expect(vocabulary.classCount == 3 && vocabulary.featureCount == 4)
        #expect(vocabulary.token(at: 2) == "<unk>" && vocabulary.token(at: 3) == "<s>")
    }

    @Test func contextBagsHoldThePreviousWordsWithinAnEntry() {
        let vocabulary = Vocabulary(counting: Self.entries, size: 2)
        let data = LanguageModelData.contexts(Self.entries, vocabulary: vocabulary, contextSize: 2, name: "tiny")
        // the=0, cat=1, <unk>=2, <s>=3.
        #expect(data.labels == [0, 1, 2, 0, 2, 0, 1])
        let expected: [[Float]] = [
            [0, 0, 0, 2], [1, 0, 0, 1], [1, 1, 0, 0],         // entry 1: <s><s>→the, <s> the→cat, the cat→sat(unk)
            [0, 0, 0, 2], [1, 0, 0, 1], [1, 0, 1, 0], [1, 0, 1, 0], // entry 2 starts afresh
        ]
        for n in 0..<data.count { #expect(data.denseRow(n) == expected[n], "sample \(n)") }
        // Repeated tokens are merged into one stored entry.
        #expect(data.entries(of: 0).count == 1)
        let normalized = LanguageModelData.contexts(Self.entries, vocabulary: vocabulary, contextSize: 2,
                                                    normalized: true, name: "tiny")
        #expect(normalized.denseRow(1) == [0.5, 0, 0, 0.5])
    }

    @Test func splitsAreByEntryAndSeeded() throws {
        let entries = (0..<50).map { ["w\($0 % 7)", "x", "w\($0 % 3)"] }
        let corpus = TextCorpus(name: "synthetic", entries: entries)
        let a = try LanguageModelData.splits(corpus, options: LanguageModelOptions(vocabularySize: 5, contextSize: 2, seed: 3))
        let b = try LanguageModelData.splits(corpus, options: LanguageModelOptions(vocabularySize: 5, contextSize: 2, seed: 3))
        let c = try LanguageModelData.splits(corpus, options: LanguageModelOptions(vocabularySize: 5, contextSize: 2, seed: 4))
        #expect(a.train.count + a.validation.count + a.test.count == 150)
        #expect(a.validation.count == 15 && a.test.count == 15)
        #expect(a.train.labels == b.train.labels && a.train.indices == b.train.indices)
        #expect(a.vocabulary.words.count == 5)
        #expect(a.train.labels != c.train.labels || a.test.labels != c.test.labels)
        #expect(throws: ConfigurationError.invalidValue(key: "contextSize", requirement: "at least 1", got: "0")) {
            try LanguageModelData.splits(corpus, options: LanguageModelOptions(vocabularySize: 5, contextSize: 0))
        }
    }
}
