import Foundation

/// The thread count a command uses: `--threads` capped at the cores, else every core. More threads than
/// cores only add contention, and OpenBLAS started with hundreds of threads under a memory limit spun for
/// ever, so a larger request is capped with a note.
enum ThreadCount {
    static func resolve(_ requested: Int?, flag: String = "--threads") -> Int {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        guard let requested else { return cores }
        guard requested > cores else { return requested }
        Terminal.error("note: \(flag) \(requested) is more than the \(cores) cores here; using \(cores)")
        return cores
    }
}
