import Foundation
@testable import ActivationLab

/// Reference values written by `scripts/paired_stats_fixtures.py` (SciPy's ttest_rel, Welch's ttest_ind,
/// ecdf on censored data).
struct PairedFixtures: Decodable {
    struct PairedCase: Decodable { let variant, baseline: [Double]; let mean, sd, t, p, low, high: Double }
    struct UnpairedCase: Decodable { let variant, baseline: [Double]; let estimate, df, p, low, high: Double }
    /// Runs as [time, reached (0/1 or bool)].
    struct Run: Decodable {
        let time: Double
        let reached: Bool
        init(from decoder: Decoder) throws {
            var container = try decoder.unkeyedContainer()
            time = try container.decode(Double.self)
            reached = try container.decode(Bool.self)
        }
        var censoredTime: CensoredTime { reached ? .reached(time) : .censored(time) }
    }
    struct SpeedupCase: Decodable { let baseline, variant: [Run]; let tau, estimate, low, high, p: Double }
    struct KaplanMeierCase: Decodable { let runs: [Run]; let times, survival: [Double]; let median: Double? }

    let paired: [PairedCase]
    let unpaired: [UnpairedCase]
    let speedup: [SpeedupCase]
    let kaplan_meier: [KaplanMeierCase]

    static func load() throws -> PairedFixtures {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/paired_statistics.json")
        return try JSONDecoder().decode(PairedFixtures.self, from: Data(contentsOf: url))
    }
}

/// |a − b| ≤ max(relative · |b|, absolute).
func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-14) -> Bool {
    abs(a - b) <= max(relative * abs(b), absolute)
}
