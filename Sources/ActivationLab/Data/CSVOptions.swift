/// How to read a CSV file of numeric features and one label column.
public struct CSVOptions: Sendable, Equatable {
    /// Which column holds the class label.
    public enum LabelColumn: Sendable, Equatable {
        /// The last column (the default).
        case last
        /// A column by 0-based position; negative counts from the end (`-1` is the last), as pandas' `iloc`.
        case index(Int)
        /// A column by its header name (the file must have a header).
        case name(String)
    }

    public var labelColumn: LabelColumn
    /// Whether the first row is a header; `nil` detects it: a first row with a non-numeric feature cell is a header.
    public var hasHeader: Bool?
    /// The field separator (ASCII).
    public var delimiter: UInt8

    public init(labelColumn: LabelColumn = .last, hasHeader: Bool? = nil, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.labelColumn = labelColumn
        self.hasHeader = hasHeader
        self.delimiter = delimiter
    }
}
