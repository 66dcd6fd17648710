-- Schema version 2: the library search index (see src/search.rs for its tokens).
-- Two contentless FTS5 tables share one rowid per block or phrase: `search_bi` holds
-- overlapping character pairs with positions (queries of 2+ characters are phrases of
-- pairs), `search_uni` single characters without positions (1-character queries).
-- Rows are re-inserted with a new rowid when the item is used, edited or favourited,
-- so rowid order is activity order.
CREATE TABLE search_map (
    rowid   INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('block', 'phrase')),
    item_id INTEGER NOT NULL,
    UNIQUE (kind, item_id)
);

CREATE VIRTUAL TABLE search_bi USING fts5(
    title, tags, body, facets,
    tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1
);

CREATE VIRTUAL TABLE search_uni USING fts5(
    title, tags, body, facets,
    tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1, detail = column
);

CREATE INDEX blocks_use ON blocks(use_count);
CREATE INDEX phrases_use ON phrases(use_count);

-- The index is filled by the program (it needs the tokenizer in src/search.rs).
INSERT INTO settings(key, value) VALUES ('search_index', 'rebuild')
    ON CONFLICT(key) DO UPDATE SET value = 'rebuild';
