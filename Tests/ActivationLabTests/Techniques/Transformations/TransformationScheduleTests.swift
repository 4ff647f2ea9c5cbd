import Testing
@testable import ActivationLab

@Suite struct TransformationScheduleTests {
    @Test func dueEveryNSteps() {
        let schedule = TransformationSchedule(every: 3)
        #expect((0..<7).filter { schedule.shouldReestimate(step: $0) } == [0, 3, 6])
        #expect(!TransformationSchedule(every: 0).shouldReestimate(step: 0))
    }

    @Test func noiseHasTheRequestedScale() {
        var rng = SeededGenerator(seed: 1)
        let inputs = Tensor(zeros: [100, 50])
        #expect(TransformationSchedule(every: 1).reestimationBatch(from: inputs, using: &rng) == inputs)
        let noisy = TransformationSchedule(every: 1, inputNoise: 0.3).reestimationBatch(from: inputs, using: &rng)
        let sd = (noisy.scalars.reduce(0.0) { $0 + Double($1 * $1) } / Double(noisy.count)).squareRoot()
        #expect(abs(sd - 0.3) < 0.02, "sd \(sd)")
    }

    @Test func applyReestimatesOnlyWhenDue() throws {
        var rng = SeededGenerator(seed: 2)
        let network = try ShortcutNetwork(sizes: [3, 4, 2], transform: .ab, rng: &rng)
        let batch = Tensor(shape: [8, 3], scalars: (0..<24).map { _ in rng.normal() })
        let schedule = TransformationSchedule(every: 2)
        #expect(schedule.apply(to: network, step: 1, batch: batch, using: &rng) == nil)
        #expect(network.nonlinearities[0].alpha.allSatisfy { $0 == 0 })
        #expect(schedule.apply(to: network, step: 2, batch: batch, using: &rng)?.count == 1)
        #expect(network.nonlinearities[0].alpha.allSatisfy { $0 < 0 })
    }
}
