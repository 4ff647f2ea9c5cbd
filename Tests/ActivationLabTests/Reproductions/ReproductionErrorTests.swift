import Testing
import ActivationLab

/// The library names the runner's `resume` setting by key; the CLI tells it as `--resume`.
struct ReproductionErrorTests {
    @Test func interruptionNamesResumeByKeyOrFlag() {
        #expect(ReproductionError.interrupted.description == "interrupted: finished runs are stored; rerun with resume")
        #expect(ReproductionError.interrupted.message(naming: CommandLineOptions.flag)
                == "interrupted: finished runs are stored; rerun with --resume")
        #expect(ReproductionError.failed("no data").description == "no data")
    }
}
