import Foundation

/// One hostile input: the files to lay out in a fresh folder, the `actlab` command to run there, and what
/// the run may do. Every case must end within its time bound, under an address-space limit derived from
/// its input's real size, print at most one error line naming `mentions`, and leave stored data as it was.
struct FuzzCase: Sendable {
    /// What a correct `actlab` does with the input.
    enum Expectation: Sendable, Equatable {
        /// The input is hostile: exit 1…127 with one line naming the file or option.
        case refused
        /// The input is valid: exit 0 (the case says so because the input is valid by construction).
        case accepted
        /// Either a clean refusal or a run that succeeds; used where the input is valid or not depending on
        /// bytes a mutation happened to hit (a flipped pixel, a flipped weight).
        case either
    }

    /// A file system entry the case needs.
    enum Entry: Sendable {
        case file(String, [UInt8])
        case directory(String)
        case fifo(String)
        case symlink(String, to: String)
    }

    /// `group/what`, e.g. `idx/train-images: truncated at byte 7`.
    let name: String
    let group: String
    let entries: [Entry]
    let arguments: [String]
    let expectation: Expectation
    /// Words one of which the error line must contain: the file or the option the problem is in.
    let mentions: [String]
    /// Files a successful run may change (its outputs, a store it writes); every other file must keep its bytes.
    var outputs: Set<String> = []
    /// Bytes the input legitimately holds once decoded (beyond the files' own sizes, e.g. what a gzip header
    /// promises): the memory bound grows with it.
    var payloadBytes: Int = 0
    var environment: [String: String] = [:]
    /// Stdout of a run that is accepted must contain this (the data's shape as the clean input gives it), so
    /// an input read differently (a header row read as data, a shifted column) counts as garbage.
    var acceptedOutputMustContain: String? = nil
    /// Stdout of a refused run must not contain this (e.g. `epoch 1/`: the refusal must come before training).
    var refusalMustNotPrint: String? = nil
    /// The time bound, when the expectation's default does not fit (a command that never trains).
    var seconds: Double? = nil

    init(_ group: String, _ what: String, entries: [Entry], arguments: [String], expect expectation: Expectation,
         mentions: [String]) {
        self.group = group
        self.name = "\(group)/\(what)"
        self.entries = entries
        self.arguments = arguments
        self.expectation = expectation
        self.mentions = mentions
    }

    /// The real size of the input: every file's bytes plus what decoded payload it promises.
    var inputBytes: Int {
        entries.reduce(payloadBytes) { total, entry in
            if case let .file(_, bytes) = entry { return total + bytes.count }
            return total
        }
    }
}
