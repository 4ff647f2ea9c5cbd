/// Levenshtein distance, for "did you mean" suggestions.
public enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions that turn `a` into `b`.
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count), current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...max(b.count, 1) where j <= b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `name` (ignoring case), if it is close enough to be a likely typo:
    /// within 2 edits, or a third of the name's length for long names; failing that, the first candidate
    /// the name (3 characters or more) begins (`softmax` → `softmax-ce`). Ties go to the earlier candidate.
    /// - Parameters:
    ///   - name: What the user typed.
    ///   - candidates: The names that exist, in preference order.
    /// - Returns: The suggestion, or nil when nothing is close.
    public static func nearest(to name: String, among candidates: [String]) -> String? {
        let typed = name.lowercased()
        let scored = candidates.map { ($0, between(typed, $0.lowercased())) }.min { $0.1 < $1.1 }
        if let (best, distance) = scored, distance <= max(2, name.count / 3) { return best }
        guard typed.count >= 3 else { return nil }
        return candidates.first { $0.lowercased().hasPrefix(typed) }
    }

    /// `"; did you mean 'x'?"` for the nearest candidate, or `""` when nothing is close.
    public static func hint(for name: String, among candidates: [String]) -> String {
        nearest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
