/// A seeded synthetic classification problem with a nonlinear boundary, for small analyses
/// (e.g. Hessians) that must not depend on downloaded data.
///
/// Inputs x ~ N(0, I_d); the label is the argmax of a random teacher network's logits
/// `V·tanh(U·x + c)` with U ~ N(0, 4/d), c ~ N(0, 1), V ~ N(0, 1) and `teacherHidden` hidden units.
public enum SyntheticTeacherDataset {
    public static func make(samples: Int, features: Int, classes: Int, teacherHidden: Int = 8,
                            seed: UInt64) -> Dataset {
        precondition(samples > 0 && features > 0 && classes > 1 && teacherHidden > 0,
                     "SyntheticTeacherDataset: samples, features, teacherHidden > 0 and classes > 1")
        var teacher = SeededGenerator.derived(seed: seed, stream: 101)
        let spread = Float(2 / Double(features).squareRoot())
        let u = (0..<(teacherHidden * features)).map { _ in spread * teacher.normal() }
        let c = (0..<teacherHidden).map { _ in teacher.normal() }
        let v = (0..<(classes * teacherHidden)).map { _ in teacher.normal() }
        var draw = SeededGenerator.derived(seed: seed, stream: 102)
        let x = (0..<(samples * features)).map { _ in draw.normal() }
        var labels = [Int32](repeating: 0, count: samples)
        var hidden = [Float](repeating: 0, count: teacherHidden)
        for s in 0..<samples {
            for h in 0..<teacherHidden {
                var total = c[h]
                for f in 0..<features { total += u[h * features + f] * x[s * features + f] }
                hidden[h] = FastMath.tanh(total)
            }
            var best = 0
            var bestValue = -Float.infinity
            for k in 0..<classes {
                var total: Float = 0
                for h in 0..<teacherHidden { total += v[k * teacherHidden + h] * hidden[h] }
                if total > bestValue { (best, bestValue) = (k, total) }
            }
            labels[s] = Int32(best)
        }
        return Dataset(name: "synthetic-teacher/\(features)x\(classes)",
                       features: Tensor(shape: [samples, features], scalars: x), labels: labels, classCount: classes)
    }
}
