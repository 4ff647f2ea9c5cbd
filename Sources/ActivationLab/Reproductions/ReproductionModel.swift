/// One network a reproduction compares its variants on, and how much it trains.
struct ReproductionModel {
    /// The comparison's label in measurement keys and file names, e.g. `mlp`, `cnn`.
    var label: String
    /// The model spec, e.g. `mlp:784-128-128-10` or `cnn:lenet`.
    var model: String
    var epochs: Int
    /// Training images (nil: the whole training split).
    var trainLimit: Int?
    /// The network in words, for the document.
    var text: String
    /// The fraction of the training file held out for validation.
    var validationFraction = 0.1

    /// The comparison's base configuration.
    func base(_ context: ReproductionContext) -> TrainingConfiguration {
        context.base(model: model, epochs: epochs, trainLimit: trainLimit, validationFraction: validationFraction)
    }

    /// The models as a document's setup lists them: "mlp = … (`mlp:…`, 6 epochs); cnn = …".
    static func list(_ models: [ReproductionModel]) -> String {
        models.map { "\($0.label) = \($0.text) (`\($0.model)`, \($0.epochs) epochs)" }.joined(separator: "; ")
    }
}
