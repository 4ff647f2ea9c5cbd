import Foundation

/// How big a reproduction is: data, seeds, epochs and widths. `quick` fits in about 3 minutes per paper on
/// 2 cores, `full` in about 30; tests build smaller ones by hand.
///
/// Everything here is scaled down from the papers (which used GPUs, wider networks and hundreds of epochs);
/// each document says by how much in its setup section.
public struct ReproductionScale: Codable, Sendable, Equatable {
    /// `quick`, `full` or a custom label.
    public var mode: String
    /// Any `--dataset` spec (`fashion-mnist`, `sample`, `cifar10:DIR`, …).
    public var dataset: String
    public var seeds: Int
    /// Training samples of the MLP runs (nil: all).
    public var trainLimit: Int?
    /// Epoch budget of the MLP runs.
    public var epochs: Int
    /// Hidden width of the two-hidden-layer MLPs.
    public var hidden: Int
    /// Xu's deep plain network: `deepLayers` hidden layers of `deepHidden` units.
    public var deepHidden: Int
    public var deepLayers: Int
    /// Whether the CNN comparisons run (LeNet-style for Oland and Xu, the residual CNN for Su).
    public var includeCNN: Bool
    public var cnnTrainLimit: Int?
    public var cnnEpochs: Int
    /// Su's residual CNN is about 25× slower per image than the LeNet-style CNN here (about 50 images/s on 2 busy
    /// cores), so it gets its own budget.
    public var residualTrainLimit: Int?
    public var residualEpochs: Int
    /// Williams: text corpus for the language model (nil skips it), its vocabulary, entries and epochs.
    public var textCorpus: String?
    public var lmVocabulary: Int
    public var lmEntryLimit: Int?
    public var lmEpochs: Int
    /// Vatanen: seeds, hidden widths, samples and SGD steps of the curvature analysis; `curvatureData` is
    /// `synthetic` (a 10-feature, 3-class random teacher) or `pooled` (the dataset average-pooled to 7×7).
    public var curvatureSeeds: Int
    public var curvatureHidden: [Int]
    public var curvatureSamples: Int
    public var curvatureSteps: Int
    public var curvatureData: String
    /// Tuning trials per variant (the same for every variant of a comparison); nil: 8.
    public var tuneBudget: Int?
    public var tuningTrials: Int { tuneBudget ?? 8 }

    public init(mode: String, dataset: String, seeds: Int, trainLimit: Int?, epochs: Int, hidden: Int,
                deepHidden: Int, deepLayers: Int = 6, includeCNN: Bool, cnnTrainLimit: Int?, cnnEpochs: Int,
                residualTrainLimit: Int?, residualEpochs: Int, textCorpus: String?, lmVocabulary: Int, lmEntryLimit: Int?, lmEpochs: Int,
                curvatureSeeds: Int, curvatureHidden: [Int], curvatureSamples: Int, curvatureSteps: Int,
                curvatureData: String, tuneBudget: Int? = nil) {
        self.mode = mode
        self.dataset = dataset
        self.seeds = seeds
        self.trainLimit = trainLimit
        self.epochs = epochs
        self.hidden = hidden
        self.deepHidden = deepHidden
        self.deepLayers = deepLayers
        self.includeCNN = includeCNN
        self.cnnTrainLimit = cnnTrainLimit
        self.cnnEpochs = cnnEpochs
        self.residualTrainLimit = residualTrainLimit
        self.residualEpochs = residualEpochs
        self.textCorpus = textCorpus
        self.lmVocabulary = lmVocabulary
        self.lmEntryLimit = lmEntryLimit
        self.lmEpochs = lmEpochs
        self.curvatureSeeds = curvatureSeeds
        self.curvatureHidden = curvatureHidden
        self.curvatureSamples = curvatureSamples
        self.curvatureSteps = curvatureSteps
        self.curvatureData = curvatureData
        self.tuneBudget = tuneBudget
    }

    /// A smoke test of a few minutes per paper on 2 cores: 3 seeds, 3 tuning trials, 10,000 training
    /// images for the MLPs, 2,000 for the LeNet-style CNN and 800 for the residual CNN, few epochs, narrow networks.
    public static func quick(dataset: String) -> ReproductionScale {
        ReproductionScale(mode: "quick", dataset: dataset, seeds: 3, trainLimit: 10000, epochs: 4, hidden: 64,
                          deepHidden: 64, includeCNN: true, cnnTrainLimit: 2000, cnnEpochs: 2,
                          residualTrainLimit: 800, residualEpochs: 2, textCorpus: TextCorpus.fortunesDirectory, lmVocabulary: 1000, lmEntryLimit: 3000,
                          lmEpochs: 2, curvatureSeeds: 3, curvatureHidden: [16, 16], curvatureSamples: 300,
                          curvatureSteps: 100, curvatureData: "synthetic", tuneBudget: 3)
    }

    /// 4–17 minutes per paper on 2 quiet cores with `reproduce --jobs 2`: 10 seeds and 5 tuning trials per variant (each on two
    /// tuning seeds), 30,000 images for the MLPs, 8,000 for the LeNet-style CNN and 1,500 for the residual CNN.
    public static func full(dataset: String) -> ReproductionScale {
        ReproductionScale(mode: "full", dataset: dataset, seeds: 10, trainLimit: 30000, epochs: 8, hidden: 128,
                          deepHidden: 128, includeCNN: true, cnnTrainLimit: 8000, cnnEpochs: 4,
                          residualTrainLimit: 1500, residualEpochs: 2, textCorpus: TextCorpus.fortunesDirectory, lmVocabulary: 2000, lmEntryLimit: nil,
                          lmEpochs: 5, curvatureSeeds: 10, curvatureHidden: [20, 20], curvatureSamples: 500,
                          curvatureSteps: 200, curvatureData: "synthetic", tuneBudget: 5)
    }

    /// The seeds 1…N.
    public var seedList: [UInt64] { (1...UInt64(max(seeds, 1))).map { $0 } }

    /// "all 54,000" or "6,000 of them" style description of a training limit.
    static func samples(_ limit: Int?) -> String {
        limit.map { "at most \($0) training images" } ?? "the whole training split"
    }
}
