-- Schema version 1. Never edit a released migration: add a new one.
CREATE TABLE templates (
    id          TEXT PRIMARY KEY,
    speech_type TEXT NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    source      TEXT NOT NULL,           -- the template file (TOML)
    builtin     INTEGER NOT NULL DEFAULT 0,
    seed_hash   TEXT,                    -- hash of the built-in source as last seeded
    updated_at  INTEGER NOT NULL
);

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE blocks (
    id           INTEGER PRIMARY KEY,
    key          TEXT UNIQUE,            -- built-in key; NULL for the writer's own blocks
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,          -- outline markup
    lead_style   TEXT NOT NULL DEFAULT 'shi',
    favourite    INTEGER NOT NULL DEFAULT 0,
    use_count    INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    seed_hash    TEXT,                   -- content hash as seeded: differs once the writer edits
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE block_types (
    block_id    INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    speech_type TEXT NOT NULL,
    PRIMARY KEY (block_id, speech_type)
);

CREATE TABLE block_tags (
    block_id INTEGER NOT NULL REFERENCES blocks(id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (block_id, tag_id)
);
CREATE INDEX block_tags_tag ON block_tags(tag_id);

CREATE TABLE phrases (
    id           INTEGER PRIMARY KEY,
    key          TEXT UNIQUE,
    text         TEXT NOT NULL,
    favourite    INTEGER NOT NULL DEFAULT 0,
    use_count    INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    seed_hash    TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);

CREATE TABLE phrase_types (
    phrase_id   INTEGER NOT NULL REFERENCES phrases(id) ON DELETE CASCADE,
    speech_type TEXT NOT NULL,
    PRIMARY KEY (phrase_id, speech_type)
);

CREATE TABLE phrase_tags (
    phrase_id INTEGER NOT NULL REFERENCES phrases(id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (phrase_id, tag_id)
);
CREATE INDEX phrase_tags_tag ON phrase_tags(tag_id);

-- Every built-in key ever seeded. A key here whose row is gone was deleted by the
-- writer, and re-seeding does not bring it back.
CREATE TABLE seeded (
    key  TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('template', 'block', 'phrase')),
    PRIMARY KEY (kind, key)
);

CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,           -- may hold slots
    template_id TEXT,
    speech_type TEXT NOT NULL,
    speaker     TEXT,
    date_line   TEXT,
    greeting    TEXT,
    slot_defs   TEXT NOT NULL DEFAULT '[]',  -- JSON: the template's slot descriptions
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE draft_slots (
    draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (draft_id, name)
);

CREATE TABLE nodes (
    id              INTEGER PRIMARY KEY,
    draft_id        INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES nodes(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('heading', 'item', 'paragraph')),
    lead_style      TEXT,
    text            TEXT NOT NULL,
    source_block_id INTEGER REFERENCES blocks(id) ON DELETE SET NULL
);
CREATE INDEX nodes_tree ON nodes(draft_id, parent_id, position);

-- Profile slots (单位, 讲话人, 职务 …): remembered across drafts.
CREATE TABLE profile (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
