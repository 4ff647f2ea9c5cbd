/// Which activation each layer uses when an activation f and its adversarial partner g alternate
/// across layers ("global adversarial", GA): f, g, f, g, … or, starting with the partner, g, f, g, ….
///
/// **Interpretation** of Su, Zhu & Li (arXiv 2405.03712, 2024): which function comes first and
/// the granularity (per layer here; per block for residual networks is the model builder's choice)
/// are not confirmed. The same schedule decides HD-FGD versus split-adversarial (SA) gated layers.
public struct AlternationSchedule: Sendable {
    /// Which of the pair the first layer uses.
    public enum Start: String, Sendable, CaseIterable, Codable {
        case original
        case partner
    }

    /// The activation f.
    public let base: any Activation
    /// How the partner g is read from the paper.
    public let reading: AdversarialReading
    /// Whether layer 1 uses f (`original`) or g (`partner`).
    public let start: Start

    public init(base: any Activation, reading: AdversarialReading = .flip, start: Start = .original) {
        self.base = base
        self.reading = reading
        self.start = start
    }

    /// Whether hidden layer `index` (0-based) uses the partner g.
    public func usesPartner(layer index: Int) -> Bool {
        (index % 2 == 1) == (start == .original)
    }

    /// The activation of hidden layer `index` (0-based).
    public func activation(layer index: Int) -> any Activation {
        usesPartner(layer: index) ? base.adversarialPartner(reading: reading) : base
    }

    /// The activations of `count` hidden layers, first layer first.
    public func activations(count: Int) -> [any Activation] {
        (0..<max(count, 0)).map { activation(layer: $0) }
    }
}
