import Foundation
import GRDB

extension RunStore {
    /// Checks, reading only, that an ActivationLab store of schema `version` is whole: SQLite's
    /// `quick_check` (garbage bytes, truncation), every table and column the schema has (a wrong or
    /// half-migrated schema), and each experiment's JSON columns (its definition and protocol, which every
    /// command reads first).
    /// - Parameter everyRow: also decode every run, epoch and evaluation row (values of the wrong type,
    ///   JSON columns that do not decode). Opening for writing does, because even opening a WAL store for
    ///   writing touches its file (GRDB makes sure the log is not empty); read-only opens find such damage
    ///   as they read, without having written anything.
    /// - Throws: `StoreError.damaged`, before anything is written.
    static func checkWhole(_ db: Database, path: String, version: Int, everyRow: Bool) throws {
        let quickCheck = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
        guard quickCheck == ["ok"] else {
            throw StoreError.damaged(store: path, "SQLite finds it malformed (\(quickCheck.joined(separator: "; ")))")
        }
        for (table, columns) in try expectedColumns(version: version) {
            let present = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String })
            guard !present.isEmpty else { throw StoreError.damaged(store: path, "its table '\(table)' is missing") }
            if let missing = columns.first(where: { !present.contains($0) }) {
                throw StoreError.damaged(store: path, "its table '\(table)' has no column '\(missing)'")
            }
        }
        do {
            for row in try ExperimentRow.fetchAll(db) {
                _ = try row.experiment()
                if version >= 2, let id = row.id {
                    _ = try decodedProtocol(db, experiment: id, name: row.name)
                }
            }
            if everyRow {
                let runs = try RunRow.fetchCursor(db)
                while let run = try runs.next() { _ = try run.run() }
                let epochs = try EpochRow.fetchCursor(db)
                while let epoch = try epochs.next() { _ = try epoch.metrics() }
                if version >= 2 {
                    let evaluations = try EvaluationRow.fetchCursor(db)
                    while try evaluations.next() != nil {}
                }
            }
        } catch {
            throw StoreError.damaged(store: path, damage(error) ?? message(error))
        }
    }

    /// The protocol JSON of experiment `id`, checked to be JSON (its content is free-form; `protocolRecord`
    /// reads it as the protocol runner's record).
    /// - Throws: `StoreDamage` if it is not JSON.
    static func decodedProtocol(_ db: Database, experiment id: Int64, name: String) throws -> String? {
        guard let json = try String.fetchOne(db, sql: "SELECT protocol FROM experiments WHERE id = ?", arguments: [id]) else {
            return nil
        }
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)) != nil else {
            throw StoreDamage("experiment '\(name)' has a protocol that is not JSON")
        }
        return json
    }

    /// What an error says about damage to the store, or nil if it is not damage (a busy lock, a full disk).
    static func damage(_ error: Error) -> String? {
        if let damage = error as? StoreDamage { return damage.description }
        if let decoding = error as? RowDecodingError {
            // GRDB's text ends with the whole row and the SQL: keep the value and the column.
            let text = "\(decoding)"
            let short = text.components(separatedBy: ", row: ").first ?? text
            return "a stored value has the wrong type (\(short.prefix(200)))"
        }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return "SQLite finds it malformed (\(error.message ?? "\(error.resultCode)"))"
            case .SQLITE_ERROR:
                guard let text = error.message, text.hasPrefix("no such table") || text.hasPrefix("no such column") else { return nil }
                return "its schema is not the one its version promises (\(text))"
            default:
                return nil
            }
        }
        return nil
    }

    /// The tables and columns of schema `version`, from the migrations themselves on an in-memory database.
    private static func expectedColumns(version: Int) throws -> [(String, [String])] {
        let queue = try DatabaseQueue()
        try migrator.migrate(queue, upTo: "v\(version)")
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name
                """)
            return try tables.map { table in
                (table, try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String })
            }
        }
    }

    private static var migrator: DatabaseMigrator { RunStoreSchema.migrator }
}

/// Whether a `RunStore` instance has committed a write: what a damage message can promise.
final class ModificationRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var written = false

    var happened: Bool { lock.withLock { written } }
    func record() { lock.withLock { written = true } }
}
