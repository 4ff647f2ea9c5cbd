import Testing
@testable import ActivationLab

/// A `[n, 2]` dataset whose sample i has features (i, -i) and label i % classes.
func numberedDataset(_ n: Int, classes: Int = 3, name: String = "numbers/train") -> Dataset {
    Dataset(name: name, features: Tensor(shape: [n, 2], scalars: (0..<n).flatMap { [Float($0), -Float($0)] }),
            labels: (0..<n).map { Int32($0 % classes) }, classCount: classes)
}

@Suite("ValidationSplit")
struct ValidationSplitTests {
    let train = numberedDataset(100)
    let test = numberedDataset(10, name: "numbers/test")

    func ids(_ d: Dataset) -> [Int] { (0..<d.count).map { Int(d.features[$0, 0]) } }

    @Test func splitIsSeededDisjointAndComplete() throws {
        let a = try DataSplits(train: train, test: test, validationFraction: 0.2, seed: 7)
        let b = try DataSplits(train: train, test: test, validationFraction: 0.2, seed: 7)
        let c = try DataSplits(train: train, test: test, validationFraction: 0.2, seed: 8)
        #expect(a.validation.count == 20 && a.train.count == 80 && a.test.count == 10)
        #expect(ids(a.validation) == ids(b.validation) && ids(a.train) == ids(b.train))
        #expect(ids(a.validation) != ids(c.validation))
        #expect(Set(ids(a.train)).isDisjoint(with: ids(a.validation)))
        #expect(Set(ids(a.train) + ids(a.validation)) == Set(0..<100))
        #expect(ids(a.train) == ids(a.train).sorted())  // file order kept
        // Labels travel with their samples.
        for i in 0..<a.train.count { #expect(Int(a.train.labels[i]) == ids(a.train)[i] % 3) }
        #expect(a.validation.name == "numbers/validation" && a.train.name == "numbers/train")
    }

    @Test func trainLimitKeepsValidationAndNestsTrainingSets() throws {
        let full = try DataSplits(train: train, test: test, validationFraction: 0.1, seed: 3)
        let small = try DataSplits(train: train, test: test, validationFraction: 0.1, seed: 3, trainLimit: 20)
        let smaller = try DataSplits(train: train, test: test, validationFraction: 0.1, seed: 3, trainLimit: 5)
        #expect(small.train.count == 20 && smaller.train.count == 5)
        #expect(ids(small.validation) == ids(full.validation))
        #expect(Set(ids(smaller.train)).isSubset(of: ids(small.train)))
        let over = try DataSplits(train: train, test: test, validationFraction: 0.1, seed: 3, trainLimit: 1000)
        #expect(over.train.count == 90)
    }

    @Test func zeroFractionAndBadArguments() throws {
        let none = try DataSplits(train: train, test: test, validationFraction: 0)
        #expect(none.validation.count == 0 && none.train.count == 100)
        #expect(none.validation.features.shape == [0, 2])
        #expect(throws: DataError.self) { try DataSplits(train: train, test: test, validationFraction: 1) }
        #expect(throws: DataError.self) { try DataSplits(train: train, test: test, validationFraction: -0.1) }
        #expect(throws: DataError.self) { try DataSplits(train: train, test: test, trainLimit: 0) }
    }
}

@Suite("ValidationSplit refusals")
struct ValidationSplitRefusalTests {
    @Test func aPositiveFractionThatHoldsOutNothingIsRefused() throws {
        let train = numberedDataset(40), test = numberedDataset(5, name: "numbers/test")
        let error = try #require(throws: ConfigurationError.self) {
            try DataSplits(train: train, test: test, validationFraction: 0.01)
        }
        let message = error.message { "--" + $0 }
        #expect(message.contains("--validation-fraction 0.01 holds out 0 of the 40 training samples"), "\(message)")
        #expect(message.contains("Use at least 0.013"), "\(message)")
        // The suggested fraction works; 0 (no validation, as benchmarks ask) stays allowed.
        #expect(try DataSplits(train: train, test: test, validationFraction: 0.013).validation.count == 1)
        #expect(try DataSplits(train: train, test: test, validationFraction: 0).validation.count == 0)
    }

    @Test func aSingleClassTrainingSplitIsRefused() throws {
        let train = numberedDataset(100, classes: 2), test = numberedDataset(5, name: "numbers/test")
        // A limit of one sample leaves one class whatever the seed.
        // The limit is what to change, so the error names the option.
        let error = try #require(throws: ConfigurationError.self) {
            try DataSplits(train: train, test: test, validationFraction: 0.1, trainLimit: 1)
        }
        let message = error.message { "--" + $0 }
        #expect(message.contains("--train-limit 1 leaves 1 training sample") && message.contains("at least two classes"), "\(message)")
        #expect(message.contains("Raise --train-limit"))
        // A training file of one class is the data's fault, limit or not.
        let single = numberedDataset(100, classes: 1)
        #expect(throws: DataError.self) { try DataSplits(train: single, test: test, validationFraction: 0.1, trainLimit: 10) }
        #expect(try DataSplits(train: train, test: test, validationFraction: 0.1, trainLimit: 10).train.count == 10)
    }
}

@Suite("Normalization")
struct NormalizationTests {
    @Test func standardizeUsesTrainingStatisticsForAllSplits() throws {
        let train = Dataset(name: "t", features: Tensor(shape: [4, 2], scalars: [1, 5, 3, 5, 5, 5, 7, 5]),
                            labels: [0, 1, 0, 1], classCount: 2)
        let other = Dataset(name: "o", features: Tensor(shape: [1, 2], scalars: [4, 6]), labels: [0], classCount: 2)
        let splits = DataSplits(train: train, validation: other, test: other).normalized(.standardize)
        // Feature 0: mean 4, population std sqrt(5); feature 1 is constant and becomes 0.
        let s = Float(5).squareRoot()
        let expected: [Float] = [-3 / s, 0, -1 / s, 0, 1 / s, 0, 3 / s, 0]
        for (x, e) in zip(splits.train.features.scalars, expected) { #expect(abs(x - e) < 1e-6) }
        #expect(abs(splits.validation.features.scalars[0]) < 1e-6)  // (4 - 4) / std
        #expect(abs(splits.test.features.scalars[1] - 1) < 1e-6)      // (6 - 5) * 1
    }

    @Test func centerSubtractsTheTrainingMeanAndKeepsTheScale() throws {
        let train = Dataset(name: "t", features: Tensor(shape: [2, 2], scalars: [1, 0.5, 3, 0.5]), labels: [0, 1], classCount: 2)
        let other = Dataset(name: "o", features: Tensor(shape: [1, 2], scalars: [4, 1]), labels: [0], classCount: 2)
        let splits = DataSplits(train: train, validation: other, test: other).normalized(.center)
        #expect(splits.train.features.scalars == [-1, 0, 1, 0])
        #expect(splits.test.features.scalars == [2, 0.5])
    }

    @Test func unitRangeLeavesPixelsAloneAndRescalesOtherData() throws {
        let pixels = Dataset(name: "p", features: Tensor(shape: [2, 1, 1, 2], scalars: [0, 0.5, 1, 0.25]),
                             labels: [0, 1], classCount: 2)
        let same = DataSplits(train: pixels, validation: pixels, test: pixels).normalized(.unitRange)
        #expect(same.train.features == pixels.features)

        let raw = Dataset(name: "r", features: Tensor(shape: [3, 1], scalars: [10, 20, 30]), labels: [0, 1, 0], classCount: 2)
        let beyond = Dataset(name: "b", features: Tensor(shape: [2, 1], scalars: [40, 15]), labels: [0, 1], classCount: 2)
        let scaled = DataSplits(train: raw, validation: beyond, test: beyond).normalized(.unitRange)
        #expect(scaled.train.features.scalars == [0, 0.5, 1])
        #expect(scaled.test.features.scalars == [1, 0.25])  // 40 is clipped to 1: features stay in [0, 1]
        #expect(DataSplits(train: raw, validation: raw, test: raw).normalized(.none).train.features == raw.features)
    }

    /// Features at the ends of Float's range used to give ∞ − ∞ and ∞ · 0: NaN reported as divergence.
    @Test(arguments: [Normalization.unitRange, .standardize, .center])
    func extremeFeaturesStayFinite(method: Normalization) throws {
        let big = Float.greatestFiniteMagnitude
        let train = Dataset(name: "x", features: Tensor(shape: [4, 2], scalars: [-big, 1, big, 2, 3e38, .leastNonzeroMagnitude, -3e38, 0]),
                            labels: [0, 1, 0, 1], classCount: 2)
        let other = Dataset(name: "o", features: Tensor(shape: [1, 2], scalars: [big, -big]), labels: [0], classCount: 2)
        let splits = DataSplits(train: train, validation: other, test: other).normalized(method)
        for data in [splits.train, splits.validation, splits.test] {
            let scalars = data.features.scalars
            #expect(scalars.allSatisfy { $0.isFinite }, "\(method): \(scalars)")
        }
        if method == .unitRange {
            // The scale 1 / (2 · 3.4e38) is a subnormal Float: about six digits survive.
            #expect(splits.train.features.scalars[0] == 0 && abs(splits.train.features.scalars[2] - 1) < 1e-5)
        }
    }
}
