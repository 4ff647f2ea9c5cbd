import Foundation

/// The five papers ActivationLab reproduces (sections of `docs/techniques.md`).
public enum PaperID: String, CaseIterable, Codable, Sendable {
    case oland, vatanen, su, xu, williams

    /// The reproduction of this paper.
    public var reproduction: any Reproduction {
        switch self {
        case .oland: OlandReproduction()
        case .vatanen: VatanenReproduction()
        case .su: SuReproduction()
        case .xu: XuReproduction()
        case .williams: WilliamsReproduction()
        }
    }
}
