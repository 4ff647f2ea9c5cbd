import Foundation

/// Decoded training and test sets shared within a process, so every cell of a sweep (and every seed's
/// validation split) starts from data decoded once: keyed by `DataSourceKey` (the source and its files'
/// size and mtime), holding the sets as read, before the seeded validation split and normalisation, so
/// results are those of a fresh decode bit for bit.
///
/// Bounded: at most `maximumEntries` sources and `byteBudget` bytes of features (a quarter of the memory
/// this process may use, when the cache is created); the least recently used source goes first, and a
/// source larger than the budget is not kept. On a miss the on-disk cache (`DataCacheFile`) is tried
/// before the files are decoded.
public final class DecodedDataCache: @unchecked Sendable {
    public typealias TrainTest = (train: Dataset, test: Dataset)

    /// The process's cache, used by `DatasetSource.load`.
    public static let shared = DecodedDataCache(byteBudget: MemoryBudget.bytes / 4)

    let byteBudget: Int
    let maximumEntries: Int
    private let lock = NSLock()
    private var entries: [(key: DataSourceKey, data: TrainTest, bytes: Int)] = []  // most recent last
    /// How many loads were answered from memory, from disk and by decoding (for tests and measurements).
    public private(set) var hits = 0, diskHits = 0, decodes = 0

    init(byteBudget: Int, maximumEntries: Int = 4) {
        self.byteBudget = byteBudget
        self.maximumEntries = maximumEntries
    }

    /// The source's training and test sets: from memory, else the disk cache, else `decode()` (whose
    /// result then goes to both). Sources whose files cannot be stat'ed are decoded every time.
    func trainTest(for source: DatasetSource, environment: [String: String],
                   decode: () throws -> TrainTest) throws -> TrainTest {
        guard let key = DataSourceKey(source: source, environment: environment) else { return try decode() }
        if let data = lookUp(key) { return data }
        let disk = DataCacheLocation(environment: environment)
        let data: TrainTest
        if let disk, let stored = DataCacheFile.read(disk.file(for: key), key: key) {
            data = stored
            count { $0.diskHits += 1 }
        } else {
            data = try decode()
            count { $0.decodes += 1 }
            if let disk, Self.bytes(of: data) >= disk.minimumBytes {
                try? DataCacheFile.write(data, key: key, to: disk)
            }
        }
        insert(data, for: key)
        return data
    }

    /// Forgets every entry (tests; memory pressure is handled by the budget).
    public func removeAll() {
        lock.lock(); defer { lock.unlock() }
        entries.removeAll()
    }

    private func lookUp(_ key: DataSourceKey) -> TrainTest? {
        lock.lock(); defer { lock.unlock() }
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let entry = entries.remove(at: index)
        entries.append(entry)
        hits += 1
        return entry.data
    }

    private func insert(_ data: TrainTest, for key: DataSourceKey) {
        let bytes = Self.bytes(of: data)
        guard bytes <= byteBudget else { return }
        lock.lock(); defer { lock.unlock() }
        // Older versions of the same files are stale: drop them along with whatever the budget demands.
        entries.removeAll { $0.key.identity == key.identity }
        while !entries.isEmpty && (entries.count >= maximumEntries || entries.reduce(bytes, { $0 + $1.bytes }) > byteBudget) {
            entries.removeFirst()
        }
        entries.append((key, data, bytes))
    }

    private func count(_ update: (DecodedDataCache) -> Void) {
        lock.lock(); defer { lock.unlock() }
        update(self)
    }

    static func bytes(of data: TrainTest) -> Int {
        data.train.storage.byteCount + data.test.storage.byteCount
            + (data.train.count + data.test.count) * MemoryLayout<Int32>.stride
    }
}
