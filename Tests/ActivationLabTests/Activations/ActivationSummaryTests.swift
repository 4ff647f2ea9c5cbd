import Foundation
import Testing
@testable import ActivationLab

@Suite struct ActivationSummaryTests {
    private func summary(_ name: String) throws -> ActivationSummary {
        try #require(ActivationSummary.catalog.first { $0.name == name })
    }

    @Test func valuesAndSlopesAtZeroComeFromTheActivation() throws {
        let sigmoid = try summary("sigmoid")
        #expect(sigmoid.valueAtZero == 0.5 && sigmoid.slopeAtZero == 0.25)
        let scaled = try summary("scaled-sigmoid")
        #expect(scaled.valueAtZero == 0 && scaled.slopeAtZero == 1)
        #expect(try summary("penalized-tanh").slopeAtZero == 0.25)
        #expect(abs(try summary("softplus").valueAtZero - log(2)) < 1e-15)
        #expect(try summary("very-leaky-relu").partnerName == "adversarial(leaky-relu:0.25)")
        #expect(ActivationSummary.catalog.count == ActivationCatalog.entries.count)
    }

    @Test func reflectRelations() throws {
        #expect(try summary("tanh").reflect == .sameAsBase)
        #expect(try summary("scaled-sigmoid").reflect == .sameAsBase)
        #expect(try summary("relu").reflect == .sameAsFlip)
        #expect(try summary("gelu").reflect == .sameAsFlip)
        #expect(try summary("sigmoid").reflect == .different)
        let softplus = try summary("softplus")
        #expect(softplus.reflect == .flipPlusConstant)
        #expect(abs((softplus.reflectOffset ?? 0) + log(2)) < 1e-12)
        #expect(try summary("tanh").reflectOffset == nil)
    }

    @Test func encodesAsJSON() throws {
        let data = try JSONEncoder().encode(ActivationSummary.catalog)
        let decoded = try JSONDecoder().decode([ActivationSummary].self, from: data)
        #expect(decoded == ActivationSummary.catalog)
    }
}
