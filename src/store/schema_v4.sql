-- Schema version 4: the writer's own check rules (本单位) and what the check is told
-- to leave alone (issue #12).
--
-- A user rule is a literal the check finds in every draft, with its suggestions (one a
-- line in `suggestions`), a level and a reason; its findings are of class 本单位.
CREATE TABLE user_rules (
    id          INTEGER PRIMARY KEY,
    literal     TEXT NOT NULL UNIQUE,
    suggestions TEXT NOT NULL DEFAULT '',
    level       TEXT NOT NULL CHECK (level IN ('必改', '建议', '提示')),
    reason      TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);
-- 这里不改: a rule left alone in one draft — at one item (node_id) and text, or, with
-- node_id and text NULL, everywhere in the draft. Findings are matched by rule, node
-- and the text found, not by offset, so the ignore survives edits elsewhere.
CREATE TABLE check_ignores (
    id         INTEGER PRIMARY KEY,
    draft_id   INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    rule       TEXT NOT NULL,
    part       TEXT,
    node_id    INTEGER,
    text       TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX check_ignores_by_draft ON check_ignores(draft_id);
-- 不再提示此规则: rules the writer has switched off in every draft.
CREATE TABLE check_muted (
    rule       TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
);
