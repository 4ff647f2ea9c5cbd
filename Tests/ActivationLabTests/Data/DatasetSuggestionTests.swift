import Testing
@testable import ActivationLab

/// A mistyped dataset spec suggests the nearest form.
@Suite struct DatasetSuggestionTests {
    @Test(arguments: [
        ("fashion-mist", "fashion-mnist"), ("fashionmnist", "fashion-mnist"), ("Fashion-MNIST", "fashion-mnist"),
        ("sampel", "sample"), ("cifar-10", "cifar10:DIR"), ("csv", "csv:FILE"),
    ])
    func unknownDatasetSuggestsTheNearestForm(_ spec: String, _ suggestion: String) {
        #expect {
            _ = try DatasetSource(spec: spec)
        } throws: { error in
            "\(error)".hasPrefix("unknown dataset '\(spec)' (did you mean '\(suggestion)'?); valid forms: ")
        }
    }

    @Test func unknownKindSuggestsTheNearestKind() {
        #expect {
            _ = try DatasetSource(spec: "cifar1O:/d/c")
        } throws: { error in
            "\(error)".hasPrefix("unknown dataset kind 'cifar1O:' in 'cifar1O:/d/c' (did you mean 'cifar10:'?)")
        }
    }

    @Test func farOffNameGetsNoSuggestion() {
        #expect {
            _ = try DatasetSource(spec: "imagenet")
        } throws: { error in
            "\(error)".hasPrefix("unknown dataset 'imagenet'; valid forms: ")
        }
    }
}
