-- Schema version 3: versions of a draft (issue #11).
--
-- A version is the whole stored state of a draft at one moment (undo::Snapshot: the
-- draft row, slot values, every node with its id), serialised to JSON and deflated
-- (`body`, format 1), so a 10,000-character draft takes some tens of KB a version.
-- Named versions (初稿, 送审稿 …) are the writer's and are kept until deleted; automatic
-- ones (on export, before a restore, hourly while editing) are pruned by the app.
-- They go with their draft (ON DELETE CASCADE).
CREATE TABLE versions (
    id         INTEGER PRIMARY KEY,
    draft_id   INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    note       TEXT,
    auto       INTEGER NOT NULL CHECK (auto IN (0, 1)),
    created_at INTEGER NOT NULL,
    chars      INTEGER NOT NULL,        -- 字数 of the draft then, for the list
    format     INTEGER NOT NULL DEFAULT 1,
    body       BLOB NOT NULL
);
CREATE INDEX versions_by_draft ON versions(draft_id, created_at);
