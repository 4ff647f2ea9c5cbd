/// The `init` option: a fixed initialiser, `auto` (He for activations that ask for it, Glorot uniform
/// otherwise), or `explicit` (`auto`, then the output layer from the closed-form solution of Williams & Zhao).
public enum InitializerChoice: String, Sendable, CaseIterable, Codable, Hashable {
    case auto, explicit
    case glorotUniform = "glorot-uniform"
    case glorotNormal = "glorot-normal"
    case he, lecun

    /// The initialiser for hidden and output weights, given the hidden activation.
    public func initializer(for activation: any Activation) -> Initializer {
        switch self {
        case .auto, .explicit: activation.prefersHeInitialization ? .he : .glorotUniform
        case .glorotUniform: .glorotUniform
        case .glorotNormal: .glorotNormal
        case .he: .he
        case .lecun: .lecun
        }
    }
}
