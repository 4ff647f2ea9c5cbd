import Foundation

extension DatasetSource {
    /// The datasets that can be loaded here, cheaply (only file headers and sizes are read).
    ///
    /// Lists Fashion-MNIST (installed or not, with the install hint), the bundled sample, and any IDX folder,
    /// CIFAR binary folder or CSV file directly inside `$ACTLAB_DATA` or `/usr/share/datasets`.
    public static func discover(environment: [String: String] = ProcessInfo.processInfo.environment) -> [DatasetInfo] {
        var found: [DatasetInfo] = []

        // Fashion-MNIST, always listed.
        let candidates = fashionMNISTCandidates(environment: environment)
        do {
            let directory = try fashionMNISTDirectory(environment: environment)
            let counts = try? directory.counts()
            found.append(DatasetInfo(name: "fashion-mnist", spec: "fashion-mnist", location: directory.path,
                                     installed: true, trainCount: counts?.train, testCount: counts?.test))
        } catch {
            let exists = candidates.first { FileManager.default.fileExists(atPath: $0) }
            found.append(DatasetInfo(name: "fashion-mnist", spec: "fashion-mnist", location: exists, installed: false,
                                     note: exists == nil ? "apt-get install dataset-fashion-mnist" : "\(error)"))
        }

        // The bundled sample.
        do {
            let directory = try IDXDirectory(path: sampleDirectory())
            let counts = try? directory.counts()
            found.append(DatasetInfo(name: "fashion-mnist-sample", spec: "sample", location: directory.path,
                                     installed: true, trainCount: counts?.train, testCount: counts?.test,
                                     note: "bundled subset of Fashion-MNIST for quick runs"))
        } catch {
            found.append(DatasetInfo(name: "fashion-mnist-sample", spec: "sample", location: nil, installed: false,
                                     note: "\(error)"))
        }

        // Anything else in the data roots.
        var roots: [String] = []
        if let root = environment["ACTLAB_DATA"], !root.isEmpty { roots.append(root) }
        roots.append((systemFashionMNIST as NSString).deletingLastPathComponent)
        // Fashion-MNIST folders are covered above (a shadowed one is not loadable by `fashion-mnist` anyway).
        let known = Set(found.compactMap(\.location) + candidates)
        for root in roots {
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else { continue }
            for entry in entries.sorted() {
                let path = (root as NSString).appendingPathComponent(entry)
                if known.contains(path) { continue }
                if let info = describe(path: path, entry: entry) { found.append(info) }
            }
        }
        return found
    }

    /// What `path` holds, if it is a dataset this package reads.
    private static func describe(path: String, entry: String) -> DatasetInfo? {
        // Only stat here: nothing but regular files and folders is listed, and nothing is opened that could
        // block (a FIFO or device named like a data file).
        guard let kind = DataFileAccess.kind(path), kind.isRegular || kind.isDirectory else { return nil }
        if kind.isRegular {
            guard entry.hasSuffix(".csv") || entry.hasSuffix(".csv.gz") else { return nil }
            return DatasetInfo(name: entry, spec: "csv:\(path)", location: path, installed: true,
                               note: "20% of the rows are the test set unless :test=FILE is given")
        }
        if let directory = try? IDXDirectory(path: path) {
            let counts = try? directory.counts()
            return DatasetInfo(name: entry, spec: "idx:\(path)", location: path, installed: true,
                               trainCount: counts?.train, testCount: counts?.test)
        }
        for variant in CIFARReader.Variant.allCases {
            guard let root = try? CIFARReader.resolve(directory: path, variant: variant) else { continue }
            // Record counts from the file sizes (gzipped files would need decompressing: left out).
            func count(_ files: [String]) -> Int? {
                var total = 0
                for name in files {
                    guard let file = root.files[name], !file.hasSuffix(".gz"),
                          let size = try? DataFileAccess.size(file) else { return nil }
                    total += size / variant.recordSize
                }
                return total
            }
            let spec = variant == .cifar10 ? "cifar10" : "cifar100"
            return DatasetInfo(name: entry, spec: "\(spec):\(path)", location: root.path, installed: true,
                               trainCount: count(variant.trainFiles), testCount: count(variant.testFiles))
        }
        return nil
    }
}
