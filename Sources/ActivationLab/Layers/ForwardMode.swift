/// Whether a forward pass is part of training (dropout active, batch statistics used and updated)
/// or of evaluation.
public enum ForwardMode: Sendable {
    case training
    case evaluation
}
