import GRDB
@testable import ActivationLab

/// Writes a schema-v1 run store as the code before schema v2 created it, in raw SQL (not through today's
/// migrator, so an edit of the `v1` migration cannot hide a broken upgrade): one experiment, a finished
/// run with two epochs and a running run with one epoch, owned by `runningOwner`.
enum V1StoreFixture {
    static let experimentName = "v1 relu vs tanh"

    static func write(to path: String, runningOwner: RunOwner) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                PRAGMA application_id = 1095524706;
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                CREATE TABLE "actlab_meta" ("key" TEXT PRIMARY KEY NOT NULL, "value" TEXT NOT NULL);
                INSERT INTO actlab_meta (key, value) VALUES ('format', 'activationlab-run-store'), ('schema_version', '1');
                CREATE TABLE "experiments" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL UNIQUE, "dataset" TEXT NOT NULL, "model" TEXT NOT NULL, "baseline" TEXT NOT NULL, "variants" TEXT NOT NULL, "seeds" TEXT NOT NULL, "epochs" INTEGER NOT NULL, "target_accuracy" DOUBLE NOT NULL, "config" TEXT NOT NULL, "created_at" DATETIME NOT NULL);
                CREATE TABLE "runs" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "experiment_id" INTEGER NOT NULL REFERENCES "experiments"("id") ON DELETE CASCADE, "variant" TEXT NOT NULL, "seed" INTEGER NOT NULL, "config" TEXT NOT NULL, "status" TEXT NOT NULL CHECK (status IN ('running', 'finished', 'diverged', 'failed')), "reason" TEXT, "started_at" DATETIME NOT NULL, "finished_at" DATETIME, "diverged_epoch" INTEGER, "diverged_step" INTEGER, "owner_host" TEXT NOT NULL, "owner_pid" INTEGER NOT NULL, "owner_start" INTEGER, "owner_token" TEXT NOT NULL, "attempts" INTEGER NOT NULL DEFAULT 1, UNIQUE ("experiment_id", "variant", "seed"));
                CREATE TABLE "epochs" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "run_id" INTEGER NOT NULL REFERENCES "runs"("id") ON DELETE CASCADE, "epoch" INTEGER NOT NULL, "train_loss" DOUBLE, "val_loss" DOUBLE, "val_accuracy" DOUBLE, "val_cross_entropy" DOUBLE, "seconds" DOUBLE, "elapsed_seconds" DOUBLE, "learning_rate" DOUBLE, "gradient_norm" DOUBLE, "clamp_events" INTEGER NOT NULL, "layers" TEXT NOT NULL, UNIQUE ("run_id", "epoch"));
                INSERT INTO experiments VALUES (1, '\(experimentName)', 'sample', 'mlp:784-10', 'relu', '["relu","tanh"]', '[1]', 2, 0.5, '{}', '2025-01-02 03:04:05.678');
                INSERT INTO runs VALUES (1, 1, 'relu', 1, '{"activation":"relu","seed":1}', 'finished', NULL, '2025-01-02 03:04:06.000', '2025-01-02 03:05:06.000', NULL, NULL, 'old-host', 42, NULL, 'old-token', 1);
                INSERT INTO epochs VALUES (1, 1, 1, 0.9, 0.8, 0.6, 0.8, 1.5, 1.5, 0.05, 2.0, 0, '[]');
                INSERT INTO epochs VALUES (2, 1, 2, 0.7, NULL, 0.7, 0.6, 1.5, 3.0, 0.05, 2.0, 0, '[]');
                """)
            try db.execute(sql: """
                INSERT INTO runs VALUES (2, 1, 'tanh', 1, '{"activation":"tanh","seed":1}', 'running', NULL, '2025-01-02 03:05:07.000', NULL, NULL, NULL, ?, ?, ?, ?, 1);
                INSERT INTO epochs VALUES (3, 2, 1, 1.1, 1.0, 0.5, 1.0, 1.5, 1.5, 0.05, 2.0, 0, '[]');
                """, arguments: [runningOwner.host, runningOwner.pid, runningOwner.processStart, runningOwner.token])
        }
        try queue.close()
    }
}
