/// A head described by its catalog entry (`info`) and configured by `HeadOptions`.
///
/// Conforming types store their options and provide `init(checkedOptions:)`; the public initialisers,
/// which validate the options against `info`, and the name come from here.
public protocol CatalogHead: Head {
    /// Formula, source and which options the head accepts.
    static var info: HeadInfo { get }
    /// The targets and the exponent clamp.
    var options: HeadOptions { get }
    /// Stores options that `validate(for: Self.info)` has already accepted.
    init(checkedOptions: HeadOptions)
}

extension CatalogHead {
    /// The head with default options (target scale 1, t_other = 0, clamp 30).
    public init() { self.init(checkedOptions: HeadOptions()) }

    /// The head with the given options, or a `HeadError` if this head cannot use them.
    public init(options: HeadOptions) throws {
        try options.validate(for: Self.info)
        self.init(checkedOptions: options)
    }

    public var name: String { Self.info.name }
}
