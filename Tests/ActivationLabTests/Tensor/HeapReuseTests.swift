import Testing
@testable import ActivationLab

@Suite struct HeapReuseTests {
    /// On glibc the malloc settings must take effect (an earlier build compiled them out silently, and
    /// every training step paid page faults again).
    @Test func installsOnGlibc() {
        #if os(Linux)
        #expect(HeapReuse.install())
        #endif
    }
}
