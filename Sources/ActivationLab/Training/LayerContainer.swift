/// A layer made of other layers; the trainer walks containers to find activation layers for diagnostics.
public protocol LayerContainer: Layer {
    /// The direct children, in forward order.
    var children: [any Layer] { get }
}

extension Sequential: LayerContainer {
    public var children: [any Layer] { layers }
}

extension Layer {
    /// This layer and all nested layers, depth first, in forward order.
    public var flattenedLayers: [any Layer] {
        guard let container = self as? any LayerContainer else { return [self] }
        return [self] + container.children.flatMap(\.flattenedLayers)
    }
}
