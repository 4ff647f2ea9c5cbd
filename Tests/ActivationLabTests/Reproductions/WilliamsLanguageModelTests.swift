import Testing
@testable import ActivationLab

struct WilliamsLanguageModelTests {
    /// The language-model check runs its tuning trials and seeds side by side: the numbers must be those of
    /// one thread, bit for bit (timings aside).
    @Test func sideBySideGivesTheSerialNumbers() throws {
        var scale = ReproductionScale.quick(dataset: "fashion-mnist")
        scale.seeds = 3
        scale.lmVocabulary = 10
        scale.lmEpochs = 2
        let check = WilliamsLanguageModel(corpus: ExplicitLanguageModelExperimentTests.corpus, scale: scale)
        func run(threads: Int) throws -> (measurements: [ReproductionMeasurement], tables: [ResultTable], setup: [String]) {
            var measurements: [ReproductionMeasurement] = [], tables: [ResultTable] = [], setup: [String] = []
            try ComputeContext(threads: threads).run {
                try check.run(measurements: &measurements, tables: &tables, setup: &setup) { _ in }
            }
            return (measurements, tables, setup)
        }
        let serial = try run(threads: 1), parallel = try run(threads: 2)
        let timed = "lm.explicit.seconds"
        func numbers(_ m: [ReproductionMeasurement]) -> [[Double?]] {
            m.filter { $0.key != timed }.map { [$0.estimate, $0.low, $0.high] }
        }
        #expect(serial.measurements.map(\.key) == parallel.measurements.map(\.key))
        #expect(numbers(serial.measurements) == numbers(parallel.measurements))
        #expect(serial.setup == parallel.setup)
        #expect(serial.tables.last?.rows == parallel.tables.last?.rows)  // the ε table
        // The perplexity table: its text carries no timing except the note's solve time.
        #expect(serial.tables.first?.rows == parallel.tables.first?.rows)
    }
}
