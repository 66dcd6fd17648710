//! The library: paragraph blocks and stock phrases, with tags and speech types.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::search::{index_item, optimize, unindex, SearchQuery, OPTIMIZE_AFTER};
use super::{now, tag_id, Store};
use crate::assets::Fnv;
use crate::error::{Error, Result, TextOf, Thing};
use crate::markup;
use crate::outline::{LeadStyle, NewNode};
use crate::search::ItemKind;
use crate::slot;
use crate::types;

/// Longest block or phrase text accepted, in characters: a whole speech fits easily;
/// a pasted book does not.
pub const MAX_TEXT_CHARS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub title: String,
    /// Outline markup (see assets/library/README.md).
    pub text: String,
    pub lead: LeadStyle,
    pub types: Vec<String>,
    pub tags: Vec<String>,
    pub favourite: bool,
    pub use_count: i64,
    pub builtin: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Block {
    /// The block as outline nodes, ready to go into a draft.
    pub fn nodes(&self) -> Vec<NewNode> {
        let mut nodes = markup::parse_outline(&self.text, self.lead);
        fn mark(nodes: &mut [NewNode], id: i64) {
            for n in nodes {
                n.source_block = Some(id);
                mark(&mut n.children, id);
            }
        }
        mark(&mut nodes, self.id);
        nodes
    }
}

/// A deleted block or phrase exactly as its rows were, for 撤销 ([`Store::restore_item`]).
#[derive(Debug, Clone)]
pub struct Deleted {
    pub kind: ItemKind,
    pub id: i64,
    row: Vec<Value>,
    types: Vec<String>,
    tags: Vec<String>,
}

/// The table of an item kind and the prefix of its `_types`/`_tags` tables.
fn item_tables(kind: ItemKind) -> (&'static str, &'static str) {
    match kind {
        ItemKind::Block => ("blocks", "block"),
        ItemKind::Phrase => ("phrases", "phrase"),
    }
}

/// How a block is named: its id, or a built-in key such as `general-new-employment-forms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockRef {
    Id(i64),
    Key(String),
}

impl BlockRef {
    /// A number is an id; anything else a key.
    pub fn parse(s: &str) -> BlockRef {
        match s.trim().parse() {
            Ok(id) => BlockRef::Id(id),
            Err(_) => BlockRef::Key(s.trim().to_string()),
        }
    }
}

impl From<&str> for BlockRef {
    fn from(s: &str) -> Self {
        BlockRef::parse(s)
    }
}

impl From<&String> for BlockRef {
    fn from(s: &String) -> Self {
        BlockRef::parse(s)
    }
}

impl From<i64> for BlockRef {
    fn from(id: i64) -> Self {
        BlockRef::Id(id)
    }
}

impl std::fmt::Display for BlockRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BlockRef::Id(id) => write!(f, "{id}"),
            BlockRef::Key(k) => write!(f, "{k:?}"),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewBlock {
    pub title: Option<String>,
    pub text: String,
    pub lead: LeadStyle,
    pub types: Vec<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct BlockQuery {
    pub text: String,
    pub speech_type: Option<String>,
    pub tag: Option<String>,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phrase {
    pub id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    pub text: String,
    pub tags: Vec<String>,
    pub types: Vec<String>,
    pub favourite: bool,
    pub use_count: i64,
}

/// The content hash that tells whether a built-in row was edited since seeding.
pub fn block_hash(
    title: &str,
    text: &str,
    lead: LeadStyle,
    types: &[String],
    tags: &[String],
) -> String {
    let mut types = types.to_vec();
    let mut tags = tags.to_vec();
    types.sort();
    tags.sort();
    Fnv::hash(&[
        title,
        text,
        lead.id(),
        &types.join("\u{1}"),
        &tags.join("\u{1}"),
    ])
}

pub(crate) fn phrase_hash(text: &str, types: &[String], tags: &[String]) -> String {
    let mut types = types.to_vec();
    let mut tags = tags.to_vec();
    types.sort();
    tags.sort();
    Fnv::hash(&[text, &types.join("\u{1}"), &tags.join("\u{1}")])
}

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn load_block(conn: &Connection, id: i64) -> Result<Option<Block>> {
    let row = conn
        .query_row(
            "SELECT id, key, title, body, lead_style, favourite, use_count, created_at, updated_at
             FROM blocks WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, bool>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            },
        )
        .optional()?;
    let Some((id, key, title, text, lead, favourite, use_count, created_at, updated_at)) = row
    else {
        return Ok(None);
    };
    Ok(Some(Block {
        id,
        builtin: key.is_some(),
        key,
        title,
        text,
        lead: LeadStyle::parse(&lead).unwrap_or_default(),
        types: strings(
            conn,
            "SELECT speech_type FROM block_types WHERE block_id = ?1 ORDER BY speech_type",
            id,
        )?,
        tags: strings(
            conn,
            "SELECT t.name FROM block_tags bt JOIN tags t ON t.id = bt.tag_id
             WHERE bt.block_id = ?1 ORDER BY t.name",
            id,
        )?,
        favourite,
        use_count,
        created_at,
        updated_at,
    }))
}

pub(crate) fn load_phrase(conn: &Connection, id: i64) -> Result<Option<Phrase>> {
    let row = conn
        .query_row(
            "SELECT key, text, favourite, use_count FROM phrases WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, bool>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            },
        )
        .optional()?;
    let Some((key, text, favourite, use_count)) = row else {
        return Ok(None);
    };
    Ok(Some(Phrase {
        id,
        key,
        text,
        tags: strings(
            conn,
            "SELECT t.name FROM phrase_tags pt JOIN tags t ON t.id = pt.tag_id
             WHERE pt.phrase_id = ?1 ORDER BY t.name",
            id,
        )?,
        types: strings(
            conn,
            "SELECT speech_type FROM phrase_types WHERE phrase_id = ?1 ORDER BY speech_type",
            id,
        )?,
        favourite,
        use_count,
    }))
}

/// Replaces a block's content, tags and types.
pub(crate) fn write_block(tx: &Transaction, id: i64, b: &NewBlock, title: &str) -> Result<()> {
    tx.execute(
        "UPDATE blocks SET title = ?2, body = ?3, lead_style = ?4, updated_at = ?5 WHERE id = ?1",
        (id, title, &b.text, b.lead.id(), now()),
    )?;
    tx.execute("DELETE FROM block_types WHERE block_id = ?1", [id])?;
    tx.execute("DELETE FROM block_tags WHERE block_id = ?1", [id])?;
    for t in &b.types {
        tx.execute(
            "INSERT OR IGNORE INTO block_types(block_id, speech_type) VALUES (?1, ?2)",
            (id, t),
        )?;
    }
    for t in &b.tags {
        let tag = tag_id(tx, t)?;
        tx.execute(
            "INSERT OR IGNORE INTO block_tags(block_id, tag_id) VALUES (?1, ?2)",
            (id, tag),
        )?;
    }
    index_item(tx, ItemKind::Block, id)
}

pub(crate) fn insert_block(
    tx: &Transaction,
    key: Option<&str>,
    b: &NewBlock,
    title: &str,
) -> Result<i64> {
    let t = now();
    tx.execute(
        "INSERT INTO blocks(key, title, body, lead_style, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        (key, title, &b.text, b.lead.id(), t),
    )?;
    let id = tx.last_insert_rowid();
    write_block(tx, id, b, title)?;
    Ok(id)
}

pub(crate) fn write_phrase(
    tx: &Transaction,
    id: i64,
    text: &str,
    types: &[String],
    tags: &[String],
) -> Result<()> {
    tx.execute(
        "UPDATE phrases SET text = ?2, updated_at = ?3 WHERE id = ?1",
        (id, text, now()),
    )?;
    tx.execute("DELETE FROM phrase_types WHERE phrase_id = ?1", [id])?;
    tx.execute("DELETE FROM phrase_tags WHERE phrase_id = ?1", [id])?;
    for t in types {
        tx.execute(
            "INSERT OR IGNORE INTO phrase_types(phrase_id, speech_type) VALUES (?1, ?2)",
            (id, t),
        )?;
    }
    for t in tags {
        let tag = tag_id(tx, t)?;
        tx.execute(
            "INSERT OR IGNORE INTO phrase_tags(phrase_id, tag_id) VALUES (?1, ?2)",
            (id, tag),
        )?;
    }
    index_item(tx, ItemKind::Phrase, id)
}

pub(crate) fn insert_phrase(
    tx: &Transaction,
    key: Option<&str>,
    text: &str,
    types: &[String],
    tags: &[String],
) -> Result<i64> {
    let t = now();
    tx.execute(
        "INSERT INTO phrases(key, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        (key, text, t),
    )?;
    let id = tx.last_insert_rowid();
    write_phrase(tx, id, text, types, tags)?;
    Ok(id)
}

/// Checks text typed by the writer: size, slot syntax (with line and column).
/// The not-found subject for a library item kind.
pub(crate) fn thing(kind: ItemKind) -> Thing {
    match kind {
        ItemKind::Block => Thing::Block,
        ItemKind::Phrase => Thing::Phrase,
    }
}

pub(crate) fn check_text(what: TextOf, text: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(Error::EmptyText { what });
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(Error::TextTooLong {
            what,
            chars,
            limit: MAX_TEXT_CHARS,
        });
    }
    slot::parse(text).map_err(|e| {
        let (line, column) = e.line_column(text);
        Error::SlotMarkup {
            what,
            line,
            column,
            message: e.message.to_string(),
        }
    })?;
    Ok(())
}

pub(crate) fn clean_list(items: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !out.iter().any(|o| o == i) {
            out.push(i.to_string());
        }
    }
    out
}

/// A title for a block the writer did not name: the start of its first line.
fn default_title(text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let first = first.trim_start_matches(['#', '-', ' ']);
    let plain: String = markup::spans(first).iter().map(|s| s.text).collect();
    let title: String = plain.chars().take(20).collect();
    if plain.chars().count() > 20 {
        format!("{title}…")
    } else {
        title
    }
}

impl Store {
    /// Adds one of the writer's own blocks.
    pub fn add_block(&mut self, new: NewBlock) -> Result<i64> {
        check_text(TextOf::Block, &new.text)?;
        for t in &new.types {
            types::find(t)?;
        }
        let new = NewBlock {
            types: clean_list(&new.types),
            tags: clean_list(&new.tags),
            ..new
        };
        let title = match new.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => default_title(&new.text),
        };
        self.write(|tx| insert_block(tx, None, &new, &title))
    }

    /// A block by id or built-in key.
    pub fn block(&self, r: impl Into<BlockRef>) -> Result<Block> {
        let r = r.into();
        let id = match &r {
            BlockRef::Id(id) => Some(*id),
            BlockRef::Key(key) => self
                .conn()
                .query_row("SELECT id FROM blocks WHERE key = ?1", [key], |row| {
                    row.get(0)
                })
                .optional()?,
        };
        match id {
            Some(id) => load_block(self.conn(), id)?,
            None => None,
        }
        .ok_or_else(|| Error::not_found(Thing::Block, &r))
    }

    /// Blocks matching a query (see [`Store::search`]), as whole blocks.
    pub fn search_blocks(&self, q: &BlockQuery) -> Result<Vec<Block>> {
        let hits = self.search(&SearchQuery {
            text: q.text.clone(),
            kind: Some(ItemKind::Block),
            speech_type: q.speech_type.clone(),
            tag: q.tag.clone(),
            limit: if q.limit == 0 { 20 } else { q.limit },
            ..SearchQuery::default()
        })?;
        hits.iter()
            .filter_map(|h| load_block(self.conn(), h.id).transpose())
            .collect()
    }

    pub fn add_phrase(&mut self, text: &str, tags: &[String], types: &[String]) -> Result<i64> {
        check_text(TextOf::Phrase, text)?;
        for t in types {
            types::find(t)?;
        }
        let (tags, types) = (clean_list(tags), clean_list(types));
        self.write(|tx| insert_phrase(tx, None, text.trim(), &types, &tags))
    }

    pub fn phrase(&self, id: i64) -> Result<Phrase> {
        load_phrase(self.conn(), id)?.ok_or_else(|| Error::not_found(Thing::Phrase, id))
    }

    /// Phrases matching a query (see [`Store::search`]).
    pub fn search_phrases(&self, query: &str, limit: usize) -> Result<Vec<Phrase>> {
        let hits = self.search(&SearchQuery {
            text: query.to_string(),
            kind: Some(ItemKind::Phrase),
            limit: if limit == 0 { 20 } else { limit },
            ..SearchQuery::default()
        })?;
        hits.iter()
            .filter_map(|h| load_phrase(self.conn(), h.id).transpose())
            .collect()
    }

    /// Replaces a block's content, tags and types. Without a title the title is taken
    /// from the new text, as when adding.
    pub fn update_block(&mut self, id: i64, new: NewBlock) -> Result<()> {
        check_text(TextOf::Block, &new.text)?;
        for t in &new.types {
            types::find(t)?;
        }
        self.block(id)?;
        let new = NewBlock {
            types: clean_list(&new.types),
            tags: clean_list(&new.tags),
            ..new
        };
        let title = match new.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t.to_string(),
            _ => default_title(&new.text),
        };
        self.write(|tx| write_block(tx, id, &new, &title))
    }

    /// Deletes a block; drafts keep their copies of it. Returns it as it was.
    pub fn delete_block(&mut self, id: i64) -> Result<Block> {
        let b = self.block(BlockRef::Id(id))?;
        self.delete_item(ItemKind::Block, id)?;
        Ok(b)
    }

    /// Deletes a block or phrase and returns everything needed to bring it back as it
    /// was ([`Store::restore_item`]): one transaction.
    pub fn delete_item(&mut self, kind: ItemKind, id: i64) -> Result<Deleted> {
        let (table, item_col) = item_tables(kind);
        self.write(|tx| {
            let row: Option<Vec<Value>> = {
                let mut st = tx.prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
                let n = st.column_count();
                st.query_row([id], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                    .optional()?
            };
            let row = row.ok_or_else(|| Error::not_found(thing(kind), id))?;
            let types = strings(
                tx,
                &format!("SELECT speech_type FROM {item_col}_types WHERE {item_col}_id = ?1"),
                id,
            )?;
            let tags = strings(
                tx,
                &format!(
                    "SELECT t.name FROM {item_col}_tags x JOIN tags t ON t.id = x.tag_id
                     WHERE x.{item_col}_id = ?1"
                ),
                id,
            )?;
            unindex(tx, kind, id)?;
            tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
            Ok(Deleted {
                kind,
                id,
                row,
                types,
                tags,
            })
        })
    }

    /// Brings back a deleted block or phrase with its id, use count, favourite, dates,
    /// types, tags and search-index rows, in one transaction.
    pub fn restore_item(&mut self, d: &Deleted) -> Result<()> {
        let (table, item_col) = item_tables(d.kind);
        self.write(|tx| {
            let marks = vec!["?"; d.row.len()].join(", ");
            tx.execute(
                &format!("INSERT INTO {table} VALUES ({marks})"),
                rusqlite::params_from_iter(d.row.iter()),
            )?;
            for t in &d.types {
                tx.execute(
                    &format!(
                        "INSERT OR IGNORE INTO {item_col}_types({item_col}_id, speech_type) VALUES (?1, ?2)"
                    ),
                    (d.id, t),
                )?;
            }
            for t in &d.tags {
                let tag = tag_id(tx, t)?;
                tx.execute(
                    &format!(
                        "INSERT OR IGNORE INTO {item_col}_tags({item_col}_id, tag_id) VALUES (?1, ?2)"
                    ),
                    (d.id, tag),
                )?;
            }
            index_item(tx, d.kind, d.id)
        })
    }

    pub fn update_phrase(
        &mut self,
        id: i64,
        text: &str,
        tags: &[String],
        types: &[String],
    ) -> Result<()> {
        check_text(TextOf::Phrase, text)?;
        for t in types {
            types::find(t)?;
        }
        self.phrase(id)?;
        let (tags, types) = (clean_list(tags), clean_list(types));
        self.write(|tx| write_phrase(tx, id, text.trim(), &types, &tags))
    }

    pub fn delete_phrase(&mut self, id: i64) -> Result<Phrase> {
        let p = self.phrase(id)?;
        self.delete_item(ItemKind::Phrase, id)?;
        Ok(p)
    }

    /// Marks or unmarks a block or phrase as a favourite.
    pub fn set_favourite(&mut self, kind: ItemKind, id: i64, on: bool) -> Result<()> {
        let table = match kind {
            ItemKind::Block => "blocks",
            ItemKind::Phrase => "phrases",
        };
        self.write(|tx| {
            let n = tx.execute(
                &format!("UPDATE {table} SET favourite = ?2 WHERE id = ?1"),
                (id, on),
            )?;
            if n == 0 {
                return Err(Error::not_found(thing(kind), id));
            }
            index_item(tx, kind, id)
        })
    }

    /// Counts one use of a phrase (inserted at the cursor) and returns it.
    pub fn use_phrase(&mut self, id: i64) -> Result<Phrase> {
        self.phrase(id)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE phrases SET use_count = use_count + 1, last_used_at = ?2 WHERE id = ?1",
                (id, now()),
            )?;
            index_item(tx, ItemKind::Phrase, id)
        })?;
        self.phrase(id)
    }

    /// Adds many blocks in one transaction (packs, imports, generated libraries).
    pub fn add_blocks(&mut self, blocks: &[NewBlock]) -> Result<Vec<i64>> {
        for b in blocks {
            check_text(TextOf::Block, &b.text)?;
            for t in &b.types {
                types::find(t)?;
            }
        }
        self.write(|tx| {
            blocks
                .iter()
                .map(|b| {
                    let b = NewBlock {
                        types: clean_list(&b.types),
                        tags: clean_list(&b.tags),
                        ..b.clone()
                    };
                    let title = match b.title.as_deref().map(str::trim) {
                        Some(t) if !t.is_empty() => t.to_string(),
                        _ => default_title(&b.text),
                    };
                    insert_block(tx, None, &b, &title)
                })
                .collect::<Result<Vec<i64>>>()
                .and_then(|ids| {
                    if ids.len() >= OPTIMIZE_AFTER {
                        optimize(tx)?;
                    }
                    Ok(ids)
                })
        })
    }

    /// Counts of the library's contents: (blocks, phrases, templates).
    pub fn library_counts(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM blocks), (SELECT count(*) FROM phrases),
                    (SELECT count(*) FROM templates)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }
}

/// Counts one use of a block (inserting it into a draft).
pub(crate) fn record_block_use(tx: &Transaction, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE blocks SET use_count = use_count + 1, last_used_at = ?2 WHERE id = ?1",
        (id, now()),
    )?;
    // A new index rowid: recently used items come first among equals.
    index_item(tx, ItemKind::Block, id)
}
