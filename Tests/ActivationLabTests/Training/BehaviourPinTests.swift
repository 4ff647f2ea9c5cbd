import Testing
@testable import ActivationLab

/// Pins the exact result of short runs across the techniques, so a refactoring that claims to keep
/// behaviour can prove it: same seed, same configuration → the same weights and metrics, bit for bit.
/// A deliberate change of numerics re-records these values (print `fingerprint` and read the diff).
/// Re-recorded for issue 14's kernels (Dense products in halves, the direct convolutions, lane-wise
/// BatchNorm sums). With `ACTLAB_KERNELS=reference` (OpenBLAS's own threads for Dense, im2col + GEMM for
/// every convolution) the earlier values are expected, and reproduced bit for bit: OpenBLAS rounds a product
/// on two threads differently from one on a single thread, which each half is.
@Suite struct BehaviourPinTests {
    /// FNV-1a over the bit patterns of every parameter and every epoch's losses and accuracies.
    /// - Parameter evaluateEvery: the validation evaluation interval (nil: the default one).
    static func fingerprint(_ spec: String, model: String = "mlp:784-24-16-10",
                            compute: ComputeContext = .current, evaluateEvery: Int? = nil) throws -> UInt64 {
        var base = TrainingConfiguration()
        base.dataset = "sample"
        base.model = model
        base.epochs = 2
        base.trainLimit = 300
        base.batchSize = 50
        base.seed = 7
        base.evaluateEvery = evaluateEvery
        let configuration = try VariantSpec(spec, base: base).configuration
        let splits = try DatasetSource(spec: "sample").load(validationFraction: configuration.validationFraction,
                                                            seed: configuration.seed, trainLimit: configuration.trainLimit,
                                                            normalization: configuration.normalization)
        let session = try TrainingSession(configuration: configuration, sampleShape: splits.train.sampleShape,
                                          classCount: splits.train.classCount, compute: compute)
        try session.prepare(with: splits.train)
        let result = session.run(on: splits)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bits: UInt64) { hash = (hash ^ bits) &* 0x0000_0100_0000_01b3 }
        for parameter in session.model.parameters { for value in parameter.value.scalars { mix(UInt64(value.bitPattern)) } }
        for epoch in result.epochs {
            mix(epoch.trainLoss.bitPattern); mix(epoch.validationLoss.bitPattern); mix(epoch.validationAccuracy.bitPattern)
        }
        return hash
    }

    static var pinned: [(spec: String, model: String, fingerprint: UInt64)] { [
        ("relu", "mlp:784-24-16-10", byKernels(16669506382514494038, reference: 2061348006789009298)),
        // Diverges in epoch 2: was NaN at step 6, is caught by `DivergenceRule` at step 2 (validation loss 2.4e4).
        ("tanh+transform=abg+lr=0.2+momentum=0.5", "mlp:784-24-16-10", 5980670751741425905),
        ("tanh+transform=ab+gamma-type=2", "mlp:784-24-16-10", 2463949658809268348),
        ("gelu+hdfgd+adversarial", "mlp:784-24-16-10", 6063938834608852238),
        ("softplus+adversarial+adversarial-reading=reflect", "mlp:784-24-16-10",
         byKernels(14001724380128263495, reference: 1276406606089211232)),
        ("penalized-tanh+head=linear-exp+lr=0.01+schedule=warmup:5:cosine", "mlp:784-24-16-10",
         byKernels(12589373151818282099, reference: 18201967711303888991)),
        ("scaled-sigmoid+init=explicit+optimizer=adamw+lr=0.001", "mlp:784-10",
         byKernels(16657669233621140145, reference: 8540136680939869459)),
        ("leaky-relu:0.2+optimizer=adam+lr=0.002+weight-decay=0.001", "cnn:lenet", lenetPin),
    ] }

    /// `current`, or `reference` when the reference kernels run.
    static func byKernels(_ current: UInt64, reference: UInt64) -> UInt64 {
        KernelChoice.current == .reference ? reference : current
    }

    /// Both LeNet convolutions take the direct path (session 7), whose C kernels round differently in their
    /// AVX2 + FMA build and their baseline build (`ACTLAB_KERNELS=baseline`, or a CPU without AVX2); before
    /// them, the pin was 3933315874412035039, and before its 128→10 layer's products split (session 9, a half
    /// can take another of OpenBLAS's small-matrix kernels than the whole) 4823884829395956859 (baseline
    /// 6489376696651792963).
    static var lenetPin: UInt64 {
        byKernels(KernelChoice.current == .baseline || !DirectConvolution.usesAVX2 ? 10595965595937717030 : 6329795539727691479,
                  reference: 10320658046566822156)
    }

    @Test(arguments: 0..<pinned.count)
    func shortRunIsBitIdenticalToThePinnedResult(index: Int) throws {
        let pin = Self.pinned[index]
        let value = try Self.fingerprint(pin.spec, model: pin.model)
        #expect(value == pin.fingerprint, "\(pin.spec) on \(pin.model): fingerprint \(value)")
    }

    /// Validation evaluations after every step leave training bit-identical: evaluation-mode passes touch
    /// no state training reads (BatchNorm statistics, dropout streams, transformations, diagnostics).
    @Test(arguments: 0..<pinned.count)
    func evaluatingEveryStepLeavesThePinnedResult(index: Int) throws {
        let pin = Self.pinned[index]
        let value = try Self.fingerprint(pin.spec, model: pin.model, evaluateEvery: 1)
        #expect(value == pin.fingerprint, "\(pin.spec) on \(pin.model) evaluated every step: fingerprint \(value)")
    }
}
