import Foundation

/// Where a dataset comes from, parsed from a spec string such as `fashion-mnist` or `csv:iris.csv:label=species`.
///
/// Spec forms (`DatasetSource.specForms` lists them for help texts):
/// - `fashion-mnist`: the full Fashion-MNIST (60 000 / 10 000) from `$ACTLAB_DATA/fashion-mnist`, else
///   `/usr/share/datasets/fashion-mnist` (Debian: `apt-get install dataset-fashion-mnist`). Never falls back to
///   the sample silently: if neither exists the error says how to install it.
/// - `sample`: the bundled Fashion-MNIST subset (first 2 000 training and 500 test images).
/// - `idx:DIR[:classes=N]`: the four MNIST-style IDX files in DIR (plain or `.gz`); N classes (default 10).
/// - `cifar10:DIR`, `cifar100:DIR`: the binary version of CIFAR (DIR or DIR/cifar-10-batches-bin etc.).
/// - `csv:FILE[:test=FILE2][:label=NAME|INDEX][:header=yes|no|auto]`: numeric features and a label column
///   (default: the last; INDEX is 0-based, negative from the end). Without `test=`, a fixed 20% of FILE (the
///   same rows for every seed) is held out as the test set. FILE2 must have FILE's header; columns in another
///   order are matched by name (see `CSVReader` for the rules).
public enum DatasetSource: Sendable, Equatable {
    case fashionMNIST
    case sample
    case idx(directory: String, classCount: Int)
    case cifar10(directory: String)
    case cifar100(directory: String)
    case csv(train: String, test: String?, options: CSVOptions)

    /// `fashion-mnist` when it is installed, else the bundled `sample`.
    public static func installedDefaultSpec() -> String {
        (try? fashionMNISTDirectory()) != nil ? "fashion-mnist" : "sample"
    }

    /// The valid spec forms and what they mean, for help texts and error messages.
    public static let specForms: [(form: String, meaning: String)] = [
        ("fashion-mnist", "full Fashion-MNIST from $ACTLAB_DATA/fashion-mnist or /usr/share/datasets/fashion-mnist"),
        ("sample", "bundled Fashion-MNIST subset: 2,000 training / 500 test images"),
        ("idx:DIR[:classes=N]", "MNIST-style IDX files (train-images-idx3-ubyte[.gz], ...) in DIR"),
        ("cifar10:DIR", "CIFAR-10 binary version (data_batch_1..5.bin, test_batch.bin)"),
        ("cifar100:DIR", "CIFAR-100 binary version (train.bin, test.bin; fine labels)"),
        ("csv:FILE[:test=FILE2][:label=NAME|INDEX][:header=yes|no|auto]",
         "numeric features + label column (default last); without test=, 20% of FILE is the test set"),
    ]

    /// The Debian location of Fashion-MNIST (package `dataset-fashion-mnist`).
    public static let systemFashionMNIST = "/usr/share/datasets/fashion-mnist"

    /// Fashion-MNIST's class names, by label.
    public static let fashionMNISTClassNames = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// The share of a CSV file held out as the test set when no test file is given.
    public static let csvTestFraction = 0.2

    /// The names that start a spec: `fashion-mnist`, `sample`, `idx`, `cifar10`, `cifar100`, `csv`.
    public static var specNames: [String] {
        specForms.map { String($0.form.prefix { $0 != ":" && $0 != "[" }) }
    }

    /// The spec name nearest to an unknown `name`, if it is a likely typo (`fashion-mist` → `fashion-mnist`).
    public static func suggestion(for name: String) -> String? {
        EditDistance.nearest(to: name, among: specNames)
    }

    /// Parses a spec string.
    /// - Throws: `DataError` listing the valid forms for an unknown spec.
    public init(spec: String) throws {
        let forms = Self.specForms.map(\.form).joined(separator: ", ")
        guard let colon = spec.firstIndex(of: ":") else {
            switch spec {
            case "fashion-mnist": self = .fashionMNIST
            case "sample": self = .sample
            default:
                let hint = Self.suggestion(for: spec).map { name in
                    let form = Self.specForms.map(\.form).first { $0.hasPrefix(name) } ?? name
                    return " (did you mean '\(form.prefix { $0 != "[" })'?)"
                } ?? ""
                throw DataError("unknown dataset '\(spec)'\(hint); valid forms: \(forms)")
            }
            return
        }
        let kind = String(spec[..<colon])
        var parts = spec[spec.index(after: colon)...].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        // Trailing key=value parts are options; everything before them is the path (which may contain ':').
        var options: [String: String] = [:]
        let keys: Set<String> = kind == "csv" ? ["test", "label", "header"] : kind == "idx" ? ["classes"] : []
        while parts.count > 1, let last = parts.last, let eq = last.firstIndex(of: "="),
              keys.contains(String(last[..<eq])) {
            let key = String(last[..<eq])
            guard options[key] == nil else { throw DataError("dataset '\(spec)': option \(key)= given twice") }
            options[key] = String(last[last.index(after: eq)...])
            parts.removeLast()
        }
        let path = parts.joined(separator: ":")
        guard !path.isEmpty else { throw DataError("dataset '\(spec)': missing the path after '\(kind):'") }
        switch kind {
        case "idx":
            var classCount = 10
            if let text = options["classes"] {
                guard let n = Int(text), (2...256).contains(n) else {
                    throw DataError("dataset '\(spec)': classes=\(text) must be a whole number in 2...256")
                }
                classCount = n
            }
            self = .idx(directory: path, classCount: classCount)
        case "cifar10": self = .cifar10(directory: path)
        case "cifar100": self = .cifar100(directory: path)
        case "csv":
            var csvOptions = CSVOptions()
            if let label = options["label"] {
                guard !label.isEmpty else { throw DataError("dataset '\(spec)': label= needs a column name or index") }
                csvOptions.labelColumn = Int(label).map { .index($0) } ?? .name(label)
            }
            switch options["header"] {
            case nil, "auto": break
            case "yes": csvOptions.hasHeader = true
            case "no": csvOptions.hasHeader = false
            case let other?: throw DataError("dataset '\(spec)': header=\(other) must be yes, no or auto")
            }
            if let test = options["test"], test.isEmpty {
                throw DataError("dataset '\(spec)': test= needs a file")
            }
            self = .csv(train: path, test: options["test"], options: csvOptions)
        default:
            let hint = Self.suggestion(for: kind).map { " (did you mean '\($0):'?)" } ?? ""
            throw DataError("unknown dataset kind '\(kind):' in '\(spec)'\(hint); valid forms: \(forms)")
        }
    }

    /// A short name for the dataset, used in dataset and run names.
    public var name: String {
        switch self {
        case .fashionMNIST: "fashion-mnist"
        case .sample: "fashion-mnist-sample"
        case .idx(let directory, _): (directory as NSString).lastPathComponent
        case .cifar10: "cifar10"
        case .cifar100: "cifar100"
        case .csv(let train, _, _): ((train as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }

    /// `.unitRange` for images, `.standardize` for CSV features.
    public var defaultNormalization: Normalization {
        if case .csv = self { return .standardize }
        return .unitRange
    }

    /// Loads the data, holds out a seeded validation set and normalises all splits with statistics of the
    /// training split.
    /// - Parameters:
    ///   - validationFraction: share of the training file held out for validation, in [0, 1).
    ///   - seed: seeds the validation split.
    ///   - trainLimit: keep at most this many training samples (see `DataSplits.init(train:test:...)`).
    ///   - normalization: nil = `defaultNormalization`.
    ///   - environment: where `ACTLAB_DATA` is looked up.
    public func load(validationFraction: Double = 0.1, seed: UInt64 = 0, trainLimit: Int? = nil,
                     normalization: Normalization? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DataSplits {
        let (train, test) = try loadTrainTest(environment: environment)
        let splits = try DataSplits(train: train, test: test, validationFraction: validationFraction,
                                    seed: seed, trainLimit: trainLimit)
        return splits.normalized(normalization ?? defaultNormalization)
    }

    /// The training and test sets as stored, before any split or normalisation: decoded once per process
    /// and shared (`DecodedDataCache`), and kept decoded on disk between processes (`DataCacheLocation`).
    public func loadTrainTest(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (train: Dataset, test: Dataset) {
        try DecodedDataCache.shared.trainTest(for: self, environment: environment) {
            try decodeTrainTest(environment: environment)
        }
    }

    /// The training and test sets decoded from the source files, bypassing every cache.
    public func decodeTrainTest(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (train: Dataset, test: Dataset) {
        switch self {
        case .fashionMNIST:
            return try Self.fashionMNISTDirectory(environment: environment)
                .load(name: name, classNames: Self.fashionMNISTClassNames)
        case .sample:
            return try IDXDirectory(path: Self.sampleDirectory())
                .load(name: name, classNames: Self.fashionMNISTClassNames)
        case .idx(let directory, let classCount):
            return try IDXDirectory(path: directory).load(name: name, classCount: classCount)
        case .cifar10(let directory):
            return try CIFARReader.load(directory: directory, variant: .cifar10)
        case .cifar100(let directory):
            return try CIFARReader.load(directory: directory, variant: .cifar100)
        case .csv(let trainPath, let testPath, let options):
            let file = try CSVReader.load(at: trainPath, options: options)
            let all = file.dataset
            if let testPath {
                let test = try CSVReader.load(at: testPath, options: options, matching: file).dataset
                return (renamed(all, "\(name)/train"), renamed(test, "\(name)/test"))
            }
            // A fixed hold-out (independent of the run's seed) so every run is tested on the same rows.
            var order = Array(0..<all.count)
            var generator = SeededGenerator(seed: 0x7465_7374)  // "test"
            generator.shuffle(&order)
            let testCount = Int((Self.csvTestFraction * Double(all.count)).rounded())
            guard testCount >= 1, testCount < all.count else {
                throw DataError("\(trainPath): \(all.count) rows are too few to hold out a test set; give one with :test=FILE")
            }
            return (all.subset(order[testCount...].sorted(), name: "\(name)/train"),
                    all.subset(order[..<testCount].sorted(), name: "\(name)/test"))
        }
    }

    /// Where Fashion-MNIST is looked for, in order.
    public static func fashionMNISTCandidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var candidates: [String] = []
        if let root = environment["ACTLAB_DATA"], !root.isEmpty {
            candidates.append((root as NSString).appendingPathComponent("fashion-mnist"))
        }
        candidates.append(systemFashionMNIST)
        return candidates
    }

    /// The first Fashion-MNIST folder that exists; a folder that exists but lacks files is an error, not skipped.
    public static func fashionMNISTDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> IDXDirectory {
        try fashionMNISTDirectory(candidates: fashionMNISTCandidates(environment: environment),
                                  dataRootIsSet: environment["ACTLAB_DATA"].map { !$0.isEmpty } ?? false)
    }

    static func fashionMNISTDirectory(candidates: [String], dataRootIsSet: Bool) throws -> IDXDirectory {
        for path in candidates where FileManager.default.fileExists(atPath: path) {
            return try IDXDirectory(path: path)
        }
        let setNote = dataRootIsSet ? "" : " (ACTLAB_DATA is not set)"
        throw DataError("fashion-mnist: not found in \(candidates.joined(separator: " or "))\(setNote); install it with `apt-get install dataset-fashion-mnist`, or use the bundled subset with the dataset `sample`")
    }

    /// The folder of the bundled Fashion-MNIST sample (a SwiftPM resource of this module).
    public static func sampleDirectory() throws -> String {
        let bundle = Bundle.module
        let candidates = [bundle.resourceURL, bundle.bundleURL].compactMap { $0 }
            .map { $0.appendingPathComponent("fashion-mnist-sample").path }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw DataError("bundled sample: fashion-mnist-sample not found in \(bundle.bundlePath); the installation is incomplete")
        }
        return found
    }

    private func renamed(_ dataset: Dataset, _ name: String) -> Dataset {
        var copy = dataset
        copy.name = name
        return copy
    }
}
