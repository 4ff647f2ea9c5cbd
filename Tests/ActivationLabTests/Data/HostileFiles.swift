#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import ActivationLab

/// Builders and guards for tests that hand readers hostile files: named pipes, devices, bombs.
enum HostileFiles {
    /// Creates a named pipe at `path` (nobody ever writes to it: opening it for reading would block forever).
    static func makeFIFO(_ path: String) throws -> String {
        guard mkfifo(path, 0o600) == 0 else {
            throw DataError("mkfifo \(path): \(String(cString: strerror(errno)))")
        }
        return path
    }

    /// Runs `body` on its own thread and returns its outcome, or records an issue if it takes longer than
    /// `seconds` (a reader blocked on a FIFO): the test then fails instead of hanging the suite.
    static func within<T: Sendable>(_ seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                                    _ body: @escaping @Sendable () throws -> T) -> Result<T, any Error>? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.result = Result { try body() }
            done.signal()
        }.start()
        guard done.wait(timeout: .now() + seconds) == .success else {
            Issue.record("did not finish within \(seconds) s (blocked on a FIFO or device?)", sourceLocation: sourceLocation)
            return nil
        }
        return box.result
    }

    /// The DataError `body` throws within the time bound, checked to be one line containing every fragment.
    @discardableResult
    static func expectError(_ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation,
                            _ body: @escaping @Sendable () throws -> Void) -> String? {
        guard let result = within(sourceLocation: sourceLocation, body) else { return nil }
        guard case .failure(let error) = result else {
            Issue.record("expected an error containing \(fragments)", sourceLocation: sourceLocation)
            return nil
        }
        let text = "\(error)"
        for fragment in fragments {
            #expect(text.contains(fragment), "\(text)", sourceLocation: sourceLocation)
        }
        #expect(!text.contains("\n"), "\(text)", sourceLocation: sourceLocation)
        return text
    }

    /// `members` gzip members of `size` zero bytes each: a few KiB that inflate to `members × size` bytes.
    static func zeroBomb(members: Int, size: Int) -> [UInt8] {
        let member = DataFile.gzip([UInt8](repeating: 0, count: size), level: 9)
        return Array([[UInt8]](repeating: member, count: members).joined())
    }
}

/// Carries a result from the worker thread of `HostileFiles.within` (written before the semaphore is signalled).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
