import Foundation

/// A folder with the four files of an MNIST-style IDX dataset, plain or gzipped:
/// `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`
/// (each optionally `.gz`; the `train-images.idx3-ubyte` spelling is accepted too).
public struct IDXDirectory: Sendable, Equatable {
    public let path: String
    public let trainImages: String
    public let trainLabels: String
    public let testImages: String
    public let testLabels: String

    /// The four file names, without `.gz`.
    public static let fileNames = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                   "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

    /// Finds the four files in `path`.
    /// - Throws: `DataError` naming the folder and every missing file.
    public init(path: String) throws {
        guard let kind = DataFileAccess.kind(path) else { throw DataError("\(path): no such directory") }
        guard kind.isDirectory else {
            throw DataError("\(path): is not a directory but \(kind.name). Give the folder holding the four IDX files")
        }
        let found = try Self.fileNames.map { try Self.locate($0, in: path) }
        let missing = zip(Self.fileNames, found).filter { $1 == nil }.map { "\($0.0)[.gz]" }
        guard missing.isEmpty else {
            throw DataError("\(path): missing \(missing.joined(separator: ", "))")
        }
        self.path = path
        (trainImages, trainLabels, testImages, testLabels) = (found[0]!, found[1]!, found[2]!, found[3]!)
    }

    /// Whether `path` holds all four files.
    public static func isComplete(_ path: String) -> Bool {
        (try? IDXDirectory(path: path)) != nil
    }

    /// Loads the training and test sets; datasets are named `"<name>/train"` and `"<name>/test"`.
    public func load(name: String, classCount: Int = 10, classNames: [String]? = nil) throws -> (train: Dataset, test: Dataset) {
        let train = try IDXReader.dataset(images: trainImages, labels: trainLabels, name: "\(name)/train",
                                          classCount: classCount, classNames: classNames)
        try train.requireSeveralClasses(source: trainLabels)
        let test = try IDXReader.dataset(images: testImages, labels: testLabels, name: "\(name)/test",
                                         classCount: classCount, classNames: classNames)
        guard train.sampleShape == test.sampleShape else {
            throw DataError("\(testImages): images are \(test.sampleShape) but the training images are \(train.sampleShape)")
        }
        return (train, test)
    }

    /// The training and test sample counts from the image headers (cheap).
    public func counts() throws -> (train: Int, test: Int) {
        (try IDXReader.count(at: trainImages), try IDXReader.count(at: testImages))
    }

    /// The first spelling of `name` present in `folder`; one that is there but not a regular file (a FIFO, a
    /// device, a folder) is an error rather than skipped, so it is neither opened nor reported missing.
    private static func locate(_ name: String, in folder: String) throws -> String? {
        // MNIST mirrors also spell the files "train-images.idx3-ubyte".
        let dotted = name.replacingOccurrences(of: "-idx", with: ".idx")
        for candidate in [name, name + ".gz", dotted, dotted + ".gz"] {
            let path = (folder as NSString).appendingPathComponent(candidate)
            guard let kind = DataFileAccess.kind(path) else { continue }
            guard kind.isRegular else {
                throw DataError("\(path): is not a regular file but \(kind.name). Replace it with the IDX file")
            }
            return path
        }
        return nil
    }
}
