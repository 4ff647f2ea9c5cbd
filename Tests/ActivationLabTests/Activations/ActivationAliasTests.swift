import Testing
@testable import ActivationLab

/// Other frameworks' names select the catalog entry; unknown names suggest the nearest one.
@Suite struct ActivationAliasTests {
    @Test(arguments: [
        ("swish", "silu"), ("Swish", "silu"), ("logistic", "sigmoid"), ("linear", "identity"),
        ("leaky_relu", "leaky-relu"), ("leakyrelu", "leaky-relu"), ("LeakyReLU", "leaky-relu"),
        ("ReLU", "relu"), ("Tanh", "tanh"), ("GELU", "gelu"), ("SiLU", "silu"), ("ELU", "elu"),
        ("penalized_tanh", "penalized-tanh"), ("scaled_sigmoid", "scaled-sigmoid"),
    ])
    func aliasResolvesToTheCatalogEntry(_ alias: String, _ name: String) throws {
        #expect(ActivationCatalog.entry(named: alias)?.name == name)
        let built = try ActivationCatalog.activation(named: alias)
        let reference = try ActivationCatalog.activation(named: name)
        #expect(type(of: built) == type(of: reference))
        #expect(built.value(0.7) == reference.value(0.7))
        #expect(ActivationCatalog.canonicalSpec(alias) == name)
    }

    @Test func aliasesKeepParametersAndPartners() throws {
        #expect((try ActivationCatalog.activation(named: "leaky_relu:0.2") as? LeakyReLU)?.slope == 0.2)
        #expect(ActivationCatalog.canonicalSpec("LeakyReLU:0.2") == "leaky-relu:0.2")
        #expect(ActivationCatalog.canonicalSpec("adversarial(swish)") == "adversarial(silu)")
        #expect(ActivationCatalog.canonicalSpec("reflect(GELU)") == "reflect(gelu)")
        #expect(ActivationCatalog.canonicalSpec("nope") == "nope")
        #expect(try ActivationCatalog.activation(named: "adversarial(swish)") is AdversarialPartner)
    }

    @Test func everyAliasIsUniqueAndNoAliasIsACatalogName() {
        let names = ActivationCatalog.entries.map(\.name)
        let aliases = ActivationCatalog.entries.flatMap(\.aliases)
        #expect(Set(aliases).count == aliases.count)
        #expect(Set(aliases).isDisjoint(with: names))
        #expect(aliases.allSatisfy { $0 == $0.lowercased() })
    }

    @Test(arguments: [
        ("swish2", "silu"), ("relux", "relu"), ("gelus", "gelu"), ("penalised-tanh", "penalized-tanh"),
        ("sigmod", "sigmoid"), ("leaky-rlu", "leaky-relu"), ("Swishh", "silu"),
    ])
    func unknownNameSuggestsTheNearest(_ typed: String, _ suggestion: String) {
        #expect {
            _ = try ActivationCatalog.activation(named: typed)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("unknown activation '\(typed)' (did you mean '\(suggestion)'?); known: ")
        }
    }

    @Test func farOffNameGetsNoSuggestion() {
        #expect {
            _ = try ActivationCatalog.activation(named: "xq")
        } throws: { error in
            "\(error)".hasPrefix("unknown activation 'xq'; known: ")
        }
    }

    @Test func summaryListsTheAliases() throws {
        let silu = try #require(ActivationSummary.catalog.first { $0.name == "silu" })
        #expect(silu.aliases == ["swish"])
    }
}
