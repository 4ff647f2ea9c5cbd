import ActivationLab
import Foundation

/// How many cells `compare --jobs` trains at once, and with how many BLAS threads each.
///
/// The default rule: a model without convolutions and under `smallModelWeights` weights gets one worker per
/// thread of `--threads` (every core by default), one thread each — two BLAS threads buy such models little
/// (mlp:784-128-128-10: 1.37× per epoch on two threads), two cells side by side nearly 2× — as long as
/// every worker's copy of the data (about three times the decoded size: cache, splits, a minibatch's
/// share) fits in the memory this process may use. Convolutional and larger models get one worker with
/// every thread: their products scale across cores, and Conv2D already splits each batch between them.
struct JobCount: Equatable {
    var jobs: Int
    var threadsPerJob: Int

    /// Models with fewer weights than this count as small.
    static let smallModelWeights = 1_000_000
    /// The most workers `--jobs` may ask for.
    static let maximum = 64

    /// The rule in one sentence, for the help and the plan line.
    static let rule = "one worker per thread (--threads, default every core) with one thread each when every variant's model has no convolutions and under 1M weights and the data fits in memory that many times; else 1"

    /// The workers for `requested` (nil: the default rule) sharing `threads` threads.
    /// - Parameters:
    ///   - weights, convolutional: the most weights of any variant's model, and whether any has convolutions.
    ///   - dataBytes: the decoded training, validation and test features and labels.
    static func resolve(requested: Int?, threads: Int, weights: Int, convolutional: Bool, dataBytes: Int,
                        memory: Int = MemoryBudget.bytes) -> JobCount {
        if requested == nil && (convolutional || weights >= smallModelWeights) { return JobCount(jobs: 1, threadsPerJob: threads) }
        return perThread(requested: requested, threads: threads, dataBytes: dataBytes, memory: memory)
    }

    /// `requested` workers, or by default one per thread as far as memory allows (`reproduce --jobs`: a
    /// reproduction's comparisons train one model at a time per process, and two single-threaded processes
    /// outrun one two-threaded one for every model of the reproductions, the CNNs included).
    static func perThread(requested: Int?, threads: Int, dataBytes: Int, memory: Int = MemoryBudget.bytes) -> JobCount {
        let jobs = requested ?? max(1, min(threads, memory / max(1, 3 * dataBytes)))
        return JobCount(jobs: jobs, threadsPerJob: max(1, threads / jobs))
    }
}
