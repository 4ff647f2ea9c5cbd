/// A run a sweep should train: its cell (variant name and seed, unique within the experiment), why it
/// runs, and the full configuration (seed included).
public struct PlannedCell: Sendable, Equatable {
    public var cell: Cell
    public var kind: RunKind
    public var configuration: TrainingConfiguration

    public init(cell: Cell, kind: RunKind, configuration: TrainingConfiguration) {
        self.cell = cell
        self.kind = kind
        self.configuration = configuration
    }
}
