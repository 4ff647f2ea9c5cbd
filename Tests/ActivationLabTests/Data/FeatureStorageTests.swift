import Testing
@testable import ActivationLab

/// Byte-stored images and dataset views give exactly the Floats a copy would, and a split copies no pixels.
struct FeatureStorageTests {
    /// A `[n, 1, 3, 7]` byte-stored dataset (21 values per row: not a multiple of the 16-lane conversion).
    static func byteImages(_ n: Int, classes: Int = 3) -> Dataset {
        let shape = [n, 1, 3, 7]
        let buffer = ByteBuffer(count: shape.reduce(1, *)) { bytes in
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 37 &+ i / 5) }
        }
        return Dataset(name: "bytes/train", storage: .unitBytes(UnitBytes(shape: shape, buffer: buffer)),
                       labels: (0..<n).map { Int32($0 % classes) }, classCount: classes)
    }

    /// The same values stored as Floats, computed by the scalar rule decoders use.
    static func floatCopy(of dataset: Dataset) -> Dataset {
        guard case .unitBytes(let bytes) = dataset.storage else { return dataset }
        let scalars = (0..<bytes.buffer.count).map { Float(bytes.buffer.pointer[$0]) / 255 }
        return Dataset(name: dataset.name, features: Tensor(shape: bytes.shape, scalars: scalars), labels: dataset.labels,
                       classCount: dataset.classCount)
    }

    static func bits(_ t: Tensor) -> [UInt32] { t.scalars.map(\.bitPattern) }

    /// Both builds of the conversion (the AVX2 one multiplies and corrects with FMA instead of dividing).
    @Test(arguments: [KernelChoice.fast, .baseline])
    func everyByteBecomesTheDecodersFloat(kernels: KernelChoice) {
        let buffer = ByteBuffer(count: 256 + 19) { for i in $0.indices { $0[i] = UInt8(i % 256) } }
        let tensor = kernels.run { FeatureStorage.unitBytes(UnitBytes(shape: [1, 275], buffer: buffer)).tensor }
        #expect(Self.bits(tensor) == (0..<275).map { (Float($0 % 256) / 255).bitPattern })
    }

    /// Batches large enough to be converted on both cores hold the same rows as a copy, on 1 and 2 threads.
    @Test func largeBatchesMatchACopyOnAnyThreadCount() {
        let width = 785  // odd: the vector loop's tail runs on every row
        let buffer = ByteBuffer(count: 300 * width) { for i in $0.indices { $0[i] = UInt8(truncatingIfNeeded: i &* 131 &+ i >> 9) } }
        let bytes = FeatureStorage.unitBytes(UnitBytes(shape: [300, width], buffer: buffer))
        let picked = (0..<128).map { ($0 * 97 + 13) % 300 }
        let expected = picked.flatMap { row in (0..<width).map { (Float(buffer.pointer[row * width + $0]) / 255).bitPattern } }
        for threads in [1, 2] {
            let batch = ComputeContext(threads: threads).run { bytes.gatherRows(picked) }
            #expect(batch.shape == [128, width])
            #expect(Self.bits(batch) == expected, "threads \(threads)")
        }
        #expect(bytes.gatherRows([Int]()).shape == [0, width])
        let empty = FeatureStorage.unitBytes(UnitBytes(shape: [3, 0], buffer: ByteBuffer(count: 0) { _ in }))
        #expect(empty.gatherRows([2, 0]).shape == [2, 0])
    }

    @Test func viewsReadTheRowsACopyWouldHold() {
        let images = Self.byteImages(40)
        let floats = Self.floatCopy(of: images)
        let picked = [39, 3, 3, 17, 0, 22, 8]
        let view = images.subset(picked).subset([6, 0, 2, 1])  // a view of a view
        let copy = floats.subset(picked).subset([6, 0, 2, 1])
        #expect(view.count == 4 && view.sampleShape == [1, 3, 7] && view.featureWidth == 21)
        #expect(view.labels == copy.labels)
        #expect(Self.bits(view.features) == Self.bits(copy.features))
        #expect(Self.bits(view.rows(1..<3)) == Self.bits(copy.rows(1..<3)))
        #expect(Self.bits(view.gatherRows([3, 3, 0])) == Self.bits(copy.gatherRows([3, 3, 0])))
        #expect(Self.bits(images.rows(5..<9)) == Self.bits(floats.features.rows(5..<9)))
    }

    @Test func settingFeaturesOfAViewReplacesItsStorage() {
        var view = Self.byteImages(10).subset([4, 2])
        view.features = Tensor(shape: [2, 1, 3, 7], scalars: (0..<42).map(Float.init))
        #expect(view.isWhole && !view.isKnownUnitRange)
        #expect(view.rows(1..<2).scalars == (21..<42).map(Float.init))
    }

    @Test func splittingByteImagesSharesTheirBytesAndMatchesFloatData() throws {
        let images = Self.byteImages(200), test = Self.byteImages(30)
        guard case .unitBytes(let parent) = images.storage else { Issue.record("not byte-stored"); return }
        for method in Normalization.allCases {
            let fromBytes = try DataSplits(train: images, test: test, validationFraction: 0.2, seed: 5, trainLimit: 120)
                .normalized(method)
            let fromFloats = try DataSplits(train: Self.floatCopy(of: images), test: Self.floatCopy(of: test),
                                            validationFraction: 0.2, seed: 5, trainLimit: 120).normalized(method)
            for (a, b) in [(fromBytes.train, fromFloats.train), (fromBytes.validation, fromFloats.validation),
                           (fromBytes.test, fromFloats.test)] {
                #expect(a.labels == b.labels, "\(method)")
                #expect(Self.bits(a.features) == Self.bits(b.features), "\(method)")
            }
            if method == .unitRange || method == .none {
                // Nothing was copied: the splits read the parent's bytes.
                guard case .unitBytes(let shared) = fromBytes.train.storage else { Issue.record("copied"); continue }
                #expect(shared.buffer === parent.buffer && !fromBytes.train.isWhole)
            }
        }
    }
}
