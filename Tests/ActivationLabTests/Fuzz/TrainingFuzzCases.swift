/// Valid inputs that train badly: a run whose loss explodes or turns non-finite must end as diverged
/// (exit 3, saying so), never as "finished" with exit 0.
enum TrainingFuzzCases {
    static func systematic() -> [FuzzCase] {
        let csv = FuzzCase.Entry.file("data.csv", FuzzFixtures.csv)
        let extremes = CSVFuzzCases.editing { $0[0] = "3e38"; $0[1] = "-3e38" }
        return [
            // Cross-entropy reaches ~1e26 by the second epoch at this rate: orders of magnitude above the first.
            FuzzCase("training", "--lr 1000 blows the loss up", entries: [csv],
                     arguments: FuzzFixtures.train("csv:data.csv", ["--lr", "1000", "--epochs", "2"]), expect: .refused, mentions: ["--lr"]),
            FuzzCase("training", "--lr 1e6 on a cubic head", entries: [csv],
                     arguments: FuzzFixtures.train("csv:data.csv", ["--lr", "1e6", "--head", "linear-pow3", "--epochs", "2"]), expect: .refused, mentions: ["--lr"]),
            // Features near Float32's limit: scaled cleanly, or refused naming the data; never NaN called divergence.
            FuzzCase("training", "--normalize unit-range on ±3e38 features", entries: [.file("data.csv", Array(extremes.utf8))],
                     arguments: FuzzFixtures.train("csv:data.csv", ["--normalize", "unit-range"]), expect: .either, mentions: ["data.csv", "--normalize"]),
        ]
    }
}
