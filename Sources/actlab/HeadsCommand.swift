import ArgumentParser
import ActivationLab

/// `actlab heads`: the output heads, their δ and loss, and which are interpretations.
struct HeadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heads",
        abstract: "List the output heads: output activation, injected error δ, loss, source.",
        discussion: """
        Heads marked [interpretation] implement a reading of Oland et al. (2017) whose exact formula could not
        be confirmed; linear-exp ("softmax's gradient without its normalisation") is the default reading.
        Options for every head: --target-scale s, --negative-others (linear heads), --exponent-clamp.
        """
    )

    func run() {
        print(HeadCatalog.helpText)
        let aliases = HeadCatalog.names.filter { !HeadCatalog.aliases(of: $0).isEmpty }
            .map { "\(HeadCatalog.aliases(of: $0).joined(separator: ", ")) → \($0)" }
        print("\nAliases (names also match ignoring case): \(aliases.joined(separator: "; ")).")
    }
}
