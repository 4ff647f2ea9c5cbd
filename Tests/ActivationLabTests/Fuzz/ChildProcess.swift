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

    /// A child started by `spawn`: its pid and the files its output goes to.
    struct Spawned {
        let pid: pid_t
        let capture: URL
        var standardOutput: String { read("stdout") }
        var standardError: String { read("stderr") }
        private func read(_ name: String) -> String {
            String(decoding: FileManager.default.contents(atPath: capture.appendingPathComponent(name).path) ?? Data(), as: UTF8.self)
        }
        func removeCapture() { try? FileManager.default.removeItem(at: capture) }
    }

    /// Starts `/bin/sh -c script folder command…` (the script sees the folder as `$0` and the command as `$@`)
    /// with stdin from /dev/null, stdout and stderr into files, and no other inherited descriptor.
    /// - Returns: the child, or the `posix_spawn` error.
    static func spawn(script: String, folder: String, command: [String], environment: [String: String]) -> Result<Spawned, SpawnError> {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("actlab-child-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, capture.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, capture.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        SpawnActions.closeInherited(&actions)
        let argv = ["/bin/sh", "-c", script, folder] + command
        let envp = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnv in posix_spawn(&pid, "/bin/sh", &actions, nil, cArgv, cEnv) }
        }
        guard spawned == 0 else {
            try? FileManager.default.removeItem(at: capture)
            return .failure(SpawnError(code: spawned))
        }
        return .success(Spawned(pid: pid, capture: capture))
    }

    struct SpawnError: Error { let code: Int32 }

    static func run(_ executable: String, _ arguments: [String], in folder: URL, addressSpace bytes: Int,
                    seconds limit: Double, environment: [String: String] = [:]) -> Outcome {
        let start = Date()
        let child: Spawned
        switch spawn(script: "cd \"$0\" && ulimit -v \(bytes / 1024) && exec \"$@\"", folder: folder.path,
                     command: [executable] + arguments, environment: environment.merging(["NO_COLOR": "1"]) { $1 }) {
        case .success(let spawned): child = spawned
        case .failure(let error):
            return Outcome(status: -1, signal: nil, timedOut: false, seconds: 0, standardOutput: "",
                           standardError: "Fatal error: posix_spawn failed: \(error.code)")
        }
        defer { child.removeCapture() }
        let pid = child.pid
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
        // WIFSIGNALED / WEXITSTATUS are macros Swift cannot see.
        let signal = status & 0x7F
        let signalled = signal != 0 && signal != 0x7F
        return Outcome(status: (status >> 8) & 0xFF, signal: signalled && !timedOut ? signal : nil, timedOut: timedOut,
                       seconds: seconds, standardOutput: child.standardOutput, standardError: child.standardError)
    }

    static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}
