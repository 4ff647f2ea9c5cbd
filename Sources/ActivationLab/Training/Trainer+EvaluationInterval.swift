extension Trainer {
    /// The evaluation interval in steps when `evaluateEvery` is not set: the epoch's steps divided into
    /// k evaluations, rounded up, with
    ///
    ///     k = clamp(⌊trainCount / (3 · validationCount)⌋, 1, 8)   evaluations per epoch.
    ///
    /// Why: time to target is read from these evaluations, so more of them resolve it more finely, but
    /// each one is a forward pass over the validation set, which costs about a third of a training step
    /// per sample. k evaluations cost k · validationCount / 3 sample-steps against trainCount for the
    /// epoch's training, so this k keeps intermediate evaluations to at most about 1/9 of the training
    /// time, and never more than 8 per epoch. With the usual 10% validation split, k = 3; an empty
    /// validation set costs nothing, so k = 8.
    /// - Returns: at least 1.
    public static func defaultEvaluationInterval(stepsPerEpoch: Int, trainCount: Int, validationCount: Int) -> Int {
        let perEpoch = validationCount > 0 ? min(max(trainCount / (3 * validationCount), 1), 8) : 8
        return max(1, (stepsPerEpoch + perEpoch - 1) / perEpoch)
    }
}
