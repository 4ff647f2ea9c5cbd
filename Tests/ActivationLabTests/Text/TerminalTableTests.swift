import Testing
@testable import ActivationLab

/// The table layouts, tried in order: one line per row, details stacked, compact cells, columns left out,
/// names broken; no line is ever wider than asked for while a layout fits.
@Suite struct TerminalTableTests {
    static func table(names: [String] = ["relu", "penalized-tanh", "relu+head=linear-exp"]) -> TerminalTable {
        let rows = names.indices
        return TerminalTable(columns: [
            .init(header: "variant", cells: names.map { [$0] }, breakable: true),
            .init(header: "runs", cells: rows.map { _ in ["5"] }, dropOrder: 2),
            .init(header: "test acc %", cells: rows.map { ["88.1\($0)", "± 0.4\($0)"] }),
            .init(header: "speed-up (steps)", cells: rows.map { ["1.0\($0)×", "(0.91–1.1\($0))"] }),
            .init(header: "time/step", cells: rows.map { _ in ["412 µs"] }, dropOrder: 0),
            .init(header: "accuracy", cells: rows.map { _ in ["inconclusive"] }, compactCells: rows.map { _ in ["inconcl."] }),
        ])
    }

    @Test func oneLinePerRowWhenItFits() {
        let rendering = Self.table().render(width: 200)
        let lines = rendering.text.split(separator: "\n")
        #expect(lines.count == 5 && rendering.omitted.isEmpty)
        #expect(lines[0].hasPrefix("variant") && lines[0].contains("speed-up (steps)"))
        #expect(lines[4].contains("relu+head=linear-exp") && lines[4].contains("88.12 ± 0.42") && lines[4].contains("(0.91–1.12)"))
    }

    @Test func detailsGoUnderTheirValuesWhenNarrower() {
        let flatWidth = Self.table().render(width: 200).width
        let rendering = Self.table().render(width: flatWidth - 1)
        #expect(rendering.width <= flatWidth - 1 && rendering.omitted.isEmpty)
        let lines = rendering.text.split(separator: "\n").map(String.init)
        let row = try! #require(lines.firstIndex { $0.hasPrefix("penalized-tanh") })
        #expect(lines[row].contains("88.11") && !lines[row].contains("± 0.41"))
        // The detail sits in the value's column, without the parentheses it needed on a shared line.
        let column = lines[row].range(of: "88.11")!.lowerBound.utf16Offset(in: lines[row])
        #expect(lines[row + 1].range(of: "± 0.41")?.lowerBound.utf16Offset(in: lines[row + 1]) == column)
        #expect(lines[row + 1].contains("0.91–1.11") && !lines[row + 1].contains("("))
        #expect(lines[0].contains("speed-up") && lines[1].contains("(steps)"))  // headers wrap over lines
    }

    @Test func columnsAreLeftOutInTheirOrderAndNamed() {
        let rendering = Self.table().render(width: 52)
        #expect(rendering.width <= 52)
        #expect(rendering.omitted == ["time/step"] || rendering.omitted == ["time/step", "runs"])
        #expect(rendering.text.contains("inconcl.") && !rendering.text.contains("inconclusive"))
        #expect(!rendering.text.contains("µs"))
    }

    @Test func namesBreakBetweenOptionsFirst() {
        #expect(TerminalTable.broken("relu+head=linear-exp", width: 12) == ["relu+head=", "linear-exp"])
        #expect(TerminalTable.broken("relu+head=linear-exp", width: 16) == ["relu+head=", "linear-exp"])
        #expect(TerminalTable.broken("penalized-tanh+lr=0.1", width: 16) == ["penalized-tanh+", "lr=0.1"])
        #expect(TerminalTable.broken("abcdefghijkl", width: 5) == ["abcde", "fghij", "kl"])
        #expect(TerminalTable.broken("short", width: 10) == ["short"])
    }

    /// Any width from 60 to 200 and names of any length: every line fits while a layout can.
    @Test(arguments: [60, 72, 80, 90, 100, 120, 160, 200])
    func everyLineFits(_ width: Int) {
        let names = ["relu", "gelu+hdfgd+adversarial", "tanh+transform=abg+lr=0.3+momentum=0.9", "leaky-relu:0.25"]
        let rendering = Self.table(names: names).render(width: width)
        #expect(rendering.width <= width, "\(rendering.text)")
        for name in names { #expect(rendering.text.replacingOccurrences(of: "\n", with: "").contains(name.prefix(4))) }
    }
}
