import Testing
@testable import ActivationLab

@Suite struct FlattenTests {
    @Test func flattensAndRestores() throws {
        let flatten = Flatten()
        let x = GradientCheck.randomTensor([2, 3, 2, 2])
        let y = flatten.forward(x, mode: .training)
        #expect(y.shape == [2, 12])
        #expect(y.scalars == x.scalars)
        let dx = flatten.backward(y)
        #expect(dx.shape == [2, 3, 2, 2])
        #expect(try flatten.outputShape(forInput: [32, 4, 4]) == [512])
        #expect(throws: ModelError.self) { try flatten.outputShape(forInput: []) }
    }
}
