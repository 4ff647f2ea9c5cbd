/// Escaping for text placed in HTML and SVG (XML) documents.
public enum Markup {
    /// Replaces `& < > " '` by character references, so the text is safe both as element content and
    /// inside a quoted attribute value, in HTML and in XML.
    public static func escape(_ text: String) -> String {
        // Fast path: most labels need no escaping.
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else {
            return text
        }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}
