import Foundation

/// What identifies a dataset's decoded contents: the source (kind, resolved paths, reader options) and the
/// size and modification time of every file it is read from. Equal keys mean equal decoded data; an edited
/// or replaced file changes its size or mtime and so the key.
struct DataSourceKey: Hashable, Sendable {
    /// The source without file stats: the same for every version of the files.
    let identity: String
    /// `identity` plus every file's path, size and mtime.
    let full: String

    /// The key of `source` as it would be read now, or nil when its files cannot be listed or stat'ed
    /// (the reader then runs uncached and reports the problem itself).
    init?(source: DatasetSource, environment: [String: String]) {
        guard let (identity, files) = try? Self.describe(source, environment: environment) else { return nil }
        var full = identity
        for file in files {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                  let size = (attributes[.size] as? NSNumber)?.int64Value,
                  let modified = attributes[.modificationDate] as? Date else { return nil }
            full += "|\(file):\(size):\(modified.timeIntervalSince1970)"
        }
        self.identity = identity
        self.full = full
    }

    /// The source's identity and the files it reads, resolved as the readers resolve them.
    private static func describe(_ source: DatasetSource, environment: [String: String]) throws -> (String, [String]) {
        func idx(_ directory: IDXDirectory) -> [String] {
            [directory.trainImages, directory.trainLabels, directory.testImages, directory.testLabels].map(absolute)
        }
        switch source {
        case .fashionMNIST:
            let files = idx(try DatasetSource.fashionMNISTDirectory(environment: environment))
            return ("fashion-mnist|\(files.joined(separator: ","))", files)
        case .sample:
            let files = idx(try IDXDirectory(path: DatasetSource.sampleDirectory()))
            return ("sample|\(files.joined(separator: ","))", files)
        case .idx(let directory, let classCount):
            let files = idx(try IDXDirectory(path: directory))
            return ("idx|classes=\(classCount)|\(files.joined(separator: ","))", files)
        case .cifar10(let directory), .cifar100(let directory):
            let variant: CIFARReader.Variant = if case .cifar10 = source { .cifar10 } else { .cifar100 }
            let root = try CIFARReader.resolve(directory: directory, variant: variant)
            var files = (variant.trainFiles + variant.testFiles).compactMap { root.files[$0] }.map(absolute)
            let names = absolute((root.path as NSString).appendingPathComponent(variant.classNamesFile))
            if FileManager.default.fileExists(atPath: names) { files.append(names) }
            return ("\(variant.rawValue)|\(files.joined(separator: ","))", files)
        case .csv(let train, let test, let options):
            let files = [train] + (test.map { [$0] } ?? [])
            let absoluteFiles = files.map(absolute)
            return ("csv|\(options)|\(absoluteFiles.joined(separator: ","))", absoluteFiles)
        }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// A stable 64-bit FNV-1a hash of `text`, in hex, for file names.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(value, radix: 16).leftPadded(to: 16)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
