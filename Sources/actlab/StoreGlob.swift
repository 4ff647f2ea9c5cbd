import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Store arguments as `actlab merge` reads them: a path that exists is taken as is; one with `*`, `?` or `[`
/// is a glob that actlab expands itself, so a quoted pattern (as in a Slurm script, or one whose shell
/// expansion would be too long) works too.
enum StoreGlob {
    struct NoMatch: Error, CustomStringConvertible {
        let pattern: String
        var description: String {
            pattern.contains(where: StoreGlob.metacharacters.contains)
                ? "\(pattern): no store matches this pattern. Check the folder and the pattern"
                : "\(pattern): no such file. Name the stores to merge from"
        }
    }

    static let metacharacters: Set<Character> = ["*", "?", "["]

    /// Every store the arguments name, in order, each once; patterns are expanded in sorted order.
    /// - Throws: `NoMatch` for a missing file or a pattern that matches nothing.
    static func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            let found = FileManager.default.fileExists(atPath: argument) ? [argument] : matches(argument)
            guard !found.isEmpty else { throw NoMatch(pattern: argument) }
            for path in found where !paths.contains(path) { paths.append(path) }
        }
        return paths
    }

    /// The regular files `pattern` matches (none when it has no glob characters).
    static func matches(_ pattern: String) -> [String] {
        guard pattern.contains(where: metacharacters.contains) else { return [] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let pointer = result.gl_pathv[index] else { continue }
            let path = String(cString: pointer)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted()
    }
}
