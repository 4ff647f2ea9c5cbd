/// A tensor a layer keeps and updates outside gradient descent — PyTorch's "buffers", such as
/// BatchNorm's running statistics. Checkpoints save buffers next to parameters; optimisers never see them.
public final class Buffer {
    /// A short name for checkpoints, e.g. `"running_mean"` (PyTorch's names).
    public let name: String
    /// The current value.
    public var value: Tensor

    public init(name: String, value: Tensor) {
        self.name = name
        self.value = value
    }
}
