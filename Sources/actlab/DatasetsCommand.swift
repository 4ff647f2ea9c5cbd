import ArgumentParser
import ActivationLab
import Foundation

/// `actlab datasets`: which datasets can be loaded here, and the spec syntax for `--data`.
struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the datasets found on this machine and the dataset spec syntax.",
        discussion: """
        Fashion-MNIST is looked for in $ACTLAB_DATA/fashion-mnist, then /usr/share/datasets/fashion-mnist \
        (Debian: apt-get install dataset-fashion-mnist). IDX folders, CIFAR binary folders and CSV files directly \
        inside $ACTLAB_DATA or /usr/share/datasets are listed too.

        Examples:
          actlab datasets
          actlab datasets --json
        """
    )

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    func run() throws {
        let datasets = DatasetSource.discover()
        if json {
            try Terminal.printJSON(datasets, pretty: true)
            return
        }
        print("Datasets:")
        for info in datasets {
            let status = info.installed ? "installed" : "not installed"
            var counts = ""
            if let train = info.trainCount, let test = info.testCount { counts = ", \(train) train / \(test) test" }
            print("  \(info.spec.padding(toLength: max(24, info.spec.count), withPad: " ", startingAt: 0))  \(status)\(counts)")
            if let location = info.location { print("      at \(location)") }
            if let note = info.note { print("      \(note)") }
        }
        print("\nDataset specs (for --dataset):")
        for (form, meaning) in DatasetSource.specForms {
            print("  \(form)")
            print("      \(meaning)")
        }
    }
}
