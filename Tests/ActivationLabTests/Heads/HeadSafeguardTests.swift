import Testing
@testable import ActivationLab

@Suite("Head safeguards and options")
struct HeadSafeguardTests {
    @Test("Logits of ±1000 give a finite loss and δ for every head; the clamp acts where there is an exponent",
          arguments: HeadCatalog.names)
    func noOverflow(name: String) throws {
        let head = try HeadCatalog.head(named: name)
        let logits = Tensor(shape: [2, 3], scalars: [1000, 1000, -1000, 1000, 999, 1000])
        let result = head.evaluate(logits: logits, labels: [0, 2])
        #expect(result.loss.isFinite, "\(name) loss \(result.loss)")
        #expect(result.gradient.isFinite, "\(name) δ \(result.gradient.scalars)")
        let usesClamp = HeadCatalog.entry(named: name)!.info.usesExponentClamp
        #expect((result.clampEvents > 0) == usesClamp, "\(name) clampEvents \(result.clampEvents)")
    }

    @Test("Clamp events are counted exactly: one per logit whose exponent exceeds the bound")
    func clampCount() throws {
        let logits = Tensor(shape: [2, 4], scalars: [1000, 29, 31, -1000,
                                                     30.5, 0, 30, 40])
        let labels: [Int32] = [1, 3]
        for options in [HeadOptions(), HeadOptions(targetScale: 2, negativeOthers: true, exponentClamp: 30)] {
            // The exponent is z for linear-exp(-scaled) and z − t for linear-exp-error.
            for (name, subtractsTarget) in [("linear-exp", false), ("linear-exp-error", true), ("linear-exp-scaled", false)] {
                guard !(name == "linear-exp" && options.negativeOthers) else { continue }
                var expected = 0
                for r in 0..<2 {
                    for j in 0..<4 {
                        let t = j == Int(labels[r]) ? options.correctTarget : options.otherTarget
                        let exponent = Double(logits[r, j]) - (subtractsTarget ? t : 0)
                        if exponent > options.exponentClamp { expected += 1 }
                    }
                }
                let result = try HeadCatalog.head(named: name, options: options).evaluate(logits: logits, labels: labels)
                #expect(result.clampEvents == expected, "\(name) \(options)")
            }
        }
        // Spelled out for the default linear-exp: 1000, 31, 30.5, 40 exceed 30; 29 and 30 do not.
        #expect(LinearExp().evaluate(logits: logits, labels: labels).clampEvents == 4)
    }

    @Test("A smaller clamp bounds δ: linear-exp δ = e^c − t past the clamp")
    func clampBoundsDelta() throws {
        let head = try LinearExp(options: HeadOptions(exponentClamp: 5))
        let result = head.evaluate(logits: Tensor(shape: [1, 2], scalars: [50, 7]), labels: [1])
        let ec = 148.4131591025766 // e^5
        #expect(abs(Double(result.gradient[flat: 0]) - ec) <= 1e-4 * ec)
        #expect(abs(Double(result.gradient[flat: 1]) - (ec - 1)) <= 1e-4 * ec)
        #expect(result.clampEvents == 2)
    }

    @Test("Prediction is argmax z: the head's output keeps the logits' argmax", arguments: HeadCatalog.names)
    func argmaxUnchanged(name: String) throws {
        let head = try HeadCatalog.head(named: name)
        var rng = SeededGenerator(seed: 9)
        let logits = Tensor(shape: [16, 7], scalars: (0..<112).map { _ in rng.uniform(-4, 4) })
        #expect(head.output(logits).argmaxRows() == logits.argmaxRows())
        // Logits far past the clamp: linear heads output z unchanged, so the clamp cannot affect predictions.
        if head is any LinearBoostHead {
            let huge = Tensor(shape: [2, 3], scalars: [1000, 999, 2000, -5, 1e4, 1e4 - 8])
            #expect(head.output(huge) == huge)
        }
    }

    @Test("The catalog builds all eight heads by name, with and without options")
    func catalog() throws {
        let expected = ["softmax-ce", "softmax-mse", "sigmoid-mse", "linear-mse",
                        "linear-exp", "linear-exp-error", "linear-exp-scaled", "linear-pow3"]
        #expect(HeadCatalog.names == expected)
        for name in expected {
            #expect(try HeadCatalog.head(named: name).name == name)
            #expect(try HeadCatalog.head(named: name, options: HeadOptions(targetScale: 3)).name == name)
        }
        let interpretations = HeadCatalog.entries.filter(\.info.isInterpretation).map(\.name)
        #expect(interpretations == ["linear-exp", "linear-exp-error", "linear-exp-scaled", "linear-pow3"])
        #expect(HeadCatalog.helpText.contains("linear-exp: ") && HeadCatalog.helpText.contains("[interpretation]"))
    }

    @Test("Bad names and options are typed errors naming the head")
    func errors() {
        #expect(throws: HeadError.self) { try HeadCatalog.head(named: "softmax") }
        for name in ["softmax-ce", "softmax-mse", "sigmoid-mse", "linear-exp"] {
            #expect(throws: HeadError.self) { try HeadCatalog.head(named: name, options: HeadOptions(negativeOthers: true)) }
        }
        for name in ["linear-mse", "linear-exp-error", "linear-exp-scaled", "linear-pow3"] {
            #expect(throws: Never.self) { try HeadCatalog.head(named: name, options: HeadOptions(negativeOthers: true)) }
        }
        let bad = [HeadOptions(targetScale: 0), HeadOptions(targetScale: -1), HeadOptions(targetScale: .nan),
                   HeadOptions(exponentClamp: 0), HeadOptions(exponentClamp: 100), HeadOptions(exponentClamp: .infinity)]
        for options in bad {
            do {
                _ = try HeadCatalog.head(named: "linear-exp-error", options: options)
                Issue.record("accepted \(options)")
            } catch let error as HeadError {
                #expect(error.description.hasPrefix("head 'linear-exp-error': "))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
