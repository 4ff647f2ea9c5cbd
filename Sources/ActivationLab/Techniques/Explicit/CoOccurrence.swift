import Foundation

/// The generalised co-occurrence matrix `F = Hᵀ Y` of Williams & Zhao (2023): `F_ij` is the total
/// of input feature `i` over the samples of class `j` (for one-hot inputs, a co-occurrence count).
///
/// `H` is the `[N, features]` input matrix and `Y` the `[N, classes]` one-hot targets. It is
/// accumulated in one pass over the data, in Double. The matrix is stored **class-major**
/// (`counts[j · featureCount + i] = F_ij`), which is the layout of `Dense.weight` `[classes, features]`,
/// so a class's feature profile is one contiguous row.
///
/// The explicit solution takes logarithms of `F`, so inputs must be non-negative: a negative value is
/// an `ExplicitError` unless a `shift` is given, which adds a constant to every feature first.
public struct CoOccurrence: Sendable {
    public let featureCount: Int
    public let classCount: Int
    /// `F` class-major: `counts[j * featureCount + i] = F_ij`.
    public var counts: [Double]
    /// The number of samples of each class, `N_j`.
    public var classTotals: [Double]
    /// The number of samples accumulated.
    public var sampleCount: Int
    /// `Σ_n ‖h_n‖₁` over the samples (after the shift).
    public var inputL1Total: Double
    /// The constant added to every feature before accumulating.
    public let shift: Float

    /// An empty accumulator.
    public init(featureCount: Int, classCount: Int, shift: Float = 0) {
        self.featureCount = featureCount
        self.classCount = classCount
        self.shift = shift
        counts = [Double](repeating: 0, count: featureCount * classCount)
        classTotals = [Double](repeating: 0, count: classCount)
        sampleCount = 0
        inputL1Total = 0
    }

    /// `F_ij`.
    public subscript(feature i: Int, class j: Int) -> Double { counts[j * featureCount + i] }

    /// The mean input L1 norm `mean_n ‖h_n‖₁`: the number of summed one-hots for bag-of-words inputs.
    public var meanInputL1: Double { sampleCount == 0 ? 0 : inputL1Total / Double(sampleCount) }

    /// The mean of the non-zero entries of `F` (the scale of the default pseudo-count).
    public var meanNonZeroCount: Double {
        var total = 0.0
        var nonZero = 0
        for value in counts where value > 0 {
            total += value
            nonZero += 1
        }
        return nonZero == 0 ? 0 : total / Double(nonZero)
    }

    /// Accumulates `F` from a dense dataset, every sample flattened to a feature vector.
    /// - Throws: `ExplicitError` naming the dataset and the first negative (or NaN) feature value,
    ///   or a label outside `0..<classCount`.
    public init(dataset: Dataset, shift: Float = 0) throws {
        self.init(featureCount: dataset.featureWidth, classCount: dataset.classCount, shift: shift)
        let width = featureCount
        let classes = classCount
        var firstBad: (sample: Int, feature: Int, value: Float)?
        var badLabel: (sample: Int, label: Int32)?
        var l1 = 0.0
        dataset.features.withUnsafeBufferPointer { x in
            counts.withUnsafeMutableBufferPointer { f in
                for n in 0..<dataset.count {
                    let label = dataset.labels[n]
                    guard label >= 0 && Int(label) < classes else { badLabel = (n, label); return }
                    let row = x.baseAddress! + n * width
                    let column = f.baseAddress! + Int(label) * width
                    var rowMinimum: Float = 0
                    var rowL1 = 0.0
                    for i in 0..<width {
                        let value = row[i] + shift
                        rowMinimum = min(rowMinimum, value)
                        column[i] += Double(value)
                        rowL1 += Double(value)
                    }
                    // `!(a >= 0)` also catches NaN.
                    if !(rowMinimum >= 0) || rowL1.isNaN {
                        let i = (0..<width).first { !(row[$0] + shift >= 0) } ?? 0
                        firstBad = (n, i, row[i])
                        return
                    }
                    l1 += rowL1
                }
            }
        }
        if let bad = badLabel {
            throw ExplicitError("\(dataset.name): sample \(bad.sample) has label \(bad.label), outside 0..<\(classes)")
        }
        if let bad = firstBad {
            throw ExplicitError(Self.negativeMessage(dataset.name, bad.sample, bad.feature, bad.value, shift))
        }
        for label in dataset.labels { classTotals[Int(label)] += 1 }
        sampleCount = dataset.count
        inputL1Total = l1
    }

    /// Accumulates `F` from a sparse dataset (cost proportional to its non-zero entries).
    /// - Throws: `ExplicitError` for a negative stored value or a label outside `0..<classCount`.
    public init(sparse dataset: SparseDataset) throws {
        self.init(featureCount: dataset.featureCount, classCount: dataset.classCount)
        let width = featureCount
        for n in 0..<dataset.count {
            let label = Int(dataset.labels[n])
            guard label >= 0 && label < classCount else {
                throw ExplicitError("\(dataset.name): sample \(n) has label \(label), outside 0..<\(classCount)")
            }
            for k in dataset.entries(of: n) {
                let value = dataset.values[k]
                guard value >= 0 else {
                    throw ExplicitError(Self.negativeMessage(dataset.name, n, Int(dataset.indices[k]), value, 0))
                }
                counts[label * width + Int(dataset.indices[k])] += Double(value)
                inputL1Total += Double(value)
            }
            classTotals[label] += 1
        }
        sampleCount = dataset.count
    }

    private static func negativeMessage(_ name: String, _ sample: Int, _ feature: Int, _ value: Float, _ shift: Float) -> String {
        let shifted = shift == 0 ? "" : " (after shift \(shift))"
        return "\(name): the explicit solution needs non-negative features, but sample \(sample) feature \(feature) is \(value)\(shifted); rescale the data to [0, 1] or pass a shift of at least \(-value - shift)"
    }
}
