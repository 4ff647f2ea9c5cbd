import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT (Ctrl-C), SIGTERM (`kill`, a scheduler's time limit, a container stopping) and SIGHUP (a closed
/// terminal or SSH session) all end a `train`, `compare` or `reproduce` run the same way: the handler only
/// sets a flag that training polls between steps, so the current run is stored as failed with reason
/// "interrupted" — which `--resume` reclaims on any host, unlike a `running` row left by a killed process,
/// which only its own host can prove dead — and the command exits with status **130** whatever the signal
/// (one code for "interrupted, resumable", the shell's code for Ctrl-C). A second signal exits at once
/// with 130, leaving the run `running` for `--resume` on this host to reclaim.
enum Interrupt {
    /// The exit status of an interrupted command.
    static let exitStatus: Int32 = 130
    /// The signals that interrupt a run.
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    nonisolated(unsafe) static var requested = false

    /// For a `compare --jobs` worker: only SIGTERM (which its supervisor forwards once) interrupts; SIGINT and
    /// SIGHUP, which a terminal sends the whole process group, are left to the supervisor, so a worker does
    /// not see one Ctrl-C as two signals and quit without storing its run.
    static func installForWorker() {
        signal(SIGINT, SIG_IGN)
        signal(SIGHUP, SIG_IGN)
        install(only: [SIGTERM])
    }

    static func install(only chosen: [Int32] = signals) {
        var set = sigset_t()
        sigemptyset(&set)
        for number in chosen {
            signal(number) { _ in
                if Interrupt.requested { _exit(Interrupt.exitStatus) }  // a second signal quits at once
                Interrupt.requested = true
            }
            sigaddset(&set, number)
        }
        // A parent may start us with these signals blocked (the test runner's children inherit such a mask):
        // they would then never arrive, and `kill` would be silently ignored.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
