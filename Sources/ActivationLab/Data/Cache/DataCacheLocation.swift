import Foundation

/// Where decoded datasets are cached on disk: `$ACTLAB_CACHE_DIR`, else `$XDG_CACHE_HOME/actlab`, else
/// `~/.cache/actlab`. `ACTLAB_DATA_CACHE=off` (or `0`, `no`, `false`) turns the disk cache off; the
/// in-process cache stays. Small datasets, which decode faster than a cache file is checked, are not written.
struct DataCacheLocation: Sendable {
    /// The folder holding the cache files.
    let directory: String
    /// Datasets whose decoded features and labels take fewer bytes than this are not written to disk.
    let minimumBytes: Int

    /// The default for `minimumBytes`: 16 MiB (the bundled sample, 6 MiB, decodes in milliseconds).
    static let defaultMinimumBytes = 16 << 20

    /// The environment variable that turns the disk cache off.
    static let switchVariable = "ACTLAB_DATA_CACHE"

    /// The location the environment names, or nil when the disk cache is off or no folder can be found.
    init?(environment: [String: String]) {
        if let setting = environment[Self.switchVariable]?.lowercased(), ["off", "0", "no", "false"].contains(setting) {
            return nil
        }
        if let explicit = environment["ACTLAB_CACHE_DIR"], !explicit.isEmpty {
            directory = explicit
        } else if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            directory = (xdg as NSString).appendingPathComponent("actlab")
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            directory = (home as NSString).appendingPathComponent(".cache/actlab")
        } else {
            return nil
        }
        minimumBytes = environment["ACTLAB_DATA_CACHE_MIN_BYTES"].flatMap { Int($0) } ?? Self.defaultMinimumBytes
    }

    /// `<identity hash>-<full key hash>.actlab-data`: one file per version of a source's files.
    func file(for key: DataSourceKey) -> String {
        (directory as NSString).appendingPathComponent(
            "\(DataSourceKey.hash(key.identity))-\(DataSourceKey.hash(key.full)).\(Self.fileExtension)")
    }

    static let fileExtension = "actlab-data"
}
