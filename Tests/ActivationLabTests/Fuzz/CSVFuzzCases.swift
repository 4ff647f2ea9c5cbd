import ActivationLab

/// CSV files: encodings (BOM, CR, CRLF), RFC 4180 quoting, label semantics, non-finite and ragged values.
enum CSVFuzzCases {
    static let lines = FuzzFixtures.csvLines()

    static func csv(_ what: String, _ text: String, expect: FuzzCase.Expectation, spec: String = "csv:data.csv",
                    extra: [FuzzCase.Entry] = []) -> FuzzCase {
        csv(what, Array(text.utf8), expect: expect, spec: spec, extra: extra)
    }

    static func csv(_ what: String, _ bytes: [UInt8], expect: FuzzCase.Expectation, spec: String = "csv:data.csv",
                    extra: [FuzzCase.Entry] = []) -> FuzzCase {
        FuzzCase("csv", what, entries: [.file("data.csv", bytes)] + extra, arguments: FuzzFixtures.train(spec),
                 expect: expect, mentions: ["data.csv"] + extra.compactMap { if case let .file(name, _) = $0 { return name } else { return nil } })
    }

    /// The clean rows with row `row` (1-based data row) replaced by `replace(fields)`.
    static func editing(row: Int = 5, _ edit: (inout [String]) -> Void) -> String {
        var copy = lines
        var fields = copy[row].components(separatedBy: ",")
        edit(&fields)
        copy[row] = fields.joined(separator: ",")
        return copy.joined(separator: "\n") + "\n"
    }

    static func systematic() -> [FuzzCase] {
        let text = lines.joined(separator: "\n") + "\n"
        let body = lines.dropFirst()
        var sameShape: [FuzzCase] = [
            csv("clean", text, expect: .accepted),
            csv("UTF-8 byte order mark", [0xEF, 0xBB, 0xBF] + Array(text.utf8), expect: .accepted),
            csv("CRLF line ends", lines.joined(separator: "\r\n") + "\r\n", expect: .accepted),
            csv("no final newline", lines.joined(separator: "\n"), expect: .accepted),
            csv("every cell quoted", lines.map { $0.components(separatedBy: ",").map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\n") + "\n", expect: .accepted),
            csv("CR-only line ends", lines.joined(separator: "\r") + "\r", expect: .either),
            csv("numeric header row", (["0,1,2,3,4"] + body).joined(separator: "\n") + "\n", expect: .either),
            csv("no header", body.joined(separator: "\n") + "\n", expect: .either),
            csv("blank lines between rows", lines.joined(separator: "\n\n") + "\n", expect: .either),
        ]
        let summary = FuzzFixtures.summaryLine(sameShape[0].arguments, entries: sameShape[0].entries)
        for index in sameShape.indices { sameShape[index].acceptedOutputMustContain = summary }
        let differentTest = (["b,a,c,d,label"] + body.suffix(12)).joined(separator: "\n") + "\n"
        let missingColumnTest = (["a,b,c,label"] + body.suffix(12).map { $0.components(separatedBy: ",").dropFirst().joined(separator: ",") })
            .joined(separator: "\n") + "\n"
        let refused: [FuzzCase] = [
            csv("empty file", "", expect: .refused),
            csv("header only", lines[0] + "\n", expect: .refused),
            csv("only newlines", "\n\n\n", expect: .refused),
            csv("empty label cell", editing { $0[4] = "" }, expect: .refused),
            csv("label 1.0 beside 1", editing { $0[4] = $0[4] + ".0" }, expect: .refused),
            csv("lenient quote \"1\"x", editing { $0[0] = "\"1\"x" }, expect: .refused),
            csv("unbalanced quote", editing { $0[1] = "\"0.5" }, expect: .refused),
            csv("quoted newline inside a feature", editing { $0[1] = "\"0.5\n0.6\"" }, expect: .refused),
            csv("feature nan", editing { $0[0] = "nan" }, expect: .refused),
            csv("feature inf", editing { $0[2] = "inf" }, expect: .refused),
            csv("feature 1e39 (∞ in Float32)", editing { $0[3] = "1e39" }, expect: .refused),
            csv("feature -3e38", editing { $0[3] = "-3e38" }, expect: .either),
            csv("label 2147483647", editing { $0[4] = "2147483647" }, expect: .either),
            csv("label -1", editing { $0[4] = "-1" }, expect: .either),
            csv("label typo", editing { $0[4] = "l" }, expect: .refused),
            csv("row with a missing field", editing { $0.removeLast() }, expect: .refused),
            csv("row with an extra field", editing { $0.append("1") }, expect: .refused),
            csv("trailing comma on every line", lines.map { $0 + "," }.joined(separator: "\n") + "\n", expect: .refused),
            csv("NUL byte in a cell", Array(editing { $0[0] = "0.5" }.utf8).enumerated().map { $0.offset == lines[0].utf8.count + 3 ? 0 : $0.element }, expect: .refused),
            csv("invalid UTF-8 in a cell", Array(editing { $0[0] = "#" }.utf8).map { $0 == UInt8(ascii: "#") ? 0xFF : $0 }, expect: .refused),
            csv("a 2 MB cell", editing { $0[0] = String(repeating: "9", count: 2 << 20) }, expect: .refused),
            csv("tab separated", lines.map { $0.replacingOccurrences(of: ",", with: "\t") }.joined(separator: "\n") + "\n", expect: .refused),
            csv("a single class", lines.enumerated().map { $0.offset == 0 ? $0.element : $0.element.components(separatedBy: ",").dropLast().joined(separator: ",") + ",0" }.joined(separator: "\n") + "\n", expect: .refused),
            csv("two label columns", (["label,b,c,d,label"] + body).joined(separator: "\n") + "\n", expect: .refused, spec: "csv:data.csv:label=label"),
            csv("label column that does not exist", text, expect: .refused, spec: "csv:data.csv:label=target"),
            // Matched by name (docs/data.md): valid, so it must train.
            csv("test file with its columns in another order", text, expect: .accepted, spec: "csv:data.csv:test=test.csv",
                extra: [.file("test.csv", Array(differentTest.utf8))]),
            csv("test file with a column missing", text, expect: .refused, spec: "csv:data.csv:test=test.csv",
                extra: [.file("test.csv", Array(missingColumnTest.utf8))]),
        ]
        return sameShape + refused
    }

    /// Bit flips and truncations anywhere: the file may stay valid (a digit changed), so either outcome,
    /// but always a clean one.
    static func random(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        let clean = FuzzFixtures.csv
        return (0..<count).map { _ in
            if Bool.random(using: &rng) {
                let length = Int.random(in: 0..<clean.count, using: &rng)
                return csv("truncated at byte \(length)", FuzzMutations.truncated(clean, at: length), expect: .either)
            }
            let bit = Int.random(in: 0..<(clean.count * 8), using: &rng)
            return csv("bit \(bit) flipped", FuzzMutations.flipped(clean, bit: bit), expect: .either)
        }
    }
}
