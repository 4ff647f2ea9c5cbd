/// The word vocabulary of the language-model task: the `size` most frequent words, then the unknown
/// token `<unk>` (every other word), then the start token `<s>` that pads contexts at the start of an entry.
///
/// Index layout: words `0..<size` by descending frequency (ties alphabetical), `<unk>` = `size`,
/// `<s>` = `size + 1`. Targets are words or `<unk>` (`classCount = size + 1`); contexts may also hold
/// `<s>` (`featureCount = size + 2`).
public struct Vocabulary: Sendable, Equatable {
    public static let unknownToken = "<unk>"
    public static let startToken = "<s>"

    /// The kept words, most frequent first.
    public let words: [String]
    private let lookup: [String: Int]

    public init(words: [String]) {
        self.words = words
        var lookup: [String: Int] = [:]
        for (index, word) in words.enumerated() { lookup[word] = index }
        self.lookup = lookup
    }

    /// The `size` most frequent tokens of `entries`.
    public init(counting entries: [[String]], size: Int) {
        var counts: [String: Int] = [:]
        for entry in entries { for token in entry { counts[token, default: 0] += 1 } }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        self.init(words: ranked.prefix(max(0, size)).map(\.key))
    }

    public var unknownIndex: Int { words.count }
    public var startIndex: Int { words.count + 1 }
    /// Possible targets: the words and `<unk>`.
    public var classCount: Int { words.count + 1 }
    /// Possible context features: the words, `<unk>` and `<s>`.
    public var featureCount: Int { words.count + 2 }

    /// The index of a token (`unknownIndex` for a word outside the vocabulary).
    public func index(of token: String) -> Int { lookup[token] ?? unknownIndex }

    /// The token at an index.
    public func token(at index: Int) -> String {
        index < words.count ? words[index] : (index == unknownIndex ? Self.unknownToken : Self.startToken)
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.words == rhs.words }
}
