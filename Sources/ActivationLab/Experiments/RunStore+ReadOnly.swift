import Foundation
import GRDB

extension RunStore {
    /// Opens the store file at `path` for reading only, wherever it lies.
    ///
    /// A store is in WAL mode, and SQLite's readers of a WAL database need its `-shm` index, which they
    /// create when it is missing. In a folder this process cannot write (a read-only share, a colleague's
    /// results) that fails ("attempt to write a readonly database") although nothing is to be written.
    /// Then, when no write-ahead log is pending (no non-empty `-wal` file: the last writer closed cleanly,
    /// and no one can be writing in a folder where the log cannot be created), the file is opened as
    /// immutable, which reads the database file alone. A pending log in such a folder is refused, since
    /// reading without it would miss committed runs.
    static func openReadOnly(path: String, configuration: Configuration) throws -> DatabaseQueue {
        var configuration = configuration
        configuration.readonly = true
        do {
            // GRDB reads the schema as it opens, so the failure can come from either line.
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            do {
                _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            } catch {
                try? queue.close()
                throw error
            }
            return queue
        } catch let error as DatabaseError where [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode) {
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            guard log == 0 else {
                throw StoreError("store \(path) cannot be read from here: its write-ahead log \(path)-wal holds "
                    + "committed changes that need a writable folder. Open it once where its folder is writable")
            }
            let uri = URL(fileURLWithPath: path).standardizedFileURL.absoluteString + "?mode=ro&immutable=1"
            return try DatabaseQueue(path: uri, configuration: configuration)
        }
    }
}
