/// `--init explicit`: a warm start from the explicit solution (Williams & Zhao 2023; the general
/// non-negative reading is our interpretation).
///
/// A single-layer model (`mlp:IN-OUT`) gets the whole solution. A deeper `Sequential` model keeps its random
/// hidden layers and gets the explicit solution for its output layer on top of those fixed features
/// (an extension of the paper, which solves single-layer networks).
public enum ExplicitInitialization {
    public static func apply(to model: any Layer, training: Dataset, options: ExplicitOptions = ExplicitOptions()) throws {
        guard let sequential = model as? Sequential, let output = sequential.layers.last as? Dense else {
            throw ConfigurationError.incompatible(OptionMessage("{init} explicit needs a model whose last layer is dense (an mlp or cnn:lenet), not \(model)"))
        }
        if sequential.layers.count == 1 {
            try ExplicitSolver.solve(training, options: options).apply(to: output)
        } else {
            _ = try ExplicitSolver.initializeOutputLayer(of: sequential, on: training, options: options)
        }
    }
}
