import Testing
@testable import ActivationLab

/// The width rule: `COLUMNS`, else the terminal's width, else 100; never under 40.
@Suite struct TerminalWidthTests {
    @Test func columnsWinsOverTheTerminal() {
        #expect(TerminalWidth.resolve(environment: ["COLUMNS": "100"], terminalColumns: 180) == 100)
        #expect(TerminalWidth.resolve(environment: ["COLUMNS": " 132 "], terminalColumns: nil) == 132)
    }

    @Test func theTerminalWhenColumnsIsMissingOrNotAWidth() {
        #expect(TerminalWidth.resolve(environment: [:], terminalColumns: 80) == 80)
        for bad in ["", "wide", "0", "-5", "80x"] {
            #expect(TerminalWidth.resolve(environment: ["COLUMNS": bad], terminalColumns: 90) == 90, "COLUMNS=\(bad)")
        }
    }

    @Test func oneHundredWithoutEither() {
        #expect(TerminalWidth.resolve(environment: [:], terminalColumns: nil) == 100)
        #expect(TerminalWidth.resolve(environment: ["COLUMNS": "x"], terminalColumns: 0) == 100)
    }

    @Test func neverUnderForty() {
        #expect(TerminalWidth.resolve(environment: ["COLUMNS": "12"], terminalColumns: nil) == 40)
        #expect(TerminalWidth.resolve(environment: [:], terminalColumns: 20) == 40)
    }
}
