// TEMPORARY: a minimal IDX loader so that `actlab explicit` can run end to end before the data layer's
// `DatasetSource` (specs `fashion-mnist`, `sample`, `idx:DIR`, ...) is merged. At merge time, replace
// `ExplicitDataLoading.splits(spec:validationFraction:seed:)` by `DatasetSource` and delete this file.
import Foundation
import ActivationLab
import CZlib

enum ExplicitDataLoading {
    static let fashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    /// Train/validation/test splits for `fashion-mnist` or `idx:DIR` (pixels scaled to [0, 1]).
    static func splits(spec: String, validationFraction: Double, seed: UInt64) throws -> DataSplits {
        let directory: String
        if spec == "fashion-mnist" {
            directory = fashionMNISTDirectory
        } else if spec.hasPrefix("idx:") {
            directory = String(spec.dropFirst(4))
        } else {
            throw DataError("--dataset \(spec): this build's temporary loader knows fashion-mnist, idx:DIR, text:PATH and fortunes")
        }
        guard (0..<1).contains(validationFraction) else {
            throw DataError("--validation-fraction must be in [0, 1), got \(validationFraction)")
        }
        let (trainImages, shape) = try images(directory, "train-images-idx3-ubyte")
        let trainLabels = try labels(directory, "train-labels-idx1-ubyte")
        let (testImages, testShape) = try images(directory, "t10k-images-idx3-ubyte")
        let testLabels = try labels(directory, "t10k-labels-idx1-ubyte")
        let classes = Int((trainLabels + testLabels).max() ?? 0) + 1
        let full = Dataset(name: "\(spec)/train", features: Tensor(shape: [trainLabels.count] + shape, scalars: trainImages),
                           labels: trainLabels, classCount: classes)
        let test = Dataset(name: "\(spec)/test", features: Tensor(shape: [testLabels.count] + testShape, scalars: testImages),
                           labels: testLabels, classCount: classes)
        var order = Array(0..<full.count)
        var rng = SeededGenerator(seed: seed)
        rng.shuffle(&order)
        let held = Int((Double(full.count) * validationFraction).rounded())
        return DataSplits(train: full.subset(order[held...].sorted(), name: "\(spec)/train"),
                          validation: full.subset(order[..<held].sorted(), name: "\(spec)/validation"), test: test)
    }

    private static func read(_ directory: String, _ stem: String) throws -> [UInt8] {
        for path in ["\(directory)/\(stem).gz", "\(directory)/\(stem)"] where FileManager.default.fileExists(atPath: path) {
            guard let file = gzopen(path, "rb") else { throw DataError("\(path): cannot open") }
            defer { gzclose(file) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
                guard n >= 0 else { throw DataError("\(path): corrupt gzip data") }
                if n == 0 { break }
                bytes.append(contentsOf: buffer[0..<Int(n)])
            }
            return bytes
        }
        throw DataError("\(directory): no \(stem) or \(stem).gz")
    }

    private static func header(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    private static func images(_ directory: String, _ stem: String) throws -> ([Float], [Int]) {
        let bytes = try read(directory, stem)
        guard bytes.count >= 16, header(bytes, 0) == 0x803 else { throw DataError("\(directory)/\(stem): not an IDX image file") }
        let (count, height, width) = (header(bytes, 4), header(bytes, 8), header(bytes, 12))
        guard bytes.count == 16 + count * height * width else { throw DataError("\(directory)/\(stem): truncated") }
        return (bytes[16...].map { Float($0) / 255 }, [1, height, width])
    }

    private static func labels(_ directory: String, _ stem: String) throws -> [Int32] {
        let bytes = try read(directory, stem)
        guard bytes.count >= 8, header(bytes, 0) == 0x801, bytes.count == 8 + header(bytes, 4) else {
            throw DataError("\(directory)/\(stem): not an IDX label file")
        }
        return bytes[8...].map { Int32($0) }
    }
}
