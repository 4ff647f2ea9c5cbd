import Foundation
import Testing
@testable import ActivationLab

/// The files a dataset reads, as a Slurm node must find them, and the folders that are private to a machine.
struct DatasetSourcePathsTests {
    @Test func relativePathsAreMadeAbsoluteAgainstTheGivenFolder() throws {
        let csv = try DatasetSource(spec: "csv:data/train.csv:test=../shared/test.csv:label=species")
        #expect(try csv.inputPaths(relativeTo: "/home/ada/work") == ["/home/ada/work/data/train.csv", "/home/ada/shared/test.csv"])
        #expect(try DatasetSource(spec: "idx:/data/mnist:classes=10").inputPaths(relativeTo: "/x") == ["/data/mnist"])
        #expect(try DatasetSource(spec: "cifar10:./cifar").inputPaths(relativeTo: "/x/y") == ["/x/y/cifar"])
    }

    @Test func fashionMNISTIsWhereACTLAB_DATAPointsAndTheSampleIsTheBundledFolder() throws {
        let root = try ScratchDirectory()
        defer { root.remove() }
        let folder = root.url.appendingPathComponent("fashion-mnist")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in IDXDirectory.fileNames {  // only their presence is checked here
            _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
        }
        let found = try DatasetSource.fashionMNIST.inputPaths(environment: ["ACTLAB_DATA": root.url.path])
        #expect(found == [folder.standardizedFileURL.path])
        let sample = try DatasetSource.sample.inputPaths()
        #expect(sample == [try DatasetSource.sampleDirectory()])
        #expect(FileManager.default.fileExists(atPath: sample[0]))
    }

    @Test func machineLocalFoldersAreRecognisedByWholeComponents() {
        #expect(DatasetSource.machineLocalFolder(of: "/tmp/x/data.csv") == "/tmp")
        #expect(DatasetSource.machineLocalFolder(of: "/dev/shm/d") == "/dev/shm")
        #expect(DatasetSource.machineLocalFolder(of: "/tmpfiles/data.csv") == nil)
        #expect(DatasetSource.machineLocalFolder(of: "/home/ada/data.csv") == nil)
    }
}
