-- Schema version 2: the library search index (see src/search.rs for its tokens).
--
-- One rowid per block or phrase (search_map), shared by four contentless FTS5 tables:
--   search_bi        overlapping character pairs of title, tags and text, with positions:
--                    queries of 2+ characters are phrases of pairs
--   search_uni       single characters of the same text, no positions: 1-character queries
--   search_title_bi  the same two for titles alone, so "found in the title" is a lookup
--   search_title_uni in a small index rather than a column filter over a big one
-- Each row also holds facet tokens (kind, speech types, tags, favourite) for filters.
-- Rows are re-inserted with a new rowid when the item is used, edited or favourited, so
-- rowid order is activity order.
CREATE TABLE search_map (
    rowid   INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('block', 'phrase')),
    item_id INTEGER NOT NULL,
    UNIQUE (kind, item_id)
);

CREATE VIRTUAL TABLE search_bi USING fts5(
    doc, tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE search_uni USING fts5(
    doc, tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1, detail = none
);
CREATE VIRTUAL TABLE search_title_bi USING fts5(
    doc, tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE search_title_uni USING fts5(
    doc, tokenize = 'unicode61 remove_diacritics 0',
    content = '', contentless_delete = 1, detail = none
);

CREATE INDEX blocks_use ON blocks(use_count);
CREATE INDEX phrases_use ON phrases(use_count);

-- The index is filled by the program (it needs the tokenizer in src/search.rs).
INSERT INTO settings(key, value) VALUES ('search_index', 'rebuild')
    ON CONFLICT(key) DO UPDATE SET value = 'rebuild';
