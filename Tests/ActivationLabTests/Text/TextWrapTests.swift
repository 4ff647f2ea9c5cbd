import Testing
@testable import ActivationLab

@Suite struct TextWrapTests {
    @Test func shortTextIsUnchanged() {
        #expect(TextWrap.wrap("a verdict", width: 80) == "a verdict")
    }

    @Test func wrapsAtSpacesWithAHangingIndent() {
        let text = "tanh vs relu — accuracy inconclusive, +9.70 pts (95% CI +3.35 pts to +16.05 pts)"
        let wrapped = TextWrap.wrap(text, width: 30)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count > 1 && lines.allSatisfy { $0.count <= 30 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
        #expect(wrapped.split(whereSeparator: \.isWhitespace) == text.split(whereSeparator: \.isWhitespace))
    }

    @Test func aWordLongerThanALineStaysWhole() {
        let wrapped = TextWrap.wrap("continue with: actlab compare --resume --store /a/very/long/path/to/store.sqlite", width: 20)
        #expect(wrapped.split(separator: "\n").contains { $0.contains("/a/very/long/path/to/store.sqlite") })
    }
}
