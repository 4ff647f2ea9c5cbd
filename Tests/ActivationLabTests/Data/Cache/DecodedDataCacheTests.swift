import Foundation
import Testing
@testable import ActivationLab

/// The decoded-data cache gives exactly what decoding gives (same splits for a seed), decodes once per
/// process, survives to a new process through its disk file, and never trusts a damaged or stale file.
@Suite struct DecodedDataCacheTests {
    let directory = TemporaryDirectory()

    /// A copy of the bundled sample as an `idx:` source, and an environment caching every size in `cache`.
    func fixture() throws -> (source: DatasetSource, environment: [String: String]) {
        let sample = try DatasetSource.sampleDirectory()
        let copy = directory.path("idx")
        try FileManager.default.copyItem(atPath: sample, toPath: copy)
        let environment = ["ACTLAB_CACHE_DIR": directory.path("cache"), "ACTLAB_DATA_CACHE_MIN_BYTES": "0", "HOME": "/nonexistent"]
        return (.idx(directory: copy, classCount: 10), environment)
    }

    func cacheFiles(_ environment: [String: String]) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: environment["ACTLAB_CACHE_DIR"]!)) ?? []).sorted()
    }

    static func expectIdentical(_ a: Dataset, _ b: Dataset) {
        #expect(a.name == b.name && a.classCount == b.classCount && a.classNames == b.classNames && a.warnings == b.warnings)
        #expect(a.features.shape == b.features.shape && a.labels == b.labels)
        #expect(a.features.scalars.map(\.bitPattern) == b.features.scalars.map(\.bitPattern))
    }

    @Test func decodesOnceThenAnswersFromMemoryWithTheSameSplits() throws {
        let (source, environment) = try fixture()
        let cache = DecodedDataCache(byteBudget: 1 << 30)
        let decoded = try source.decodeTrainTest(environment: environment)
        var decodeCalls = 0
        let decode = { () throws -> DecodedDataCache.TrainTest in decodeCalls += 1; return try source.decodeTrainTest(environment: environment) }
        for _ in 0..<3 {
            let data = try cache.trainTest(for: source, environment: environment, decode: decode)
            Self.expectIdentical(data.train, decoded.train)
            Self.expectIdentical(data.test, decoded.test)
        }
        #expect(decodeCalls == 1 && cache.decodes == 1 && cache.hits == 2)
        // Through the shared cache: a seed's splits are those of a fresh decode, bit for bit.
        for seed: UInt64 in [1, 7] {
            let cached = try source.load(validationFraction: 0.2, seed: seed, environment: environment)
            let fresh = try DataSplits(train: decoded.train, test: decoded.test, validationFraction: 0.2, seed: seed)
                .normalized(source.defaultNormalization)
            Self.expectIdentical(cached.train, fresh.train)
            Self.expectIdentical(cached.validation, fresh.validation)
            Self.expectIdentical(cached.test, fresh.test)
        }
    }

    @Test func aNewProcessReadsTheDiskFileBitForBit() throws {
        let (source, environment) = try fixture()
        let decoded = try source.decodeTrainTest(environment: environment)
        _ = try DecodedDataCache(byteBudget: 1 << 30).trainTest(for: source, environment: environment) { decoded }
        let files = cacheFiles(environment)
        #expect(files.count == 1 && files[0].hasSuffix(".actlab-data"), "\(files)")
        // A second cache stands for a new process: it must not decode.
        let fresh = DecodedDataCache(byteBudget: 1 << 30)
        let data = try fresh.trainTest(for: source, environment: environment) {
            Issue.record("decoded although the disk cache holds the data")
            return decoded
        }
        #expect(fresh.diskHits == 1 && fresh.decodes == 0)
        Self.expectIdentical(data.train, decoded.train)
        Self.expectIdentical(data.test, decoded.test)
        // Images are stored as bytes: about a quarter of their Float32 size.
        let size = try #require(try FileManager.default.attributesOfItem(atPath: environment["ACTLAB_CACHE_DIR"]! + "/" + files[0])[.size] as? Int)
        let floatBytes = [decoded.train, decoded.test].reduce(0) { $0 + $1.count * $1.featureWidth * 4 }
        #expect(size < floatBytes / 2)
        // and held as bytes in memory too.
        #expect(DecodedDataCache.bytes(of: data) < floatBytes / 2)
    }

    @Test func floatFeaturesAndWarningsRoundTrip() throws {
        var rows = "a,b,label\n"
        for i in 0..<40 { rows += "\(Double(i) * 0.37 - 3.1),\(1.0 / Double(i + 3)),\(i % 2 == 0 ? "cat" : "dog")\n" }
        let file = try directory.write("data.csv", text: rows)
        let source = try DatasetSource(spec: "csv:\(file)")
        let environment = ["ACTLAB_CACHE_DIR": directory.path("cache"), "ACTLAB_DATA_CACHE_MIN_BYTES": "0"]
        let decoded = try source.decodeTrainTest(environment: environment)
        _ = try DecodedDataCache(byteBudget: 1 << 30).trainTest(for: source, environment: environment) { decoded }
        let key = try #require(DataSourceKey(source: source, environment: environment))
        let location = try #require(DataCacheLocation(environment: environment))
        let stored = try #require(DataCacheFile.read(location.file(for: key), key: key))
        Self.expectIdentical(stored.train, decoded.train)
        Self.expectIdentical(stored.test, decoded.test)
    }

    /// Every kind of damage is detected: the data is decoded again and the file replaced by a good one.
    @Test(arguments: ["truncated", "flipped payload byte", "flipped header byte", "garbage", "empty", "padded"])
    func aDamagedFileIsRebuiltNeverTrusted(damage: String) throws {
        let (source, environment) = try fixture()
        let decoded = try source.decodeTrainTest(environment: environment)
        _ = try DecodedDataCache(byteBudget: 1 << 30).trainTest(for: source, environment: environment) { decoded }
        let key = try #require(DataSourceKey(source: source, environment: environment))
        let path = try #require(DataCacheLocation(environment: environment)).file(for: key)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        switch damage {
        case "truncated": bytes.removeLast(bytes.count / 3)
        case "flipped payload byte": bytes[bytes.count - 5000] ^= 0x10
        case "flipped header byte": bytes[40] ^= 0x01
        case "garbage": bytes = (0..<bytes.count).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        case "empty": bytes = []
        default: bytes += [0, 0, 0, 0]
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(DataCacheFile.read(path, key: key) == nil)
        let cache = DecodedDataCache(byteBudget: 1 << 30)
        let data = try cache.trainTest(for: source, environment: environment) { try source.decodeTrainTest(environment: environment) }
        #expect(cache.decodes == 1 && cache.diskHits == 0)
        Self.expectIdentical(data.train, decoded.train)
        #expect(DataCacheFile.read(path, key: key) != nil, "the damaged file was not replaced")
    }

    @Test func aChangedSourceFileIsDecodedAgainAndTheStaleFileRemoved() throws {
        let (source, environment) = try fixture()
        let cache = DecodedDataCache(byteBudget: 1 << 30)
        _ = try cache.trainTest(for: source, environment: environment) { try source.decodeTrainTest(environment: environment) }
        let before = cacheFiles(environment)
        guard case .idx(let folder, _) = source else { return }
        let labels = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix("t10k-labels") })
        let later = Date().addingTimeInterval(-3600)
        try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: folder + "/" + labels)
        _ = try cache.trainTest(for: source, environment: environment) { try source.decodeTrainTest(environment: environment) }
        #expect(cache.decodes == 2 && cache.hits == 0)
        let after = cacheFiles(environment)
        #expect(after.count == 1 && after != before, "before \(before), after \(after)")
    }

    @Test func theDiskCacheCanBeTurnedOffAndSmallDataIsNotWritten() throws {
        let (source, environment) = try fixture()
        for (variable, value) in [("ACTLAB_DATA_CACHE", "off"), ("ACTLAB_DATA_CACHE_MIN_BYTES", "\(1 << 30)")] {
            var modified = environment
            modified[variable] = value
            _ = try DecodedDataCache(byteBudget: 1 << 30).trainTest(for: source, environment: modified) {
                try source.decodeTrainTest(environment: modified)
            }
            #expect(cacheFiles(modified).isEmpty, "\(variable)=\(value)")
        }
        #expect(DataCacheLocation(environment: ["XDG_CACHE_HOME": "/x"])?.directory == "/x/actlab")
        #expect(DataCacheLocation(environment: ["HOME": "/h"])?.directory == "/h/.cache/actlab")
        #expect(DataCacheLocation(environment: ["HOME": "/h", "ACTLAB_DATA_CACHE": "0"]) == nil)
    }

    @Test func theMemoryCacheKeepsWithinItsBudget() throws {
        let (source, environment) = try fixture()
        var offline = environment
        offline["ACTLAB_DATA_CACHE"] = "off"
        let small = DecodedDataCache(byteBudget: 1024)
        for _ in 0..<2 { _ = try small.trainTest(for: source, environment: offline) { try source.decodeTrainTest(environment: offline) } }
        #expect(small.decodes == 2 && small.hits == 0)
    }

    @Test func concurrentWritersLeaveOneWholeFile() throws {
        let (source, environment) = try fixture()
        let decoded = try source.decodeTrainTest(environment: environment)
        let key = try #require(DataSourceKey(source: source, environment: environment))
        let location = try #require(DataCacheLocation(environment: environment))
        DispatchQueue.concurrentPerform(iterations: 6) { _ in try? DataCacheFile.write(decoded, key: key, to: location) }
        #expect(cacheFiles(environment).count == 1, "\(cacheFiles(environment))")
        #expect(DataCacheFile.read(location.file(for: key), key: key) != nil)
    }
}
