import ActivationLab

/// IDX (plain and gzip) and CIFAR-10 binary files: truncation at every header boundary and at sampled body
/// offsets, header bit flips, size fields at 0/1/max, decompression bombs, single-class data.
enum ImageFuzzCases {
    static let idxHeader = ["train-images-idx3-ubyte": 16, "train-labels-idx1-ubyte": 8]
    /// The 4-byte size fields of each file: counts, rows, columns.
    static let idxSizeFields = ["train-images-idx3-ubyte": [4, 8, 12], "train-labels-idx1-ubyte": [4]]

    static func idx(_ what: String, _ file: String, _ entry: FuzzCase.Entry, expect: FuzzCase.Expectation,
                    payload: Int = 0) -> FuzzCase {
        var fuzzCase = FuzzCase("idx", "\(file): \(what)", entries: FuzzFixtures.idxFolder(replacing: file, with: entry),
                                arguments: FuzzFixtures.train(FuzzFixtures.idxSpec), expect: expect, mentions: [file])
        fuzzCase.payloadBytes = payload
        return fuzzCase
    }

    /// Every header bit matters (magic, type, sizes that must match the file), except that bit 16 turns type
    /// 0x08 (unsigned byte) into 0x09 (signed byte), which has the same size.
    static func headerFlipExpectation(_ bit: Int) -> FuzzCase.Expectation { bit == 16 ? .either : .refused }

    static func idxClean(_ file: String) -> [UInt8] {
        file.contains("images") ? FuzzFixtures.idxImages(count: FuzzFixtures.idxTrain, seed: 1) : FuzzFixtures.idxLabels(count: FuzzFixtures.idxTrain)
    }

    static func idxSystematic() -> [FuzzCase] {
        var cases: [FuzzCase] = []
        for (file, header) in idxHeader.sorted(by: { $0.key < $1.key }) {
            let clean = idxClean(file)
            let path = "data/" + file
            for length in 0...header { cases.append(idx("truncated at header byte \(length)", file, .file(path, FuzzMutations.truncated(clean, at: length)), expect: .refused)) }
            // One bit of every header byte (all of them in a soak, where the random rounds flip header bits too).
            var rng = FuzzSettings.generator("idx-header-\(file)")
            for byte in 0..<header {
                let bit = byte * 8 + Int.random(in: 0..<8, using: &rng)
                cases.append(idx("header bit \(bit) flipped", file, .file(path, FuzzMutations.flipped(clean, bit: bit)), expect: headerFlipExpectation(bit)))
            }
            for offset in idxSizeFields[file]! {
                for value in FuzzMutations.sizeValues {
                    cases.append(idx("size field at \(offset) = \(value)", file, .file(path, FuzzMutations.field(clean, at: offset, value)), expect: .refused))
                }
            }
            cases.append(idx("one trailing byte", file, .file(path, clean + [0]), expect: .refused))
            cases.append(idx("gzipped", file, .file(path + ".gz", FuzzFixtures.gzip(clean)), expect: .accepted))
            let gz = FuzzFixtures.gzip(clean)
            cases.append(idx("gzip truncated to half", file, .file(path + ".gz", FuzzMutations.truncated(gz, at: gz.count / 2)), expect: .refused))
            cases.append(idx("gzip trailer (CRC) flipped", file, .file(path + ".gz", FuzzMutations.flipped(gz, bit: (gz.count - 6) * 8)), expect: .refused))
            // 512 MB of zeros behind a header that promises a few KB: inflating it all would exceed the memory bound.
            cases.append(idx("decompression bomb", file, .file(path + ".gz", FuzzFixtures.gzip(clean) + FuzzFixtures.zeroBomb(megabytes: 512)),
                             expect: .refused, payload: clean.count))
        }
        let oneClass = FuzzFixtures.bigEndian(0x0801) + FuzzFixtures.bigEndian(UInt32(FuzzFixtures.idxTrain)) + [UInt8](repeating: 0, count: FuzzFixtures.idxTrain)
        cases.append(idx("a single class", "train-labels-idx1-ubyte", .file("data/train-labels-idx1-ubyte", oneClass), expect: .refused))
        var clean = FuzzCase("idx", "clean folder", entries: FuzzFixtures.idxFolder(), arguments: FuzzFixtures.train(FuzzFixtures.idxSpec),
                             expect: .accepted, mentions: [])
        clean.acceptedOutputMustContain = FuzzFixtures.summaryLine(clean.arguments, entries: clean.entries)
        for index in cases.indices where cases[index].name.hasSuffix("gzipped") {
            cases[index].acceptedOutputMustContain = clean.acceptedOutputMustContain
        }
        return [clean] + cases
    }

    /// Body truncations (refused) and body bit flips (pixels and labels change: either outcome, cleanly).
    static func idxRandom(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        (0..<count).map { index in
            let file = index % 2 == 0 ? "train-images-idx3-ubyte" : "train-labels-idx1-ubyte"
            let clean = idxClean(file), header = idxHeader[file]!
            if Bool.random(using: &rng) {
                let length = Int.random(in: (header + 1)..<clean.count, using: &rng)
                return idx("truncated at body byte \(length)", file, .file("data/" + file, FuzzMutations.truncated(clean, at: length)), expect: .refused)
            }
            if Int.random(in: 0..<4, using: &rng) == 0 {
                let bit = Int.random(in: 0..<(header * 8), using: &rng)
                return idx("header bit \(bit) flipped", file, .file("data/" + file, FuzzMutations.flipped(clean, bit: bit)), expect: headerFlipExpectation(bit))
            }
            let bit = Int.random(in: (header * 8)..<(clean.count * 8), using: &rng)
            return idx("body bit \(bit) flipped", file, .file("data/" + file, FuzzMutations.flipped(clean, bit: bit)), expect: .either)
        }
    }

    static func cifar(_ what: String, _ file: String, _ entry: FuzzCase.Entry, expect: FuzzCase.Expectation, payload: Int = 0) -> FuzzCase {
        var fuzzCase = FuzzCase("cifar", "\(file): \(what)", entries: FuzzFixtures.cifarFolder(replacing: file, with: entry),
                                arguments: FuzzFixtures.train("cifar10:data"), expect: expect, mentions: [file])
        fuzzCase.payloadBytes = payload
        return fuzzCase
    }

    static func cifarSystematic() -> [FuzzCase] {
        let file = "data_batch_1.bin", path = "data/data_batch_1.bin"
        let clean = FuzzFixtures.cifarBatch(seed: 0), record = FuzzFixtures.cifarRecord
        var cases: [FuzzCase] = [cifar("empty", file, .file(path, []), expect: .refused)]
        for length in [1, record - 1, record + 1, 2 * record - 1, 2 * record + 1, clean.count - 1] {
            cases.append(cifar("truncated at byte \(length)", file, .file(path, FuzzMutations.truncated(clean, at: length)), expect: .refused))
        }
        // Whole records only: fewer images, still valid.
        cases.append(cifar("truncated to one record", file, .file(path, FuzzMutations.truncated(clean, at: record)), expect: .accepted))
        for label: UInt8 in [10, 127, 255] {
            var bytes = clean
            bytes[record] = label
            cases.append(cifar("label \(label) in record 1", file, .file(path, bytes), expect: .refused))
        }
        cases.append(cifar("one trailing byte", file, .file(path, clean + [0]), expect: .refused))
        cases.append(cifar("gzipped", file, .file(path + ".gz", FuzzFixtures.gzip(clean)), expect: .accepted))
        cases.append(cifar("decompression bomb", file, .file(path + ".gz", FuzzFixtures.gzip(clean) + FuzzFixtures.zeroBomb(megabytes: 512)),
                           expect: .refused, payload: clean.count))
        // Every record of every file labelled 0.
        let oneClass = FuzzFixtures.cifarFiles.map { name -> FuzzCase.Entry in
            var bytes = FuzzFixtures.cifarBatch(seed: 1)
            for r in 0..<4 { bytes[r * record] = 0 }
            return .file("data/" + name, bytes)
        }
        cases.append(FuzzCase("cifar", "a single class", entries: oneClass, arguments: FuzzFixtures.train("cifar10:data"),
                              expect: .refused, mentions: ["cifar", "class", "data"]))
        cases.append(FuzzCase("cifar", "clean folder", entries: FuzzFixtures.cifarFolder(), arguments: FuzzFixtures.train("cifar10:data"),
                              expect: .accepted, mentions: []))
        return cases
    }

    static func cifarRandom(count: Int, using rng: inout SeededGenerator) -> [FuzzCase] {
        let clean = FuzzFixtures.cifarBatch(seed: 0)
        return (0..<count).map { _ in
            let file = FuzzFixtures.cifarFiles.randomElement(using: &rng)!
            let bit = Int.random(in: 0..<(clean.count * 8), using: &rng)
            // A flipped label bit may leave 0..<10 or not; a flipped pixel is still an image.
            return cifar("bit \(bit) flipped", file, .file("data/" + file, FuzzMutations.flipped(FuzzFixtures.cifarBatch(seed: UInt64(FuzzFixtures.cifarFiles.firstIndex(of: file)!)), bit: bit)),
                         expect: .either)
        }
    }
}
