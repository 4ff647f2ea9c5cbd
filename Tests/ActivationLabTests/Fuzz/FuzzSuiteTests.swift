import Foundation
import Testing
import ActivationLab

/// The fuzz and fault suite (issue 12): hostile inputs for every reader and extreme values for every
/// option, each run as `actlab` in a child process. Every case must end within its time bound, under an
/// address-space limit derived from its input's size, with exit 1…127 and one error line naming the file
/// or option (or exit 0 where the input is valid), leaving stored files as they were.
///
/// CI runs the systematic cases and a fixed, seeded number of random ones per group; `scripts/fuzz.sh
/// --minutes N` soaks: random cases until the time is up (`ACTLAB_FUZZ_MINUTES`), failing inputs kept for
/// replay under `ACTLAB_FUZZ_FAILURES`. Each test prints a `FUZZ-ROW` count line; the script adds them up.
@Suite(.serialized) struct FuzzSuiteTests {
    typealias Random = (_ count: Int, _ rng: inout SeededGenerator) -> [FuzzCase]

    /// Runs a group: its systematic cases, then random ones (a fixed number, or rounds until the soak's share of time is up).
    func fuzz(_ group: String, systematic: () -> [FuzzCase], random: Random? = nil, ciRandomCount: Int = 0) {
        var results = FuzzRunner.run(systematic(), workers: FuzzSettings.workers)
        if let random {
            if let minutes = FuzzSettings.soakMinutes {
                let deadline = Date().addingTimeInterval(minutes * 60 / Double(Self.groupCount))
                var round = 0
                while Date() < deadline {
                    var rng = FuzzSettings.generator(group, round: round)
                    results += FuzzRunner.run(random(24, &rng), workers: FuzzSettings.workers)
                    round += 1
                }
            } else {
                var rng = FuzzSettings.generator(group)
                results += FuzzRunner.run(random(ciRandomCount, &rng), workers: FuzzSettings.workers)
            }
        }
        print(FuzzTable.row(group: group, results))
        let failures = FuzzTable.failures(results)
        failures.forEach { print($0) }
        #expect(failures.count == 0, "\(failures.count) of \(results.count) \(group) cases failed (listed above as FUZZ-FAIL; inputs kept in \(FuzzSettings.failuresFolder.path))")
    }

    static let groupCount = 9

    @Test func idxFiles() {
        fuzz("idx", systematic: ImageFuzzCases.idxSystematic, random: { ImageFuzzCases.idxRandom(count: $0, using: &$1) }, ciRandomCount: 40)
    }

    @Test func cifarFiles() {
        fuzz("cifar", systematic: ImageFuzzCases.cifarSystematic, random: { ImageFuzzCases.cifarRandom(count: $0, using: &$1) }, ciRandomCount: 12)
    }

    @Test func csvFiles() {
        fuzz("csv", systematic: CSVFuzzCases.systematic, random: { CSVFuzzCases.random(count: $0, using: &$1) }, ciRandomCount: 40)
    }

    @Test func checkpoints() {
        fuzz("checkpoint", systematic: StoredFuzzCases.checkpointSystematic,
             random: { StoredFuzzCases.checkpointRandom(count: $0, using: &$1) }, ciRandomCount: 30)
    }

    @Test func configFiles() {
        fuzz("config", systematic: StoredFuzzCases.configSystematic, random: { StoredFuzzCases.configRandom(count: $0, using: &$1) }, ciRandomCount: 24)
    }

    @Test func runStores() {
        fuzz("store", systematic: StoredFuzzCases.storeSystematic, random: { StoredFuzzCases.storeRandom(count: $0, using: &$1) }, ciRandomCount: 30)
    }

    @Test func optionValues() {
        fuzz("flags", systematic: FlagFuzzCases.systematic)
    }

    @Test func trainingBlowUps() {
        fuzz("training", systematic: TrainingFuzzCases.systematic)
    }

    @Test func nonRegularFiles() {
        fuzz("non-regular", systematic: NonRegularFuzzCases.systematic)
    }
}
