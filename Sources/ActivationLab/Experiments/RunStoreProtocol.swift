import Foundation
import GRDB

extension RunStore {
    /// Records how `experiment` is run — e.g. its pre-registered target, tuning plan and tuned values —
    /// as free-form JSON in the experiment's `protocol` column, replacing what was there.
    ///
    /// The protocol runner writes it before the runs it governs, so the store shows what was decided in
    /// advance. The text must be JSON; it is stored verbatim.
    /// - Throws: `StoreError` if the text is not JSON, the experiment is not in this store, or the store is read-only.
    public func setProtocol(_ json: String, experiment: Experiment) throws {
        guard (try? JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)) != nil else {
            throw StoreError("\(path): the protocol of experiment '\(experiment.spec.name)' is not JSON")
        }
        try write { db in
            try db.execute(sql: "UPDATE experiments SET protocol = ? WHERE id = ?", arguments: [json, experiment.id])
            guard db.changesCount == 1 else {
                throw StoreError("\(self.path): no experiment '\(experiment.spec.name)' (id \(experiment.id)) in this store")
            }
        }
    }

    /// The protocol JSON of `experiment`: `{}` if none was set (or the store predates schema v2).
    /// - Throws: `StoreError` if the experiment is not in this store.
    public func protocolJSON(experiment: Experiment) throws -> String {
        guard schemaVersion >= 2 else { return "{}" }
        return try read { db in
            guard let json = try RunStore.decodedProtocol(db, experiment: experiment.id, name: experiment.spec.name) else {
                throw StoreError("\(self.path): no experiment '\(experiment.spec.name)' (id \(experiment.id)) in this store")
            }
            return json
        }
    }

    /// The protocol runner's record of `experiment` (`ProtocolRecord.decode` of `protocolJSON`), nil if none.
    /// - Throws: `StoreError.damaged` if the stored protocol is not such a record.
    public func protocolRecord(experiment: Experiment) throws -> ProtocolRecord? {
        let json = try protocolJSON(experiment: experiment)
        do { return try ProtocolRecord.decode(json) } catch {
            throw StoreError.damaged(store: path, "experiment '\(experiment.spec.name)' has an unreadable protocol: "
                + JSONCoding.reason(error), modified: modifications.happened)
        }
    }
}

extension RunStore {
    /// Stores the decisions of `record` that the stored record of `experiment` lacks, keeping those it has,
    /// in one IMMEDIATE transaction; returns the record now stored.
    ///
    /// Several processes on one store (shards, `compare --jobs` workers) each reach every decision; as each
    /// is deterministic except the timed step costs, the first stored wins, and a process that read the
    /// record before another stored a decision cannot erase it by writing its older copy back.
    @discardableResult
    public func mergeProtocol(_ record: ProtocolRecord, experiment: Experiment) throws -> ProtocolRecord {
        try write { db in
            let json = try RunStore.decodedProtocol(db, experiment: experiment.id, name: experiment.spec.name) ?? "{}"
            let stored: ProtocolRecord?
            do { stored = try ProtocolRecord.decode(json) } catch {
                throw StoreError.damaged(store: self.path, "experiment '\(experiment.spec.name)' has an unreadable protocol: "
                    + JSONCoding.reason(error), modified: self.modifications.happened)
            }
            let merged = stored?.keepingDecisions(filledFrom: record) ?? record
            try db.execute(sql: "UPDATE experiments SET protocol = ? WHERE id = ?", arguments: [merged.json, experiment.id])
            guard db.changesCount == 1 else {
                throw StoreError("\(self.path): no experiment '\(experiment.spec.name)' (id \(experiment.id)) in this store")
            }
            return merged
        }
    }
}

extension ProtocolRecord {
    /// This record with each decision it lacks (target, tuned values, step costs) taken from `other`.
    func keepingDecisions(filledFrom other: ProtocolRecord) -> ProtocolRecord {
        var merged = self
        if merged.targetAccuracy == nil { (merged.targetAccuracy, merged.targetSource) = (other.targetAccuracy, other.targetSource) }
        if merged.tunedValues.count < other.tunedValues.count { merged.tunedValues = other.tunedValues }
        if merged.stepSeconds.isEmpty { (merged.stepSeconds, merged.stepCostMethod) = (other.stepSeconds, other.stepCostMethod) }
        return merged
    }
}
