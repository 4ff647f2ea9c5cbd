import Foundation

extension DatasetSource {
    /// The files and folders loading this dataset reads, as absolute paths (relative ones are taken from
    /// `directory`). A job on another machine (a Slurm node) needs every one of them at the same path.
    /// - Throws: `DataError` when `fashion-mnist` is not installed or the bundled sample is missing.
    public func inputPaths(relativeTo directory: String = FileManager.default.currentDirectoryPath,
                           environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String] {
        let paths: [String]
        switch self {
        case .fashionMNIST: paths = [try Self.fashionMNISTDirectory(environment: environment).path]
        case .sample: paths = [try Self.sampleDirectory()]
        case .idx(let directory, _), .cifar10(let directory), .cifar100(let directory): paths = [directory]
        case .csv(let train, let test, _): paths = [train] + (test.map { [$0] } ?? [])
        }
        return paths.map { Self.absolute($0, relativeTo: directory) }
    }

    /// `path` made absolute against `directory` and standardised (`..` and `.` removed).
    public static func absolute(_ path: String, relativeTo directory: String) -> String {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
            : URL(fileURLWithPath: directory, isDirectory: true).appendingPathComponent(path)
        return url.standardizedFileURL.path
    }

    /// Folders that are usually private to each machine of a cluster: data there is not on the other nodes.
    public static let machineLocalFolders = ["/tmp", "/var/tmp", "/dev/shm", "/run", "/var/run"]

    /// The machine-local folder `path` (absolute) lies in, if any.
    public static func machineLocalFolder(of path: String) -> String? {
        machineLocalFolders.first { path == $0 || path.hasPrefix($0 + "/") }
    }
}
