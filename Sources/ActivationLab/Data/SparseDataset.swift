/// A labelled dataset whose samples are sparse non-negative feature vectors, stored row by row
/// (compressed sparse rows): sample `n` has the features `indices[offsets[n]..<offsets[n+1]]`
/// with the values at the same positions of `values`; every other feature is zero.
///
/// The language-model task uses it for bag-of-words contexts: a dense `[N, V]` matrix would
/// take gigabytes, while each context has only a few non-zero entries.
public struct SparseDataset: Sendable {
    /// A short human-readable name, e.g. `"fortunes/train"`.
    public var name: String
    /// The width of a dense sample (the vocabulary size for bag-of-words contexts).
    public var featureCount: Int
    /// The number of classes.
    public var classCount: Int
    /// Row starts into `indices`/`values`, `count + 1` of them, beginning at 0.
    public var offsets: [Int]
    /// Feature indices of the non-zero entries, ascending within a sample.
    public var indices: [Int32]
    /// The values of the non-zero entries.
    public var values: [Float]
    /// One class index per sample.
    public var labels: [Int32]

    public init(name: String, featureCount: Int, classCount: Int, offsets: [Int], indices: [Int32],
                values: [Float], labels: [Int32]) {
        precondition(offsets.count == labels.count + 1 && offsets.first == 0 && offsets.last == indices.count,
                     "\(name): offsets do not describe \(labels.count) samples")
        precondition(indices.count == values.count, "\(name): \(indices.count) indices but \(values.count) values")
        self.name = name
        self.featureCount = featureCount
        self.classCount = classCount
        self.offsets = offsets
        self.indices = indices
        self.values = values
        self.labels = labels
    }

    /// The number of samples.
    public var count: Int { labels.count }

    /// The positions in `indices`/`values` that hold sample `n`.
    @inlinable public func entries(of n: Int) -> Range<Int> { offsets[n]..<offsets[n + 1] }

    /// Sample `n` as a dense vector (for tests and small checks).
    public func denseRow(_ n: Int) -> [Float] {
        var row = [Float](repeating: 0, count: featureCount)
        for k in entries(of: n) { row[Int(indices[k])] += values[k] }
        return row
    }

    /// Adds `x_n · M` to row r of `out` (`[rows.count, width]`) for each sample n = `rows[r]`: the rows of
    /// `matrix` (`[featureCount, width]`) named by the sample's non-zero features, scaled by their values.
    /// A sparse input times a dense matrix: the logits of `SparseSoftmaxModel` and the scores of the
    /// explicit solution.
    func addProducts(_ rows: some Collection<Int>, times matrix: UnsafePointer<Float>, width: Int,
                     into out: UnsafeMutablePointer<Float>) {
        for (r, n) in rows.enumerated() {
            let row = out + r * width
            for k in entries(of: n) {
                let v = values[k]
                let source = matrix + Int(indices[k]) * width
                for j in 0..<width { row[j] += v * source[j] }
            }
        }
    }

    /// The samples at `rows`, in that order.
    public func subset(_ rows: some Collection<Int>, name: String? = nil) -> SparseDataset {
        var newOffsets = [0]
        var newIndices: [Int32] = []
        var newValues: [Float] = []
        newOffsets.reserveCapacity(rows.count + 1)
        for n in rows {
            let range = entries(of: n)
            newIndices.append(contentsOf: indices[range])
            newValues.append(contentsOf: values[range])
            newOffsets.append(newIndices.count)
        }
        return SparseDataset(name: name ?? self.name, featureCount: featureCount, classCount: classCount,
                             offsets: newOffsets, indices: newIndices, values: newValues,
                             labels: rows.map { labels[$0] })
    }
}
