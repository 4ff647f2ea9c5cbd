import Foundation
import Testing
@testable import ActivationLab

@Suite("CSVReader")
struct CSVReaderTests {
    let directory = TemporaryDirectory()

    func read(_ name: String, _ text: String, options: CSVOptions = CSVOptions(), matching: CSVReader.File? = nil) throws -> Dataset {
        try load(name, text, options: options, matching: matching).dataset
    }

    func load(_ name: String, _ text: String, options: CSVOptions = CSVOptions(), matching: CSVReader.File? = nil) throws -> CSVReader.File {
        try CSVReader.load(at: directory.write(name, text: text), options: options, matching: matching)
    }

    /// The DataError for `text`, checked to name the file and contain every fragment.
    func expectError(_ name: String, _ text: String, options: CSVOptions = CSVOptions(), matching: CSVReader.File? = nil,
                     _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = try directory.write(name, text: text)
        let error = try #require(throws: DataError.self, sourceLocation: sourceLocation) {
            try CSVReader.load(at: path, options: options, matching: matching)
        }
        for fragment in [name] + fragments {
            #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
        }
        #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
    }

    @Test func headerIsDetectedAndIntegerLabelsKept() throws {
        let withHeader = try read("h.csv", "a, b ,label\n1,2,0\n3.5,-4e1,2\n\n5,6,1\n")
        #expect(withHeader.features.shape == [3, 2])
        #expect(withHeader.features.scalars == [1, 2, 3.5, -40, 5, 6])
        #expect(withHeader.labels == [0, 2, 1] && withHeader.classCount == 3 && withHeader.classNames == nil)

        let noHeader = try read("n.csv", "1,2,0\r\n3,4,1\r\n")
        #expect(noHeader.features.scalars == [1, 2, 3, 4] && noHeader.labels == [0, 1])
        // Forcing "no header" makes the header row a data row with text in a feature.
        try expectError("forced.csv", "a,b,label\n1,2,0\n", options: CSVOptions(hasHeader: false),
                        "line 1", "column 1", "'a' is not a number")
    }

    @Test func stringLabelsMapToSortedClassIndices() throws {
        let file = try load("s.csv", "5.1,3.5,setosa\n6.0,2.2,virginica\n5.9,3.0,versicolor\n4.9,3.0,setosa\n")
        let data = file.dataset
        #expect(data.classNames == ["setosa", "versicolor", "virginica"])
        #expect(data.labels == [0, 2, 1, 0] && data.classCount == 3)
        // A test file uses the training file's classes.
        let test = try read("s-test.csv", "1,1,virginica\n2,2,virginica\n", matching: file)
        #expect(test.labels == [2, 2] && test.classNames == data.classNames)
        try expectError("s-unknown.csv", "1,1,rose\n", matching: file, "line 1", "column 3", "'rose'", "does not occur")
        try expectError("s-width.csv", "1,1,1,setosa\n", matching: file, "3 feature columns", "training data has 2")
    }

    @Test func labelColumnByIndexOrName() throws {
        let byIndex = try read("i.csv", "1,10,20\n0,30,40\n", options: CSVOptions(labelColumn: .index(0)))
        #expect(byIndex.labels == [1, 0] && byIndex.features.scalars == [10, 20, 30, 40])
        let byName = try read("k.csv", "x,y,z\n7,0,8\n9,1,10\n", options: CSVOptions(labelColumn: .name("y")))
        #expect(byName.labels == [0, 1] && byName.features.scalars == [7, 8, 9, 10])
        let fromEnd = try read("e.csv", "7,0,8\n9,1,10\n", options: CSVOptions(labelColumn: .index(-2)))
        #expect(fromEnd.labels == [0, 1])
        try expectError("k2.csv", "x,y\n1,0\n", options: CSVOptions(labelColumn: .name("w")), "no column named 'w'")
        try expectError("i2.csv", "1,0\n", options: CSVOptions(labelColumn: .index(5)), "label column 5")
    }

    @Test func quotedFieldsAndByteOrderMark() throws {
        let data = try read("q.csv", "\u{FEFF}\"f1\",\"label\"\n\"1.5\",\"a, b\"\n2,c\n")
        #expect(data.features.scalars == [1.5, 2] && data.classNames == ["a, b", "c"])
    }

    @Test func malformedFilesNameFileLineAndColumn() throws {
        try expectError("nan.csv", "a,b,y\n1,2,0\n3,nan,1\n", "line 3", "column 2 (b)", "non-finite value 'nan'")
        try expectError("inf.csv", "1,2,0\n-inf,4,1\n", "line 2", "column 1", "non-finite")
        try expectError("text.csv", "1,2,0\n3,abc,1\n", "line 2", "column 2", "'abc' is not a number")
        try expectError("blank.csv", "1,2,0\n3,,1\n", "line 2", "column 2", "empty field")
        try expectError("ragged.csv", "1,2,0\n3,4,1\n5,1\n", "line 3", "2 fields, expected 3")
        try expectError("empty.csv", "", "empty file")
        try expectError("spaces.csv", "\n  \n", "empty file")
        try expectError("headeronly.csv", "a,b,label\n", "no data rows")
        try expectError("oneclass.csv", "1,2,3\n4,5,3\n", "at least two classes")
        try expectError("oneclass-s.csv", "x,y\n1,cat\n2,cat\n", "at least two classes")
        try expectError("negative.csv", "1,0\n2,-1\n", "line 2", "negative")
        try expectError("onecolumn.csv", "1\n2\n", "need at least one feature column")
        // Gzipped CSV is read the same way, and its errors name the .gz file.
        let path = try directory.write("gz.csv.gz", DataFile.gzip(Array("1,2,0\n3,x,1\n".utf8)))
        let error = try #require(throws: DataError.self) { try CSVReader.read(at: path) }
        #expect(error.description.contains("gz.csv.gz") && error.description.contains("line 2"))
    }

    @Test func aLabelColumnThatLooksContinuousIsWarnedAbout() throws {
        let continuous = "x,label\n" + (0..<40).map { "\($0),\(Double($0) * 1.37)" }.joined(separator: "\n") + "\n"
        let warned = try read("regression.csv", continuous)
        #expect(warned.warnings.count == 1 && warned.warnings[0].contains("continuous"))
        #expect(warned.subset(0..<10).warnings == warned.warnings)
        let classes = "x,label\n" + (0..<40).map { "\($0),\($0 % 3)" }.joined(separator: "\n") + "\n"
        #expect(try read("classes.csv", classes).warnings.isEmpty)
    }
}
