import Foundation
import Testing
@testable import ActivationLab

@Suite struct ReproduceCommandTests {
    @Test func unknownPaperAndBadOptionsAreOneLineErrorsThatTouchNothing() throws {
        let directory = TemporaryDirectory()
        let paper = try ActlabProcess.run(["reproduce", "hinton", "--quick"], in: directory.url)
        #expect(paper.status != 0)
        #expect(paper.standardError.contains("unknown paper 'hinton'; use one of oland, vatanen, su, xu, williams or all"))
        let seeds = try ActlabProcess.run(["reproduce", "xu", "--seeds", "0"], in: directory.url)
        #expect(seeds.status != 0)
        #expect(seeds.standardError.contains("--seeds must be at least 1"))
        let data = try ActlabProcess.run(["reproduce", "xu", "--quick", "--dataset", "idx:/nonexistent"], in: directory.url)
        #expect(data.status != 0)
        #expect(data.standardError.contains("/nonexistent"))
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        #expect(left.isEmpty, "files left behind: \(left)")
    }
}
