import ActivationLab
import ArgumentParser
import Foundation

/// `actlab activations`: the activation catalog as a table or JSON.
struct ActivationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "List the activation functions, their value and slope at 0, and their adversarial partners.",
        discussion: """
        Value and slope at 0 are computed from each activation (Xu et al. 2016: Xavier initialisation \
        assumes f(0) = 0 and f'(0) = 1). Names take a parameter as name:value, e.g. leaky-relu:0.25. \
        Names match ignoring case (PyTorch's LeakyReLU, SiLU, GELU work), and the aliases listed \
        (swish, logistic, linear, leaky_relu, …) select the same activation.

        Adversarial partners are OUR INTERPRETATION of Su, Zhu & Li (2024); the paper's formulas could \
        not be obtained. Default reading 'flip': g(x) = (M+m)·x − f(x) + f(0), g' = (M+m) − f', with \
        [m, M] the range of f'; name it adversarial(f). Reading 'reflect': g(x) = −f(−x), named \
        reflect(f); it equals flip for the ReLU family, GELU and SiLU, is flip − log 2 for softplus, \
        and is f itself for odd functions such as tanh, so useless there.

        Examples:
          actlab activations
          actlab activations --json
        """
    )

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    func run() throws {
        let summaries = ActivationSummary.catalog
        if json {
            return try Terminal.printJSON(summaries, pretty: true, escapeSlashes: false)
        }
        let header = ["name", "formula", "f(0)", "f'(0)", "f' range", "adversarial partner (interpretation)",
                      "reflect −f(−x)", "source"]
        let rows = summaries.map { s -> [String] in
            let name = s.parameter.map { "\(s.name) (\($0))" } ?? s.name
            let partner = s.partnerFormula ?? s.partnerName
            return [name, s.formula, ActivationSummary.format(s.valueAtZero), ActivationSummary.format(s.slopeAtZero),
                    "[\(ActivationSummary.format(s.derivativeMinimum)), \(ActivationSummary.format(s.derivativeMaximum))]",
                    partner, s.reflectDescription, s.source]
        }
        print(Self.table(header: header, rows: rows))
        let aliases = summaries.filter { !$0.aliases.isEmpty }
            .map { "\($0.aliases.joined(separator: ", ")) → \($0.name)" }
        print("\nAliases (names also match ignoring case): \(aliases.joined(separator: "; ")).")
        print("Partners: Su et al. 2024, our interpretation (see `actlab activations --help`).")
    }

    /// Left-aligned columns separated by two spaces.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }
        return ([line(header), line(rule)] + rows.map(line)).joined(separator: "\n")
    }
}
