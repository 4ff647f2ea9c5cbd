#if canImport(Glibc)
import Glibc
#endif

/// Memory for a large read-mostly buffer (a dataset's bytes): on Linux, from 4 MiB on, an anonymous mapping
/// aligned to 2 MiB and marked for transparent huge pages. A shuffled batch reads rows scattered over the
/// whole dataset, and with 4 KiB pages nearly every row costs a page walk (two-level under a hypervisor);
/// a 2 MiB page serves thousands of rows from one TLB entry. Where the kernel gives no huge pages
/// (`transparent_hugepage` set to `never`) this is ordinary memory. Smaller buffers and other systems use
/// the heap.
struct PageMemory {
    let base: UnsafeMutablePointer<UInt8>
    private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    static let hugePage = 2 << 20
    static let mappedFrom = 4 << 20

    init(count: Int) {
        #if os(Linux)
        if count >= Self.mappedFrom {
            let length = (count + 2 * Self.hugePage - 1) / Self.hugePage * Self.hugePage
            if let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
               start != MAP_FAILED {
                let offset = (Self.hugePage - Int(bitPattern: start) % Self.hugePage) % Self.hugePage
                let aligned = start + offset
                _ = madvise(aligned, length - offset, MADV_HUGEPAGE)  // advice only: no huge pages is fine
                base = aligned.bindMemory(to: UInt8.self, capacity: count)
                mapping = (start, length)
                return
            }
        }
        #endif
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(count, 1))
        mapping = nil
    }

    /// Returns the memory; `base` is invalid afterwards.
    func release() {
        #if os(Linux)
        if let mapping {
            munmap(mapping.start, mapping.length)
            return
        }
        #endif
        base.deallocate()
    }
}
