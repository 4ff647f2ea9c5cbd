import Testing
@testable import ActivationLab

/// δ must be the exact gradient of the reported loss, for every head and every allowed target option.
@Suite("Head gradients")
struct HeadGradientTests {
    /// Every (head, options) combination the catalog allows, with s = 1 and s = 2.
    static var configurations: [(HeadEntry, HeadOptions)] {
        var list: [(HeadEntry, HeadOptions)] = []
        for entry in HeadCatalog.entries {
            for scale in [1.0, 2.0] {
                for negative in entry.info.allowsNegativeOthers ? [false, true] : [false] {
                    list.append((entry, HeadOptions(targetScale: scale, negativeOthers: negative)))
                }
            }
        }
        return list
    }

    static func randomBatch(rows: Int, classes: Int, range: Float, seed: UInt64) -> (Tensor, [Int32]) {
        var rng = SeededGenerator(seed: seed)
        let logits = Tensor(shape: [rows, classes], scalars: (0..<rows * classes).map { _ in rng.uniform(-range, range) })
        let labels = (0..<rows).map { _ in Int32(rng.integer(below: classes)) }
        return (logits, labels)
    }

    /// Central differences of the reported (Double) loss with respect to each Float logit. The actual
    /// Float perturbation is the denominator, so Float rounding of z ± h does not bias the estimate.
    static func mismatches(head: any Head, logits: Tensor, labels: [Int32], step: Float = 1e-3) -> [String] {
        let result = head.evaluate(logits: logits, labels: labels)
        var found: [String] = []
        for i in 0..<logits.count {
            var plus = logits, minus = logits
            plus[flat: i] += step
            minus[flat: i] -= step
            let width = Double(plus[flat: i]) - Double(minus[flat: i])
            let numeric = (head.evaluate(logits: plus, labels: labels).loss
                           - head.evaluate(logits: minus, labels: labels).loss) / width
            // δ is stored divided by the batch size; the loss is a batch mean, so compare δ itself.
            let analytic = Double(result.gradient[flat: i])
            if abs(analytic - numeric) > 1e-4 * max(1e-3, abs(analytic) + abs(numeric)) {
                found.append("[\(i)] z=\(logits[flat: i]) analytic \(analytic), numeric \(numeric)")
            }
        }
        return found
    }

    @Test("δ is the gradient of the reported loss (random logits and labels, s = 1, 2, both t_other where allowed)",
          arguments: 0..<configurations.count)
    func finiteDifferences(index: Int) throws {
        let (entry, options) = Self.configurations[index]
        let head = try entry.make(options)
        let (logits, labels) = Self.randomBatch(rows: 4, classes: 5, range: 3, seed: 11 + UInt64(index))
        let found = Self.mismatches(head: head, logits: logits, labels: labels)
        #expect(found.isEmpty, "\(entry.name) \(options): \(found)")
    }

    @Test("δ stays the gradient of the loss past the exponent clamp", arguments: HeadCatalog.entries.filter(\.info.usesExponentClamp).map(\.name))
    func finiteDifferencesPastTheClamp(name: String) throws {
        // A clamp of 1.5 puts a good share of logits in [−3, 3] past it.
        let head = try HeadCatalog.head(named: name, options: HeadOptions(exponentClamp: 1.5))
        let (logits, labels) = Self.randomBatch(rows: 4, classes: 5, range: 3, seed: 5)
        #expect(head.evaluate(logits: logits, labels: labels).clampEvents > 0)
        let found = Self.mismatches(head: head, logits: logits, labels: labels)
        #expect(found.isEmpty, "\(name): \(found)")
    }

    @Test("Double finite differences of each linear boost term, on both sides of the clamp")
    func boostTermsInDouble() {
        let rules: [(String, (Double, Double, Double) -> BoostTerm)] = [
            ("linear-mse", LinearMSE.term), ("linear-exp", LinearExp.term),
            ("linear-exp-error", LinearExpError.term), ("linear-exp-scaled", LinearExpScaled.term),
            ("linear-pow3", LinearPow3.term),
        ]
        let h = 1e-6
        for (name, term) in rules {
            for t in [-2.0, 0, 1, 2] {
                for z in stride(from: -6.0, through: 9.0, by: 0.37) {
                    let c = 4.0
                    let analytic = term(z, t, c).delta
                    let numeric = (term(z + h, t, c).loss - term(z - h, t, c).loss) / (2 * h)
                    #expect(abs(analytic - numeric) <= 1e-6 * max(1, abs(analytic)), "\(name) z=\(z) t=\(t)")
                }
            }
        }
    }

    @Test("Loss is the batch mean and δ the per-sample gradient over the batch size, for every head",
          arguments: HeadCatalog.names)
    func batchReduction(name: String) throws {
        let head = try HeadCatalog.head(named: name)
        let (single, labels) = Self.randomBatch(rows: 1, classes: 4, range: 2, seed: 3)
        let doubled = Tensor(shape: [3, 4], scalars: single.scalars + single.scalars + single.scalars)
        let one = head.evaluate(logits: single, labels: labels)
        let three = head.evaluate(logits: doubled, labels: labels + labels + labels)
        #expect(abs(one.loss - three.loss) <= 1e-12 * max(1, abs(one.loss)))
        for j in 0..<4 {
            let expected = Double(one.gradient[flat: j]) / 3
            #expect(abs(Double(three.gradient[flat: j]) - expected) <= 1e-6 * max(1e-6, abs(expected)))
        }
    }

    @Test("Known values at the target: zero loss and zero δ where the head's minimum is z = t")
    func minimumAtTarget() throws {
        // One row, label 1, logits exactly on the targets (s = 2, t_other = −2).
        let options = HeadOptions(targetScale: 2, negativeOthers: true)
        let logits = Tensor(shape: [1, 3], scalars: [-2, 2, -2])
        for name in ["linear-mse", "linear-exp-scaled", "linear-pow3"] {
            let result = try HeadCatalog.head(named: name, options: options).evaluate(logits: logits, labels: [1])
            #expect(result.loss == 0, "\(name)")
            #expect(result.gradient.scalars == [0, 0, 0], "\(name)")
        }
        // linear-exp-error's loss exp(u) − u has minimum 1 per logit at u = 0, with δ = 0 there.
        let error = try LinearExpError(options: options).evaluate(logits: logits, labels: [1])
        #expect(error.loss == 3)
        #expect(error.gradient.scalars == [0, 0, 0])
        // linear-exp: δ = exp(z) − t vanishes at z = log t.
        let log2 = Float(0.6931471805599453)
        let exp = try LinearExp(options: HeadOptions(targetScale: 2)).evaluate(
            logits: Tensor(shape: [1, 2], scalars: [log2, -40]), labels: [0])
        #expect(abs(exp.gradient[flat: 0]) < 1e-6)
    }
}
