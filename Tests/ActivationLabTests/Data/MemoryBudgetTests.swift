import Foundation
import Testing
@testable import ActivationLab

@Suite("MemoryBudget")
struct MemoryBudgetTests {
    let directory = TemporaryDirectory()

    @Test func boundIsPositiveAndAtMostPhysicalMemory() {
        #expect(MemoryBudget.bytes > 0)
        #expect(MemoryBudget.bytes <= Int(clamping: ProcessInfo.processInfo.physicalMemory))
    }

    @Test func loadsBeyondTheBoundAreRefusedByName() throws {
        HostileFiles.expectError("big.idx (3 images)", "more bytes than can be counted", "this process may use") {
            try MemoryBudget.check(.max, for: "big.idx (3 images)")
        }
        try MemoryBudget.check(1 << 20, for: "small")
        #expect(MemoryBudget.format(3 << 30) == "3.0 GiB" && MemoryBudget.format(512) == "512 bytes")
    }

    /// A consistent header on a sparse file larger than memory: refused from the header and `stat`, never read.
    @Test func sparseIDXFileLargerThanMemoryIsRefusedBeforeReading() throws {
        let n = 100_000, side = 1000  // 100 GB of pixels (500 GB as floats)
        let header = IDXFixture.uint32(0x0803) + IDXFixture.uint32(UInt32(n)) + IDXFixture.uint32(UInt32(side)) + IDXFixture.uint32(UInt32(side))
        let path = try directory.write("sparse-idx3-ubyte", header)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(16 + n * side * side))
        try handle.close()
        HostileFiles.expectError("sparse-idx3-ubyte", "100000 images of 1000×1000", "this process may use") {
            _ = try IDXReader.images(at: path)
        }
        HostileFiles.expectError("sparse-idx3-ubyte", "this process may use") { _ = try DataFile.read(path) }
    }
}
