import Foundation
import Testing
@testable import ActivationLab

/// `PageMemory`: large buffers are mapped on 2 MiB boundaries (where huge pages can back them), small ones come
/// from the heap, and every byte of either is usable.
@Suite struct PageMemoryTests {
    @Test(arguments: [2, 4095, PageMemory.mappedFrom - 1, PageMemory.mappedFrom, 47_040_000])
    func everyByteIsWritableAndLargeBuffersAreAligned(count: Int) {
        let memory = PageMemory(count: count)
        defer { memory.release() }
        memory.base.initialize(repeating: 7, count: count)
        memory.base[count - 1] = 9
        #expect(memory.base[0] == 7 && memory.base[count - 1] == 9)
        #if os(Linux)
        if count >= PageMemory.mappedFrom {
            #expect(Int(bitPattern: memory.base) % PageMemory.hugePage == 0)
        }
        #endif
    }

    @Test func aDatasetsBytesSurviveTheCopyIntoMappedMemory() {
        let count = PageMemory.mappedFrom + 12_345
        let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let buffer = source.withUnsafeBytes { ByteBuffer(copying: $0) }
        #expect(buffer.count == count)
        #expect(UnsafeBufferPointer(start: buffer.pointer, count: count).elementsEqual(source))
    }
}
