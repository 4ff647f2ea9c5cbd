import Foundation
import Testing
@testable import ActivationLab

@Suite struct TrainingConfigurationTests {
    /// Stores and checkpoints written before `normalization` existed still load, with the dataset's default.
    @Test func configurationWithoutNormalizationDecodesToTheDefault() throws {
        var encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(TrainingConfiguration())) as! [String: Any]
        encoded.removeValue(forKey: "normalization")
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self,
                                               from: JSONSerialization.data(withJSONObject: encoded))
        #expect(decoded.normalization == nil)
        #expect(decoded == TrainingConfiguration())
    }

    @Test func normalizationRoundTrips() throws {
        var c = TrainingConfiguration()
        c.normalization = .center
        let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: JSONEncoder().encode(c))
        #expect(decoded.normalization == .center)
    }
}
