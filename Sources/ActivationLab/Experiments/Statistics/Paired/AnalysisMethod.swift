/// Which analysis produced a difference or a speed-up, so every report can say it.
///
/// - `paired`: the runs of the two variants share seeds (same split, data order and initialisation),
///   so the analysis works on per-seed differences `dᵢ = variantᵢ − baselineᵢ`. The seed-to-seed spread
///   that both variants share cancels, which is why this is the default.
/// - `unpaired`: the runs cannot be matched by seed (different seed sets, a missing run), so the two
///   groups are compared as independent samples (Welch). Kept only as the fallback.
public enum AnalysisMethod: String, Sendable, Equatable, CaseIterable {
    case paired
    case unpaired
}
