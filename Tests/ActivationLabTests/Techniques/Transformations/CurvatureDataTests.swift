import Foundation
import Testing
@testable import ActivationLab

@Suite struct CurvatureDataTests {
    @Test func syntheticIsTheSeededTeacherProblem() throws {
        let data = try CurvatureData.synthetic(features: 6, classes: 3).load(samples: 40, seed: 5, selection: .leading)
        let expected = SyntheticTeacherDataset.make(samples: 40, features: 6, classes: 3, seed: 5)
        #expect(data.features == expected.features && data.labels == expected.labels && data.classCount == 3)
    }

    /// `.leading`, as `actlab analyze-curvature` prepared its data before this type existed: the first images
    /// of the training file, pooled 4×4, whatever the seed.
    @Test func leadingPoolsTheFirstImages() throws {
        let data = try CurvatureData.pooled(dataset: "sample").load(samples: 30, seed: 2, selection: .leading)
        let train = try DatasetSource.sample.load(validationFraction: 0, seed: 2).train
        let pooled = AvgPool2D(kernelSize: 4, stride: 4).forward(train.features.rows(0..<30), mode: .evaluation)
        #expect(data.features == pooled.reshaped([30, 49]))
        #expect(data.labels == Array(train.labels[0..<30]) && data.classCount == 10)
        #expect(data.name == "sample 7×7")
        let otherSeed = try CurvatureData.pooled(dataset: "sample").load(samples: 30, seed: 9, selection: .leading)
        #expect(otherSeed.features == data.features)
        let all = try CurvatureData.pooled(dataset: "sample").load(samples: 5000, seed: 2, selection: .leading)
        #expect(all.count == 2000)
    }

    /// `.seeded`, as the Vatanen reproduction prepared its data: a `trainLimit` draw of the training file, pooled.
    @Test func seededPoolsATrainLimitDraw() throws {
        let data = try CurvatureData.pooled(dataset: "sample").load(samples: 30, seed: 2, selection: .seeded)
        let train = try DatasetSource.sample.load(validationFraction: 0, seed: 2, trainLimit: 30).train
        let pooled = AvgPool2D(kernelSize: 4, stride: 4).forward(train.features, mode: .evaluation)
        #expect(data.features == pooled.reshaped([30, 49]) && data.labels == train.labels)
        let otherSeed = try CurvatureData.pooled(dataset: "sample").load(samples: 30, seed: 3, selection: .seeded)
        #expect(otherSeed.labels != data.labels || otherSeed.features != data.features)
    }

    @Test func dataThatIsNotImagesCannotBePooled() throws {
        let directory = TemporaryDirectory()
        let rows = (0..<10).map { "\($0),\($0 * 2),\($0 % 2)" }.joined(separator: "\n")
        let file = try directory.write("table.csv", text: "a,b,label\n" + rows + "\n")
        #expect(throws: CurvatureError("curvature data 'pooled' needs images whose sides are multiples of 4; use 'synthetic'")) {
            try CurvatureData.pooled(dataset: "csv:" + file).load(samples: 5, seed: 1)
        }
    }

    /// The reproduction's scale names its data by a string; both names map onto this type.
    @Test func theVatanenReproductionPreparesItsDataHere() {
        var scale = ReproductionScale.quick(dataset: "sample")
        #expect(VatanenReproduction.curvatureData(scale) == .synthetic(features: 10, classes: 3))
        scale.curvatureData = "pooled"
        #expect(VatanenReproduction.curvatureData(scale) == .pooled(dataset: "sample"))
    }
}
