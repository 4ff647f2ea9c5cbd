import Testing
@testable import ActivationLab

/// Loss names from other frameworks select a head; unknown heads suggest the nearest one.
@Suite struct HeadAliasTests {
    @Test(arguments: [
        ("cross-entropy", "softmax-ce"), ("ce", "softmax-ce"), ("CE", "softmax-ce"),
        ("crossentropy", "softmax-ce"), ("mse", "linear-mse"), ("MSE", "linear-mse"), ("Linear-MSE", "linear-mse"),
    ])
    func aliasBuildsTheHead(_ alias: String, _ name: String) throws {
        #expect(try HeadCatalog.head(named: alias).name == name)
        #expect(HeadCatalog.canonicalName(alias) == name)
        #expect(HeadCatalog.aliases(of: name).contains(alias.lowercased()) || alias.lowercased() == name)
    }

    @Test func aliasesNameHeadsThatExistAndAreNotHeadNames() {
        for (alias, name) in HeadCatalog.aliases {
            #expect(HeadCatalog.names.contains(name))
            #expect(!HeadCatalog.names.contains(alias))
        }
    }

    @Test(arguments: [
        ("softmax", "softmax-ce"), ("softmax-cee", "softmax-ce"), ("linear-exp-scale", "linear-exp-scaled"),
        ("linear-pow", "linear-pow3"), ("sigmoid-mes", "sigmoid-mse"), ("cros-entropy", "softmax-ce"),
    ])
    func unknownHeadSuggestsTheNearest(_ typed: String, _ suggestion: String) {
        #expect {
            _ = try HeadCatalog.head(named: typed)
        } throws: { error in
            "\(error)".hasPrefix("unknown head '\(typed)' (did you mean '\(suggestion)'?); known: ")
        }
    }

    @Test func configurationStoresTheCanonicalHead() throws {
        var configuration = TrainingConfiguration()
        try TrainingOption.named("head")!.set("ce", in: &configuration)
        #expect(configuration.head == "softmax-ce")
    }
}
