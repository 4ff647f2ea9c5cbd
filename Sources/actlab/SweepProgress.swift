import ActivationLab
import Foundation

/// One progress line for the whole sweep: bar, ETA, current cell.
struct SweepProgress {
    /// The sweep's cells, stored ones included (they count as done).
    private(set) var cells: Int
    let epochs: Int
    private let start = Date()
    private var doneEpochs = 0.0
    private var cellIndex = 0

    /// Print only the runs that did not finish (tuning trials are many; their outcome is in the tuning curves).
    var quiet = false

    init(cells: Int, epochs: Int, quiet: Bool = false) {
        self.cells = cells
        self.epochs = epochs
        self.quiet = quiet
    }

    mutating func handle(_ event: SweepEvent) {
        switch event {
        case let .cellStarted(_, index, count):
            (cellIndex, cells) = (index, count)
            doneEpochs = Double(index * epochs)
        case let .step(cell, epoch, step, steps):
            guard step % 10 == 0 || step == steps else { return }
            let done = doneEpochs + Double(epoch - 1) + Double(step) / Double(steps)
            let total = Double(cells * epochs)
            let elapsed = Date().timeIntervalSince(start)
            let eta = done > 0 ? elapsed / done * (total - done) : .infinity
            Terminal.status("\(Terminal.bar(done / total)) \(Int(100 * done / total))%  ETA \(Terminal.duration(eta))  "
                            + "cell \(cellIndex + 1)/\(cells): \(cell.variant), seed \(cell.seed), epoch \(epoch)/\(epochs)")
        case let .cellEnded(cell, status, message):
            guard !quiet || status != .finished else { return }
            Terminal.clearStatus()
            let note = status == .finished ? "" : " — \(message ?? status.rawValue)"
            Terminal.paragraph("  \(cell.variant) seed \(cell.seed): \(status.rawValue)\(note)", indent: 4)
        case .epoch, .cellSkipped:
            break
        }
    }
}
