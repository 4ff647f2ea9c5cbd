import Foundation
import Testing
@testable import ActivationLab

/// Signed inputs to the explicit solution are found before the unit-range scaling hides them, and told once.
@Suite struct SignedFeaturesTests {
    @Test func nonNegativeDataHasNoSignedFeatures() {
        #expect(SignedFeatures(ExplicitTestData.oneHot()) == nil)
        #expect(SignedFeatures(ExplicitTestData.multiHot()) == nil)
    }

    @Test func countsTheSignedFeaturesAndFindsTheLowestValue() throws {
        let x: [Float] = [0.5, -1, 2, 0,
                          0.1, 3, -0.25, 0,
                          0.7, -4, 1, 0]
        let dataset = Dataset(name: "mixed", features: Tensor(shape: [3, 4], scalars: x), labels: [0, 1, 0], classCount: 2)
        let signed = try #require(SignedFeatures(dataset))
        #expect(signed.signedCount == 2 && signed.featureCount == 4)
        #expect(signed.lowest == -4 && signed.lowestFeature == 1)
        #expect(signed.warning.hasPrefix("mixed: 2 of 4 features have negative values (lowest -4.0, feature 1)"))
        #expect(signed.warning.contains("rescaled to [0, 1]") && signed.warning.contains("sign is lost"))
    }

    /// End to end on a CSV file: the experiment reports the signed columns of the raw training split.
    @Test func theExperimentReportsSignedCSVColumns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("signed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rows = (0..<60).map { n in "\(Double(n % 3) - 1.5),\(Double(n) / 60),\(n % 3)" }
        let signedFile = directory.appendingPathComponent("signed.csv")
        try (["a,b,label"] + rows).joined(separator: "\n").write(to: signedFile, atomically: true, encoding: .utf8)
        let result = try ExplicitClassificationExperiment(dataset: "csv:\(signedFile.path)").run()
        let signed = try #require(result.signedFeatures)
        #expect(signed.signedCount == 1 && signed.lowest == -1.5 && signed.lowestFeature == 0)

        let positiveFile = directory.appendingPathComponent("positive.csv")
        let positive = (0..<60).map { n in "\(Double(n % 3) + 0.5),\(Double(n) / 60),\(n % 3)" }
        try (["a,b,label"] + positive).joined(separator: "\n").write(to: positiveFile, atomically: true, encoding: .utf8)
        #expect(try ExplicitClassificationExperiment(dataset: "csv:\(positiveFile.path)").run().signedFeatures == nil)
    }
}
