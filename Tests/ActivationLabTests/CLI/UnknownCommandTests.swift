import Testing

/// A mistyped subcommand is one line naming the nearest command.
@Suite struct UnknownCommandTests {
    @Test(arguments: [("comapre", "compare"), ("trian", "train"), ("activation", "activations"), ("reprot", "report")])
    func mistypedCommandSuggestsTheNearest(_ typed: String, _ suggestion: String) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run([typed], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError == "actlab: '\(typed)': no such command. Did you mean '\(suggestion)'?\n")
    }

    @Test func farOffCommandListsTheCommands() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(["xyzzy", "--json"], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.hasPrefix("actlab: 'xyzzy': no such command. Commands: train, compare,"))
    }

    @Test func aliasesWorkOnTheCommandLine() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let output = try ActlabProcess.run(["train", "--dataset", "sampel"], in: directory.url)
        #expect(output.status != 0)
        #expect(output.standardError.contains("unknown dataset 'sampel' (did you mean 'sample'?)"))
    }
}
