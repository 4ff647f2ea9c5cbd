import Foundation
import Testing
@testable import ActivationLab

/// Update rules against values worked out by hand from PyTorch's documented formulas.
@Suite struct OptimizerTests {
    func parameter(_ value: Float, gradient: Float, decays: Bool = true) -> Parameter {
        let p = Parameter(name: "w", value: Tensor(shape: [1], scalars: [value]), decays: decays)
        p.gradient = Tensor(shape: [1], scalars: [gradient])
        return p
    }

    @Test func plainSGDStepsAgainstTheGradient() {
        let p = parameter(1, gradient: 0.5)
        SGD().step([p], learningRate: 0.1)
        #expect(abs(p.value[flat: 0] - 0.95) < 1e-7)
    }

    @Test func momentumAccumulatesVelocityLikePyTorch() {
        // v1 = g = 1 → w = 1 − 0.1; v2 = 0.9·1 + 1 = 1.9 → w = 0.9 − 0.19
        let p = parameter(1, gradient: 1)
        let sgd = SGD(momentum: 0.9)
        sgd.step([p], learningRate: 0.1)
        sgd.step([p], learningRate: 0.1)
        #expect(abs(p.value[flat: 0] - 0.71) < 1e-6)
    }

    @Test func nesterovLooksAhead() {
        // v1 = 1, update g + μv = 1.9 → w = 1 − 0.19
        let p = parameter(1, gradient: 1)
        SGD(momentum: 0.9, nesterov: true).step([p], learningRate: 0.1)
        #expect(abs(p.value[flat: 0] - 0.81) < 1e-6)
    }

    @Test func weightDecaySkipsParametersThatDoNotDecay() {
        let weight = parameter(2, gradient: 0), bias = parameter(2, gradient: 0, decays: false)
        SGD(weightDecay: 0.5).step([weight, bias], learningRate: 0.1)
        #expect(abs(weight.value[flat: 0] - 1.9) < 1e-6)
        #expect(bias.value[flat: 0] == 2)
    }

    @Test func learningRateScaleSlowsAParameter() {
        let p = parameter(1, gradient: 1)
        p.learningRateScale = 0.25
        SGD().step([p], learningRate: 0.4)
        #expect(abs(p.value[flat: 0] - 0.9) < 1e-7)
    }

    @Test func adamFirstStepMovesByTheLearningRate() {
        // With bias correction, m̂ = g and v̂ = g², so the first step is lr·g/(|g| + ε) ≈ lr·sign(g).
        let p = parameter(1, gradient: 3)
        Adam().step([p], learningRate: 0.01)
        #expect(abs(p.value[flat: 0] - 0.99) < 1e-6)
    }

    @Test func adamWDecaysWeightsDirectly() {
        let coupled = parameter(1, gradient: 0), decoupled = parameter(1, gradient: 0)
        Adam(weightDecay: 0.1).step([coupled], learningRate: 0.01)
        Adam.adamW(weightDecay: 0.1).step([decoupled], learningRate: 0.01)
        // AdamW: w·(1 − lr·λ) = 0.999; Adam+L2 sees gradient λw and takes a full normalised step: 0.99.
        #expect(abs(decoupled.value[flat: 0] - 0.999) < 1e-6)
        #expect(abs(coupled.value[flat: 0] - 0.99) < 1e-5)
    }
}

@Suite struct LearningRateScheduleTests {
    @Test func stepCosineAndWarmup() throws {
        let step = try LearningRateSchedule.parse("step:2:0.5")
        #expect(step.rate(base: 1, step: 0, epoch: 3, stepsPerEpoch: 10, totalSteps: 100) == 0.5)
        #expect(step.rate(base: 1, step: 0, epoch: 4, stepsPerEpoch: 10, totalSteps: 100) == 0.25)
        let cosine = try LearningRateSchedule.parse("cosine")
        #expect(abs(cosine.rate(base: 1, step: 50, epoch: 0, stepsPerEpoch: 10, totalSteps: 100) - 0.5) < 1e-6)
        #expect(cosine.rate(base: 1, step: 100, epoch: 0, stepsPerEpoch: 10, totalSteps: 100) < 1e-6)
        let warm = try LearningRateSchedule.parse("warmup:4:cosine")
        #expect(warm.rate(base: 1, step: 1, epoch: 0, stepsPerEpoch: 10, totalSteps: 100) == 0.5)
        #expect(warm == .warmup(steps: 4, then: .cosine))
    }

    @Test(arguments: ["exp", "step:0:0.5", "step:2", "warmup:x:cosine", "cosine:3"])
    func malformedSchedulesAreErrors(_ text: String) {
        #expect(throws: ScheduleError.self) { try LearningRateSchedule.parse(text) }
    }
}

@Suite struct InitializerTests {
    @Test(arguments: Initializer.allCases)
    func spreadMatchesTheScheme(_ initializer: Initializer) {
        var rng = SeededGenerator(seed: 5)
        let (fanIn, fanOut) = (200, 100)
        let t = initializer.tensor(shape: [fanOut, fanIn], fanIn: fanIn, fanOut: fanOut, using: &rng)
        let variance = t.scalars.reduce(0.0) { $0 + Double($1 * $1) } / Double(t.count)
        let expected: Double = switch initializer {
        case .glorotUniform, .glorotNormal: 2.0 / Double(fanIn + fanOut)
        case .he: 2.0 / Double(fanIn)
        case .lecun: 1.0 / Double(fanIn)
        case .zeros: 0
        }
        #expect(abs(variance - expected) <= 0.05 * expected + 1e-12)
        if initializer == .glorotUniform {
            let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            #expect(t.scalars.allSatisfy { abs($0) <= limit })
        }
    }
}
