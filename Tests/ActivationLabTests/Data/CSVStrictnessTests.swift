import Foundation
import Testing
@testable import ActivationLab

/// CSV input that a lenient reader would turn into garbage classes or misaligned columns is refused with
/// file, line and column; the encodings and quoting RFC 4180 allows are read.
@Suite("CSV strictness")
struct CSVStrictnessTests {
    let directory = TemporaryDirectory()

    func write(_ name: String, _ text: String) throws -> String { try directory.write(name, text: text) }

    func load(_ name: String, _ text: String, options: CSVOptions = CSVOptions(),
              matching reference: CSVReader.File? = nil) throws -> CSVReader.File {
        try CSVReader.load(at: write(name, text), options: options, matching: reference)
    }

    func expectError(_ name: String, _ text: String, options: CSVOptions = CSVOptions(),
                     matching reference: CSVReader.File? = nil, _ fragments: String...,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try write(name, text)
        let error = try #require(throws: DataError.self, sourceLocation: sourceLocation) {
            try CSVReader.load(at: path, options: options, matching: reference)
        }
        for fragment in [name] + fragments {
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    }

    // MARK: Labels

    @Test func emptyLabelNamesLineAndColumn() throws {
        try expectError("empty-label.csv", "a,b,y\n1,2,0\n3,4,\n5,6,1\n", "line 3", "column 3 (y)", "empty label", "Fill it in or drop the row")
        try expectError("quoted-empty.csv", "1,2,0\n3,4,\"\"\n5,6,1\n", "line 2", "column 3", "empty label")
    }

    @Test func binaryGarbageInALabelIsNotAClass() throws {
        let path = try directory.write("binary.csv", Array("x,label\n1,a\n2,b\n3,".utf8) + [0xFF, 0xFE] + Array("\n4,a\n".utf8))
        HostileFiles.expectError("binary.csv", "line 4", "column 2 (label)", "not text") { _ = try CSVReader.read(at: path) }
        try expectError("nul.csv", "x,label\n1,a\n2,b\u{0}\n", "line 3", "not text")
    }

    @Test(arguments: [("1.0", "1"), ("01", "1"), ("+1", "1"), ("1e0", "1"), ("-0", "0"), ("2.50", "2.5")])
    func oneNumberSpelledTwoWaysIsAnError(second: String, first: String) throws {
        let text = "x,label\n1,\(first)\n2,7.25\n3,\(second)\n4,\(first)\n"
        try expectError("spellings.csv", text, "line 4", "column 2 (label)", "'\(second)'", "'\(first)' on line 2", "Write every label the same way")
    }

    @Test func hugeIntegerLabelIsRefusedNotTurnedIntoAHugeModel() throws {
        let rows = (0..<30).map { "\($0),\($0 % 3)" } + ["99,2147483647"]
        try expectError("huge.csv", "x,label\n" + rows.joined(separator: "\n"), "line 32", "label 2147483647",
                        "2147483648 classes", "only 4 distinct labels", "number the classes 0..<4")
        try expectError("huger.csv", "x,label\n1,0\n2,1\n3,1e300\n", "line 4", "label 1e300", "more than 10^15 classes")
        // Through the dataset spec: the load fails before any model is suggested or built.
        let path = directory.path("huge.csv")
        HostileFiles.expectError("2147483648 classes") { _ = try DatasetSource(spec: "csv:\(path)").load() }
    }

    @Test func sparseButPlausibleClassIndicesAreKept() throws {
        // CIFAR-10's classes 0 and 9 only: 10 classes, 8 of them empty, within the bound.
        let data = try load("sparse.csv", "1,0\n2,9\n3,0\n4,9\n").dataset
        #expect(data.classCount == 10 && data.labels == [0, 9, 0, 9] && data.classNames == nil)
        try expectError("too-sparse.csv", "1,0\n2,1\n3,2\n4,25\n", "label 25", "26 classes")
    }

    @Test func fractionalLabelsAreNamedClassesInNumericOrder() throws {
        let data = try load("fractions.csv", "1,10.5\n2,2.25\n3,10.5\n4,-1.5\n").dataset
        #expect(data.classNames == ["-1.5", "2.25", "10.5"] && data.labels == [2, 1, 2, 0])
    }

    @Test func testLabelsMatchByValueWithoutMixingSpellings() throws {
        let train = try load("t.csv", "1,0.5\n2,1.5\n3,0.5\n")
        let test = try load("t-test.csv", "1,1.50\n2,0.5\n", matching: train).dataset
        #expect(test.labels == [1, 0])
        try expectError("t-mixed.csv", "1,1.5\n2,1.50\n", matching: train, "line 2", "same number")
        let indices = try load("i.csv", "1,0\n2,1\n3,2\n")
        #expect(try load("i-test.csv", "1,2.0\n2,0\n", matching: indices).dataset.labels == [2, 0])
        try expectError("i-test-bad.csv", "1,3\n", matching: indices, "line 1", "label '3'", "0..<3")
    }

    @Test func singleClassIsRefusedSayingWhatWasFound() throws {
        try expectError("one.csv", "x,kind\n1,cat\n2,cat\n3,cat\n", "all 3 labels are 0 (cat)", "at least two classes")
    }

    @Test func aLabelSeenOnceAmongCommonOnesIsWarnedAbout() throws {
        let rows = (0..<40).map { "\($0),\($0 % 2 == 0 ? "setosa" : "virginica")" } + ["40,setosx"]
        let data = try load("typo.csv", "x,species\n" + rows.joined(separator: "\n")).dataset
        #expect(data.warnings.contains { $0.contains("'setosx' (line 42)") && $0.contains("a typo?") })
        let balanced = (0..<40).map { "\($0),\($0 % 4)" }
        #expect(try load("balanced.csv", "x,y\n" + balanced.joined(separator: "\n")).dataset.warnings.isEmpty)
    }

    // MARK: Headers

    @Test func duplicateLabelColumnNameIsAmbiguous() throws {
        try expectError("dup.csv", "a,y,b,y\n1,0,2,1\n", options: CSVOptions(labelColumn: .name("y")),
                        "line 1", "columns 2 and 4 are all named 'y'", "label=INDEX")
        // Other duplicated names do not matter when the label column is unambiguous.
        let data = try load("dup-ok.csv", "a,a,y\n1,2,0\n3,4,1\n", options: CSVOptions(labelColumn: .name("y"))).dataset
        #expect(data.features.scalars == [1, 2, 3, 4])
    }

    @Test func numericHeaderAsPandasWritesNeedsAnExplicitChoice() throws {
        let pandas = "0,1,2,label\n5,6,7,0\n8,9,10,1\n"
        try expectError("pandas.csv", pandas, "line 1 (0,1,2,label)", "header=yes", "header=no")
        try expectError("numbered.csv", "0,1,2,3\n5,6,7,0\n8,9,10,1\n", "looks like a header of column numbers", "header=no")
        let skipped = try load("pandas-yes.csv", pandas, options: CSVOptions(hasHeader: true))
        #expect(skipped.dataset.count == 2 && skipped.header == ["0", "1", "2", "label"])
        let kept = try load("numbers-no.csv", "0,1,2,3\n5,6,7,0\n8,9,10,1\n", options: CSVOptions(hasHeader: false)).dataset
        #expect(kept.count == 3 && kept.labels == [3, 0, 1])
        // pandas with its index column: an empty first cell makes it a header.
        let indexed = try load("pandas-index.csv", ",0,1,label\n0,5,6,0\n1,8,9,1\n").dataset
        #expect(indexed.count == 2)
        // Ordinary numeric data is not mistaken for a header.
        #expect(try load("data.csv", "1,2,3\n4,5,3\n6,7,1\n").dataset.count == 3)
    }

    @Test func testFileColumnsInAnotherOrderAreMatchedByName() throws {
        let train = try load("train.csv", "a,b,label\n1,10,0\n2,20,1\n")
        let test = try load("test.csv", "label,b,a\n1,30,3\n0,40,4\n", matching: train).dataset
        #expect(test.features.scalars == [3, 30, 4, 40] && test.labels == [1, 0])
        try expectError("test-renamed.csv", "a,c,label\n1,2,0\n", matching: train, "line 1", "differs from the training file's",
                        "missing 'b'", "unexpected 'c'")
        try expectError("test-wider.csv", "a,b,c,label\n1,2,3,0\n", matching: train, "unexpected 'c'")
        try expectError("test-no-header.csv", "1,2,0\n", matching: train, "no header row", "train.csv", "a,b,label")
        let repeated = try load("rep.csv", "a,a,label\n1,2,0\n3,4,1\n")
        try expectError("rep-test.csv", "label,a,a\n0,1,2\n", matching: repeated, "'a' names more than one column")
        // Without headers the widths must agree.
        let plain = try load("plain.csv", "1,2,0\n3,4,1\n")
        try expectError("plain-test.csv", "1,2,3,0\n", matching: plain, "3 feature columns", "training data has 2")
    }

    @Test func testFileThroughTheDatasetSpecIsAligned() throws {
        let train = try write("spec-train.csv", "a,b,label\n1,10,x\n2,20,y\n3,30,x\n4,40,y\n")
        let test = try write("spec-test.csv", "b,label,a\n50,y,5\n")
        let (_, testSet) = try DatasetSource(spec: "csv:\(train):test=\(test)").loadTrainTest()
        #expect(testSet.features.scalars == [5, 50] && testSet.labels == [1])
    }

    // MARK: Quoting and encodings

    @Test func quotingFollowsRFC4180() throws {
        try expectError("after-quote.csv", "1,2,0\n\"1\"x,2,1\n", "line 2", "column 1", "text after the closing quote", "\"1\"x")
        try expectError("inner-quote.csv", "1,2,0\n1\"2,3,1\n", "line 2", "column 1", "a quote inside an unquoted field")
        try expectError("unclosed.csv", "1,2,0\n3,\"4,1\n5,6,1\n", "line 2", "column 2", "never closed")
        // Doubled quotes, delimiters and line breaks inside quotes belong to the field.
        let data = try load("rfc.csv", "x,label\n1,\"say \"\"hi\"\"\"\n2,\"a,\nb\"\n3,plain\n").dataset
        #expect(data.classNames == ["a,\nb", "plain", "say \"hi\""] && data.labels == [2, 0, 1])
        // The row after a multi-line field is numbered by its own line in errors.
        try expectError("rfc-line.csv", "x,label\n1,\"a\nb\"\n2,c\nz,d\n", "line 5", "'z' is not a number")
        // A quoted number is a number; blanks around a quoted field are ignored.
        let quoted = try load("quoted.csv", "\"1.5\" , 0\n 2,\"1\"\n").dataset
        #expect(quoted.features.scalars == [1.5, 2] && quoted.labels == [0, 1])
    }

    @Test(arguments: ["\n", "\r\n", "\r"])
    func lineEndingsAndByteOrderMarkAreRead(ending: String) throws {
        let text = "\u{FEFF}" + ["a,b,label", "1,2,0", "3,4,1", "", "5,6,1"].joined(separator: ending) + ending
        let file = try load("endings.csv", text)
        #expect(file.header == ["a", "b", "label"])
        #expect(file.dataset.features.scalars == [1, 2, 3, 4, 5, 6] && file.dataset.labels == [0, 1, 1])
        try expectError("endings-bad.csv", ["1,2,0", "3,4,1", "5,x,1"].joined(separator: ending), "line 3", "'x' is not a number")
    }
}
