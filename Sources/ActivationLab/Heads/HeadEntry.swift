/// One head the command line can name: its description and how to build it.
public struct HeadEntry: Sendable {
    public let info: HeadInfo
    /// Builds the head; throws `HeadError` if the options do not fit it.
    public let make: @Sendable (HeadOptions) throws -> any Head

    public var name: String { info.name }
}
