import Foundation
import Testing
@testable import ActivationLab

@Suite("DatasetSource")
struct DatasetSourceTests {
    let directory = TemporaryDirectory()

    @Test func parsesEverySpecForm() throws {
        #expect(try DatasetSource(spec: "fashion-mnist") == .fashionMNIST)
        #expect(try DatasetSource(spec: "sample") == .sample)
        #expect(try DatasetSource(spec: "idx:/d/mnist") == .idx(directory: "/d/mnist", classCount: 10))
        #expect(try DatasetSource(spec: "idx:/d/letters:classes=26") == .idx(directory: "/d/letters", classCount: 26))
        #expect(try DatasetSource(spec: "cifar10:/d/c") == .cifar10(directory: "/d/c"))
        #expect(try DatasetSource(spec: "cifar100:/d/c:x") == .cifar100(directory: "/d/c:x"))
        #expect(try DatasetSource(spec: "csv:iris.csv") == .csv(train: "iris.csv", test: nil, options: CSVOptions()))
        #expect(try DatasetSource(spec: "csv:a.csv:test=b.csv:label=species:header=yes")
                == .csv(train: "a.csv", test: "b.csv", options: CSVOptions(labelColumn: .name("species"), hasHeader: true)))
        #expect(try DatasetSource(spec: "csv:a.csv:label=-1:header=no")
                == .csv(train: "a.csv", test: nil, options: CSVOptions(labelColumn: .index(-1), hasHeader: false)))
    }

    @Test(arguments: ["mnist", "", "idx:", "parquet:x", "csv:a.csv:header=maybe", "idx:d:classes=1", "csv:a:test=x:test=y"])
    func badSpecsAreErrors(spec: String) throws {
        let error = try #require(throws: DataError.self) { try DatasetSource(spec: spec) }
        #expect(!error.description.isEmpty && !error.description.contains("\n"))
    }

    @Test func unknownSpecListsTheValidForms() throws {
        let error = try #require(throws: DataError.self) { try DatasetSource(spec: "mnist") }
        for form in ["fashion-mnist", "sample", "idx:DIR", "cifar10:DIR", "cifar100:DIR", "csv:FILE"] {
            #expect(error.description.contains(form))
        }
    }

    @Test func bundledSampleHas2000And500Images() throws {
        let (train, test) = try DatasetSource.sample.loadTrainTest()
        #expect(train.count == 2000 && test.count == 500)
        #expect(train.sampleShape == [1, 28, 28] && test.sampleShape == [1, 28, 28])
        #expect(train.labels.allSatisfy { (0..<10).contains($0) } && test.labels.allSatisfy { (0..<10).contains($0) })
        #expect(Set(train.labels).count == 10)
        #expect(train.features.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(train.classNames?.first == "T-shirt/top")
        let splits = try DatasetSource.sample.load(validationFraction: 0.1, seed: 1)
        #expect(splits.train.count == 1800 && splits.validation.count == 200 && splits.test.count == 500)
        // unit-range (the image default) leaves pixels as read: non-negative.
        #expect(splits.train.features.scalars.allSatisfy { $0 >= 0 })
        let licence = try String(contentsOfFile: DatasetSource.sampleDirectory() + "/LICENSE.txt", encoding: .utf8)
        #expect(licence.contains("Copyright (c) 2017 Zalando SE"))
    }

    func writeIDX(_ folder: String, train: Int, test: Int) throws {
        try directory.write("\(folder)/train-images-idx3-ubyte.gz", DataFile.gzip(IDXFixture.images(n: train)))
        try directory.write("\(folder)/train-labels-idx1-ubyte.gz", DataFile.gzip(IDXFixture.labels((0..<train).map { UInt8($0 % 10) })))
        try directory.write("\(folder)/t10k-images-idx3-ubyte", IDXFixture.images(n: test))
        try directory.write("\(folder)/t10k-labels-idx1-ubyte", IDXFixture.labels((0..<test).map { UInt8($0 % 10) }))
    }

    @Test func fashionMNISTPrefersActlabDataAndNeverFallsBackSilently() throws {
        try writeIDX("root/fashion-mnist", train: 20, test: 4)
        let environment = ["ACTLAB_DATA": directory.path("root")]
        let (train, test) = try DatasetSource.fashionMNIST.loadTrainTest(environment: environment)
        #expect(train.count == 20 && test.count == 4 && train.name == "fashion-mnist/train")

        // An incomplete $ACTLAB_DATA/fashion-mnist is an error, not a reason to look elsewhere.
        try directory.write("broken/fashion-mnist/train-images-idx3-ubyte", IDXFixture.images(n: 2))
        let error = try #require(throws: DataError.self) {
            try DatasetSource.fashionMNIST.loadTrainTest(environment: ["ACTLAB_DATA": directory.path("broken")])
        }
        #expect(error.description.contains("broken/fashion-mnist") && error.description.contains("t10k-labels-idx1-ubyte"))

        // Nowhere to be found: the error says how to install it or use the sample.
        let missing = try #require(throws: DataError.self) {
            try DatasetSource.fashionMNISTDirectory(candidates: [directory.path("nope/fashion-mnist")], dataRootIsSet: false)
        }
        #expect(missing.description.contains("apt-get install dataset-fashion-mnist"))
        #expect(missing.description.contains("sample") && missing.description.contains("ACTLAB_DATA is not set"))
    }

    @Test func csvWithoutTestFileHoldsOutAFixedFifth() throws {
        let rows = (0..<50).map { "\($0),\($0 * 2),\($0 % 2 == 0 ? "even" : "odd")" }.joined(separator: "\n")
        let path = try directory.write("parity.csv", text: "n,m,kind\n" + rows)
        let source = try DatasetSource(spec: "csv:\(path)")
        let a = try source.load(validationFraction: 0.1, seed: 1, normalization: Normalization.none)
        let b = try source.load(validationFraction: 0.1, seed: 2, normalization: Normalization.none)
        #expect(a.test.count == 10 && a.train.count + a.validation.count == 40)
        #expect(a.test.features == b.test.features)  // the test rows do not depend on the seed
        #expect(a.train.classNames == ["even", "odd"] && a.test.name == "parity/test")
        // Standardisation is the CSV default: training features get mean 0.
        let standardized = try source.load(seed: 1)
        let column0 = (0..<standardized.train.count).map { standardized.train.features[$0, 0] }
        #expect(abs(column0.reduce(0, +) / Float(column0.count)) < 1e-5)
    }

    @Test func discoverListsFashionMNISTSampleAndDataRootContents() throws {
        try writeIDX("data/fashion-mnist", train: 12, test: 3)
        try writeIDX("data/mnist", train: 7, test: 2)
        try directory.write("data/iris.csv", text: "1,2,a\n3,4,b\n")
        try directory.write("data/cifar/cifar-10-batches-bin/data_batch_1.bin", Array(repeating: 0, count: 3073 * 2))
        for b in 2...5 { try directory.write("data/cifar/cifar-10-batches-bin/data_batch_\(b).bin", Array(repeating: 0, count: 3073)) }
        try directory.write("data/cifar/cifar-10-batches-bin/test_batch.bin", Array(repeating: 0, count: 3073))
        let found = DatasetSource.discover(environment: ["ACTLAB_DATA": directory.path("data")])
        let fashion = try #require(found.first { $0.spec == "fashion-mnist" })
        #expect(fashion.installed && fashion.trainCount == 12 && fashion.testCount == 3)
        let sample = try #require(found.first { $0.spec == "sample" })
        #expect(sample.installed && sample.trainCount == 2000 && sample.testCount == 500)
        let mnist = try #require(found.first { $0.spec == "idx:" + directory.path("data/mnist") })
        #expect(mnist.trainCount == 7 && mnist.testCount == 2)
        #expect(found.contains { $0.spec == "csv:" + directory.path("data/iris.csv") })
        let cifar = try #require(found.first { $0.spec == "cifar10:" + directory.path("data/cifar") })
        #expect(cifar.trainCount == 6 && cifar.testCount == 1)
        #expect(!found.contains { $0.spec.hasPrefix("idx:") && $0.spec.hasSuffix("fashion-mnist") })
    }

    /// Discovery only stats: named pipes named like data files, or in place of folders, never block it.
    @Test func discoverSkipsNamedPipesWithoutBlocking() throws {
        try writeIDX("pipes/mnist", train: 7, test: 2)
        _ = try HostileFiles.makeFIFO(directory.path("pipes/fifo.csv"))
        _ = try HostileFiles.makeFIFO(directory.path("pipes/fashion-mnist"))
        try directory.write("pipes/half/train-images-idx3-ubyte", IDXFixture.images(n: 3))
        _ = try HostileFiles.makeFIFO(directory.path("pipes/half/train-labels-idx1-ubyte"))
        try directory.write("pipes/half/t10k-images-idx3-ubyte", IDXFixture.images(n: 2))
        try directory.write("pipes/half/t10k-labels-idx1-ubyte", IDXFixture.labels([4, 5]))
        for b in 1...5 { _ = try HostileFiles.makeFIFO(directory.path("pipes/cifar/data_batch_\(b).bin")) }
        _ = try HostileFiles.makeFIFO(directory.path("pipes/cifar/test_batch.bin"))
        let root = directory.path("pipes")
        let result = HostileFiles.within { DatasetSource.discover(environment: ["ACTLAB_DATA": root]) }
        let found = try #require(try result?.get())
        #expect(found.contains { $0.spec == "idx:" + directory.path("pipes/mnist") })
        #expect(!found.contains { $0.spec.hasSuffix("fifo.csv") || $0.spec.hasSuffix("half") })
        let fashion = try #require(found.first { $0.spec == "fashion-mnist" })
        #expect(!fashion.installed && (fashion.note ?? "").contains("is not a directory but a named pipe"))
        // CIFAR files that are pipes are listed without counts (sizes come from stat, never by opening).
        let cifar = found.first { $0.spec.hasPrefix("cifar10:") }
        #expect(cifar == nil || cifar?.trainCount == nil)
    }
}
