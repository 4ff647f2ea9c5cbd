import Foundation

/// A text corpus as a list of entries, each a list of lowercase word tokens.
///
/// Files use the `fortune` format: entries are separated by lines that contain only `%`
/// (a file without such lines is one entry). A directory is read file by file in name order,
/// skipping hidden files, subdirectories, and the `.dat` index and `.u8` link files of the
/// Debian `fortunes` package. Entries with no words are dropped.
public struct TextCorpus: Sendable {
    /// Where the corpus came from, e.g. `"fortunes"`.
    public var name: String
    /// The tokens of each entry, in corpus order.
    public var entries: [[String]]

    /// Debian's fortune cookie files (package `fortunes`).
    public static let fortunesDirectory = "/usr/share/games/fortunes"

    public init(name: String, entries: [[String]]) {
        self.name = name
        self.entries = entries
    }

    /// The total number of tokens.
    public var tokenCount: Int { entries.reduce(0) { $0 + $1.count } }

    /// The corpus a dataset spec names, or nil when the spec names no text corpus (a classification dataset),
    /// so one `--dataset` value can choose between the two kinds of data.
    ///
    /// Text specs: `fortunes` (Debian's fortune files in `fortunesDirectory`, named "fortunes") and `text:PATH`
    /// (a file, or a directory of fortune-format files, named after its last path component).
    /// - Throws: `DataError` if the corpus cannot be read.
    public static func load(spec: String) throws -> TextCorpus? {
        if spec == "fortunes" { return try load(path: fortunesDirectory, name: "fortunes") }
        guard spec.hasPrefix("text:") else { return nil }
        return try load(path: String(spec.dropFirst("text:".count)))
    }

    /// Reads a text file or a directory of text files (bytes that are not valid UTF-8 are replaced).
    /// - Throws: `DataError` naming the path if it does not exist, cannot be read or holds no words.
    public static func load(path: String, name: String? = nil) throws -> TextCorpus {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError("text corpus \(path): no such file or directory")
        }
        var files: [String] = [path]
        if isDirectory.boolValue {
            guard let names = try? manager.contentsOfDirectory(atPath: path) else {
                throw DataError("text corpus \(path): cannot list the directory")
            }
            files = names.sorted().filter { !$0.hasPrefix(".") && !$0.hasSuffix(".dat") && !$0.hasSuffix(".u8") }
                .map { (path as NSString).appendingPathComponent($0) }
                .filter { DataFileAccess.kind($0)?.isRegular == true }  // never a FIFO or device that would block
        }
        var entries: [[String]] = []
        for file in files {
            // Only regular files are opened: a FIFO or device given as the corpus is refused by name.
            let data = try DataFile.readRaw(file)
            entries += parse(String(decoding: data, as: UTF8.self))
        }
        guard !entries.isEmpty else { throw DataError("text corpus \(path): no words found") }
        return TextCorpus(name: name ?? (path as NSString).lastPathComponent, entries: entries)
    }

    /// Splits fortune-format text into entries (at lines holding only `%`) and tokenises each.
    public static func parse(_ text: String) -> [[String]] {
        var entries: [[String]] = []
        var current = ""
        func close() {
            let tokens = tokenize(current)
            if !tokens.isEmpty { entries.append(tokens) }
            current = ""
        }
        text.enumerateLines { line, _ in
            if line.trimmingCharacters(in: .whitespaces) == "%" {
                close()
            } else {
                current += line
                current += "\n"
            }
        }
        close()
        return entries
    }

    /// Lowercase word tokens: maximal runs of letters, digits and inner apostrophes
    /// (`"Don't panic!"` → `["don't", "panic"]`); everything else separates words.
    public static func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        func flush() {
            while word.hasSuffix("'") { word.removeLast() }
            if !word.isEmpty { tokens.append(word) }
            word = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if (character == "'" || character == "’") && !word.isEmpty {
                word.append("'")
            } else {
                flush()
            }
        }
        flush()
        return tokens
    }
}
