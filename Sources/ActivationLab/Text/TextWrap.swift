/// Word wrapping for prose printed under a table (verdict lines, notes, legends).
public enum TextWrap {
    /// `text` broken at spaces into lines of at most `width` characters, continuation lines indented by
    /// `indent` spaces. A word longer than a line (a path, a command) stays whole on a line of its own.
    public static func wrap(_ text: String, width: Int, indent: Int = 2) -> String {
        guard text.count > width else { return text }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if candidate.count <= width || line.isEmpty {
                line = candidate
            } else {
                lines.append(line)
                line = String(repeating: " ", count: indent) + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
