import Foundation
import GRDB

extension RunStore {
    /// Decides, without writing a byte, whether `path` is absent or empty (→ true: initialise it), an
    /// ActivationLab store (→ false), or anything else (→ `StoreError`, file untouched).
    ///
    /// Checks the SQLite magic header, then opens the file read-only and requires
    /// `PRAGMA application_id` = "ALab" with a readable `actlab_meta`, or a database with no tables
    /// at all (besides GRDB's migration table of a store being initialised by another process).
    /// - Parameter everyRow: check every row decodes (`checkWhole`), as opening for writing needs.
    static func inspect(path: String, everyRow: Bool = false) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return true }
        if isDirectory.boolValue { throw StoreError("\(path) is a directory, not an ActivationLab run store") }
        // Opening a named pipe would wait for a writer forever; a device is no store either.
        if let kind = RegularFile.nonRegularKind(atPath: path) {
            throw StoreError("store \(path) \(kind)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError("\(path): cannot read the run store file")
        }
        let header = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let header, !header.isEmpty else { return true }
        guard header == Data("SQLite format 3\0".utf8) else {
            throw StoreError("\(path) is not an ActivationLab run store (not an SQLite database)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        do {
            let queue = try openReadOnly(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """)
                if applicationID == RunStoreSchema.applicationID {
                    let format = try String.fetchOne(db, sql: "SELECT value FROM actlab_meta WHERE key = 'format'")
                    let version = try String.fetchOne(db, sql: "SELECT value FROM actlab_meta WHERE key = 'schema_version'")
                        .flatMap { Int($0) }
                    guard format == RunStoreSchema.format, let version else {
                        throw StoreError("\(path) is not an ActivationLab run store (bad actlab_meta table)")
                    }
                    guard version <= RunStoreSchema.version else {
                        throw StoreError("\(path) has run-store schema version \(version); this actlab reads up to \(RunStoreSchema.version)")
                    }
                    guard version >= 1 else { throw StoreError.damaged(store: path, "its schema version is \(version)") }
                    try checkWhole(db, path: path, version: version, everyRow: everyRow)
                    return false
                }
                if applicationID == 0 && tables.allSatisfy({ $0 == "grdb_migrations" }) {
                    return true
                }
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                throw StoreError("\(path) is an SQLite database but not an ActivationLab run store"
                    + (tables.isEmpty ? "" : " (tables: \(shown))"))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // SQLite's header was there: a file that SQLite cannot read past it is a damaged database.
            if let problem = damage(error) { throw StoreError.damaged(store: path, problem) }
            throw StoreError("\(path) is not an ActivationLab run store (\(message(error)))")
        }
    }
}
