import Foundation

/// A results table as text cells.
public struct ResultTable: Codable, Sendable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    /// Printed under the table.
    public var note: String?

    public init(title: String, columns: [String], rows: [[String]], note: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.note = note
    }
}
