import Foundation

/// Runs a program with an address-space limit (`ulimit -v`, applied by `/bin/sh` before it execs the
/// program) and a time bound, its output captured in files so a child that floods stderr cannot block.
enum ChildProcess {
    struct Outcome: Sendable {
        /// The exit status; meaningless when `signal` is set or `timedOut`.
        let status: Int32
        let signal: Int32?
        let timedOut: Bool
        let seconds: Double
        let standardOutput: String
        let standardError: String
    }

    static func run(_ executable: String, _ arguments: [String], in folder: URL, addressSpace bytes: Int,
                    seconds limit: Double, environment: [String: String] = [:]) -> Outcome {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-fuzz-out-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outPath = capture.appendingPathComponent("stdout").path, errPath = capture.appendingPathComponent("stderr").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        SpawnActions.closeInherited(&actions)

        let script = "cd \"$0\" && ulimit -v \(bytes / 1024) && exec \"$@\""
        let argv = ["/bin/sh", "-c", script, folder.path, executable] + arguments
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["NO_COLOR"] = "1"
        let envp = env.map { "\($0.key)=\($0.value)" }
        let start = Date()
        var pid = pid_t()
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnv in posix_spawn(&pid, "/bin/sh", &actions, nil, cArgv, cEnv) }
        }
        guard spawned == 0 else {
            return Outcome(status: -1, signal: nil, timedOut: false, seconds: 0, standardOutput: "",
                           standardError: "Fatal error: posix_spawn failed: \(spawned)")
        }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { break }
            if Date().timeIntervalSince(start) > limit {
                timedOut = true
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(5_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let read = { (path: String) in String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }
        // WIFSIGNALED / WEXITSTATUS are macros Swift cannot see.
        let signal = status & 0x7F
        let signalled = signal != 0 && signal != 0x7F
        return Outcome(status: (status >> 8) & 0xFF, signal: signalled && !timedOut ? signal : nil, timedOut: timedOut,
                       seconds: seconds, standardOutput: read(outPath), standardError: read(errPath))
    }

    static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
