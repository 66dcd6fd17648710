//! The search index in the store: keeping it in step with blocks and phrases, and
//! answering queries (see src/search.rs for tokens, ranking and snippets).

use std::collections::HashMap;

use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::Serialize;

use super::Store;
use crate::error::Result;
use crate::search::{
    self, block_search_text, index_bigrams, index_text, phrase, snippet, tag_facet, type_facet,
    Field, ItemKind, Phrase, Segment, Sort, FACET_BLOCK, FACET_FAVOURITE, FACET_NO_TYPE,
    FACET_PHRASE,
};
use crate::types;

/// Bumped when what goes into the index changes: the index is then rebuilt on open.
pub(crate) const INDEX_VERSION: &str = "1";

#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    pub kind: Option<ItemKind>,
    pub speech_type: Option<String>,
    pub tag: Option<String>,
    pub favourite: bool,
    pub sort: Sort,
    /// 0 means 50.
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: ItemKind,
    pub id: i64,
    /// A block's title, or a phrase's text.
    pub title: String,
    /// The text as the writer reads it (markup removed).
    pub text: String,
    pub tags: Vec<String>,
    pub types: Vec<String>,
    pub favourite: bool,
    pub use_count: i64,
    /// Where the query was found.
    pub field: Field,
    /// Around the first occurrence, occurrences marked.
    pub snippet: Vec<Segment>,
}

struct Row {
    kind: ItemKind,
    id: i64,
    title: String,
    text: String,
    favourite: bool,
    use_count: i64,
    tags: Vec<String>,
    types: Vec<String>,
}

fn strings_by_id(conn: &Connection, sql: &str, ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let marks = vec!["?"; ids.len()].join(",");
    let mut st = conn.prepare(&sql.replace("{ids}", &marks))?;
    let rows = st.query_map(params_from_iter(ids), |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (id, s) = row?;
        out.entry(id).or_default().push(s);
    }
    Ok(out)
}

fn load_rows(conn: &Connection, kind: ItemKind, ids: &[i64]) -> Result<Vec<Row>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(",");
    let (sql, tags_sql, types_sql) = match kind {
        ItemKind::Block => (
            format!("SELECT id, title, body, favourite, use_count FROM blocks WHERE id IN ({marks})"),
            "SELECT bt.block_id, t.name FROM block_tags bt JOIN tags t ON t.id = bt.tag_id WHERE bt.block_id IN ({ids}) ORDER BY t.name",
            "SELECT block_id, speech_type FROM block_types WHERE block_id IN ({ids}) ORDER BY speech_type",
        ),
        ItemKind::Phrase => (
            format!("SELECT id, text, text, favourite, use_count FROM phrases WHERE id IN ({marks})"),
            "SELECT pt.phrase_id, t.name FROM phrase_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.phrase_id IN ({ids}) ORDER BY t.name",
            "SELECT phrase_id, speech_type FROM phrase_types WHERE phrase_id IN ({ids}) ORDER BY speech_type",
        ),
    };
    let mut tags = strings_by_id(conn, tags_sql, ids)?;
    let mut types = strings_by_id(conn, types_sql, ids)?;
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(params_from_iter(ids), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, bool>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    let mut out = Vec::with_capacity(ids.len());
    for row in rows {
        let (id, title, body, favourite, use_count) = row?;
        let text = match kind {
            ItemKind::Block => block_search_text(&body),
            ItemKind::Phrase => body,
        };
        out.push(Row {
            kind,
            id,
            title,
            text,
            favourite,
            use_count,
            tags: tags.remove(&id).unwrap_or_default(),
            types: types.remove(&id).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Writes (or rewrites, with a new rowid) the index row of one item.
pub(crate) fn index_item(conn: &Connection, kind: ItemKind, id: i64) -> Result<()> {
    unindex(conn, kind, id)?;
    let Some(row) = load_rows(conn, kind, &[id])?.pop() else {
        return Ok(());
    };
    let title = if kind == ItemKind::Block {
        row.title.as_str()
    } else {
        ""
    };
    let tags = row.tags.join("\n");
    let mut facets = vec![match kind {
        ItemKind::Block => FACET_BLOCK.to_string(),
        ItemKind::Phrase => FACET_PHRASE.to_string(),
    }];
    if row.favourite {
        facets.push(FACET_FAVOURITE.into());
    }
    facets.extend(row.types.iter().map(|t| type_facet(t)));
    if row.types.is_empty() {
        facets.push(FACET_NO_TYPE.into());
    }
    facets.extend(row.tags.iter().map(|t| tag_facet(t)));
    conn.execute(
        "INSERT INTO search_map(kind, item_id) VALUES (?1, ?2)",
        (kind.id(), id),
    )?;
    let rowid = conn.last_insert_rowid();
    let facets = facets.join(" ");
    // Facet tokens are longer than any text token, so one column holds both.
    let all = format!("{title}\n{tags}\n{}", row.text);
    for (table, text, write) in [
        (
            "search_uni",
            all.as_str(),
            index_text as fn(&str, &mut String),
        ),
        (
            "search_bi",
            all.as_str(),
            index_bigrams as fn(&str, &mut String),
        ),
        (
            "search_title_uni",
            title,
            index_text as fn(&str, &mut String),
        ),
        (
            "search_title_bi",
            title,
            index_bigrams as fn(&str, &mut String),
        ),
    ] {
        let mut doc = String::with_capacity(text.len() * 2 + facets.len());
        write(text, &mut doc);
        doc.push_str(&facets);
        conn.execute(
            &format!("INSERT INTO {table}(rowid, doc) VALUES (?1, ?2)"),
            (rowid, doc),
        )?;
    }
    Ok(())
}

/// The four index tables (see schema_v2.sql).
const TABLES: [&str; 4] = [
    "search_uni",
    "search_bi",
    "search_title_uni",
    "search_title_bi",
];

pub(crate) fn unindex(conn: &Connection, kind: ItemKind, id: i64) -> Result<()> {
    let rowid: Option<i64> = conn
        .query_row(
            "SELECT rowid FROM search_map WHERE kind = ?1 AND item_id = ?2",
            (kind.id(), id),
            |r| r.get(0),
        )
        .optional()?;
    if let Some(rowid) = rowid {
        for table in TABLES {
            conn.execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [rowid])?;
        }
        conn.execute("DELETE FROM search_map WHERE rowid = ?1", [rowid])?;
    }
    Ok(())
}

/// Re-indexes every item that carries a tag (after a rename or merge).
pub(crate) fn reindex_tag(conn: &Connection, tag_id: i64) -> Result<()> {
    for (kind, sql) in [
        (
            ItemKind::Block,
            "SELECT block_id FROM block_tags WHERE tag_id = ?1",
        ),
        (
            ItemKind::Phrase,
            "SELECT phrase_id FROM phrase_tags WHERE tag_id = ?1",
        ),
    ] {
        let ids: Vec<i64> = conn
            .prepare(sql)?
            .query_map([tag_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            index_item(conn, kind, id)?;
        }
    }
    Ok(())
}

/// Merges the index's segments into one. Worth it after many rows were added at once
/// (rebuild, a pack, a big import): a phrase lookup then seeks in one b-tree, not dozens.
pub(crate) fn optimize(conn: &Connection) -> Result<()> {
    for table in TABLES {
        conn.execute(
            &format!("INSERT INTO {table}({table}) VALUES ('optimize')"),
            [],
        )?;
    }
    Ok(())
}

/// Rows added in one go from which merging the index pays off.
pub(crate) const OPTIMIZE_AFTER: usize = 500;

/// Rebuilds the whole index, oldest activity first so rowid order stays activity order.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    conn.execute("DELETE FROM search_map", [])?;
    let items: Vec<(String, i64)> = conn
        .prepare(
            "SELECT 'block', id, max(COALESCE(last_used_at, 0), updated_at) AS a FROM blocks
             UNION ALL SELECT 'phrase', id, max(COALESCE(last_used_at, 0), updated_at) FROM phrases
             ORDER BY a, 1, 2",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, id) in items {
        let kind = if kind == "block" {
            ItemKind::Block
        } else {
            ItemKind::Phrase
        };
        index_item(conn, kind, id)?;
    }
    optimize(conn)?;
    conn.execute(
        "INSERT INTO settings(key, value) VALUES ('search_index', ?1)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [INDEX_VERSION],
    )?;
    Ok(())
}

fn kinds(q: &SearchQuery) -> Vec<ItemKind> {
    match q.kind {
        Some(k) => vec![k],
        None => vec![ItemKind::Block, ItemKind::Phrase],
    }
}

/// Ids of items matching the filters, without a text query, in the requested order.
fn list(conn: &Connection, q: &SearchQuery, kind: ItemKind, limit: usize) -> Result<Vec<i64>> {
    let (table, types, tags, fk) = match kind {
        ItemKind::Block => ("blocks", "block_types", "block_tags", "block_id"),
        ItemKind::Phrase => ("phrases", "phrase_types", "phrase_tags", "phrase_id"),
    };
    let order = match q.sort {
        Sort::Relevance => "x.favourite DESC, x.use_count DESC, activity DESC, x.id DESC",
        Sort::Used => "x.use_count DESC, x.favourite DESC, activity DESC, x.id DESC",
        Sort::Recent => "activity DESC, x.id DESC",
    };
    let sql = format!(
        "SELECT x.id, max(COALESCE(x.last_used_at, 0), x.updated_at) AS activity FROM {table} x
         WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM {types} y WHERE y.{fk} = x.id AND y.speech_type = ?1)
                OR NOT EXISTS (SELECT 1 FROM {types} y WHERE y.{fk} = x.id))
           AND (?2 IS NULL OR EXISTS (SELECT 1 FROM {tags} g JOIN tags t ON t.id = g.tag_id
                                      WHERE g.{fk} = x.id AND t.name = ?2))
           AND (?3 = 0 OR x.favourite = 1)
         ORDER BY {order} LIMIT ?4"
    );
    let ids = conn
        .prepare_cached(&sql)?
        .query_map((&q.speech_type, &q.tag, q.favourite, limit as i64), |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Rowids matching an FTS expression, most recent activity first.
fn matching(conn: &Connection, table: &str, expr: &str, limit: usize) -> Result<Vec<i64>> {
    let ids = conn
        .prepare_cached(&format!(
            "SELECT rowid FROM {table} WHERE {table} MATCH ?1 ORDER BY rowid DESC LIMIT ?2"
        ))?
        .query_map((expr, limit as i64), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// A match before its text is loaded: enough to rank it.
struct Candidate {
    kind: ItemKind,
    id: i64,
    field: Field,
    /// Index rowid: higher is more recent activity (0 when listing without a query).
    rowid: i64,
    favourite: bool,
    use_count: i64,
    activity: i64,
}

/// Favourite, use count and activity of items, for ranking.
fn usage(conn: &Connection, kind: ItemKind, ids: &[i64]) -> Result<HashMap<i64, (bool, i64, i64)>> {
    let mut out = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let table = match kind {
        ItemKind::Block => "blocks",
        ItemKind::Phrase => "phrases",
    };
    let marks = vec!["?"; ids.len()].join(",");
    let mut st = conn.prepare(&format!(
        "SELECT id, favourite, use_count, max(COALESCE(last_used_at, 0), updated_at) FROM {table} WHERE id IN ({marks})"
    ))?;
    let rows = st.query_map(params_from_iter(ids), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            (
                r.get::<_, bool>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ),
        ))
    })?;
    for row in rows {
        let (id, u) = row?;
        out.insert(id, u);
    }
    Ok(out)
}

/// The filters as facet conditions appended to an index expression.
fn facet_filter(q: &SearchQuery) -> String {
    let mut filter = String::new();
    if let Some(kind) = q.kind {
        let f = if kind == ItemKind::Block {
            FACET_BLOCK
        } else {
            FACET_PHRASE
        };
        filter.push_str(&format!(" AND {f}"));
    }
    if let Some(t) = &q.speech_type {
        // Items without a type suit every type.
        filter.push_str(&format!(" AND ({} OR {FACET_NO_TYPE})", type_facet(t)));
    }
    if let Some(tag) = &q.tag {
        filter.push_str(&format!(" AND {}", tag_facet(tag)));
    }
    if q.favourite {
        filter.push_str(&format!(" AND {FACET_FAVOURITE}"));
    }
    filter
}

/// Tags whose name contains the query (tags are few: a scan is instant).
fn matching_tags(conn: &Connection, query: &str) -> Result<Vec<String>> {
    let names = conn
        .prepare_cached(
            "SELECT name FROM tags WHERE instr(lower(name), lower(?1)) > 0 ORDER BY name LIMIT 200",
        )?
        .query_map([query], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

impl Store {
    /// Merges the search index (see [`optimize`]); also a maintenance command.
    pub fn optimize_index(&mut self) -> Result<()> {
        self.write(|tx| optimize(tx))
    }

    /// Searches blocks and phrases for any text of one or more characters, exactly: every
    /// item containing the query (in its title, tags or text) can be found, and query
    /// characters are never syntax.
    ///
    /// Relevance is where the query stands (title, then tags, then text); then come
    /// favourites, use count and recency. Candidates are the most recently active matches
    /// of each field plus the favourites among the matches, so a query that matches
    /// thousands of items ranks the recent ones, which is what a writer looks for first.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<Hit>> {
        if let Some(t) = &q.speech_type {
            types::find(t)?;
        }
        let limit = if q.limit == 0 { 50 } else { q.limit.min(1000) };
        let conn = self.conn();
        let query = q.text.trim();
        // (kind, id) → (field, rowid)
        let mut found: HashMap<(ItemKind, i64), (Field, i64)> = HashMap::new();
        match phrase(query) {
            None => {
                for kind in kinds(q) {
                    for id in list(conn, q, kind, limit)? {
                        found.insert((kind, id), (Field::Any, 0));
                    }
                }
            }
            Some(p) => {
                let (main, titles, p) = match p {
                    Phrase::Char(p) => ("search_uni", "search_title_uni", p),
                    Phrase::Bigrams(p) => ("search_bi", "search_title_bi", p),
                };
                let filter = facet_filter(q);
                let per_field = limit + 10;
                let mut field_of: HashMap<i64, Field> = HashMap::new();
                for rowid in matching(conn, titles, &format!("{p}{filter}"), per_field)? {
                    field_of.entry(rowid).or_insert(Field::Title);
                }
                let tags = matching_tags(conn, query)?;
                if !tags.is_empty() {
                    let any: Vec<String> = tags.iter().map(|t| tag_facet(t)).collect();
                    let expr = format!("({}){filter}", any.join(" OR "));
                    for rowid in matching(conn, "search_uni", &expr, per_field)? {
                        field_of.entry(rowid).or_insert(Field::Tag);
                    }
                }
                for rowid in matching(conn, main, &format!("{p}{filter}"), per_field)? {
                    field_of.entry(rowid).or_insert(Field::Text);
                }
                if !q.favourite {
                    let expr = format!("{p}{filter} AND {FACET_FAVOURITE}");
                    for rowid in matching(conn, main, &expr, per_field)? {
                        field_of.entry(rowid).or_insert(Field::Text);
                    }
                }
                if !field_of.is_empty() {
                    let rowids: Vec<i64> = field_of.keys().copied().collect();
                    let marks = vec!["?"; rowids.len()].join(",");
                    let mut st = conn.prepare(&format!(
                        "SELECT rowid, kind, item_id FROM search_map WHERE rowid IN ({marks})"
                    ))?;
                    let rows = st.query_map(params_from_iter(&rowids), |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, i64>(2)?,
                        ))
                    })?;
                    for row in rows {
                        let (rowid, kind, id) = row?;
                        let kind = if kind == "block" {
                            ItemKind::Block
                        } else {
                            ItemKind::Phrase
                        };
                        let field = field_of.get(&rowid).copied().unwrap_or(Field::Text);
                        found.insert((kind, id), (field, rowid));
                    }
                }
            }
        }
        // Rank on cheap columns first; load text only for what is shown.
        let mut candidates: Vec<Candidate> = Vec::with_capacity(found.len());
        for kind in [ItemKind::Block, ItemKind::Phrase] {
            let ids: Vec<i64> = found
                .keys()
                .filter(|(k, _)| *k == kind)
                .map(|(_, id)| *id)
                .collect();
            for (id, (favourite, use_count, activity)) in usage(conn, kind, &ids)? {
                let (field, rowid) = found.get(&(kind, id)).copied().unwrap_or((Field::Text, 0));
                candidates.push(Candidate {
                    kind,
                    id,
                    field,
                    rowid,
                    favourite,
                    use_count,
                    activity,
                });
            }
        }
        use std::cmp::Reverse as R;
        match q.sort {
            Sort::Relevance => candidates.sort_by_key(|c| {
                (
                    c.field,
                    !c.favourite,
                    R(c.use_count),
                    R(c.activity),
                    R(c.rowid),
                    c.kind,
                    R(c.id),
                )
            }),
            Sort::Used => candidates.sort_by_key(|c| {
                (
                    R(c.use_count),
                    !c.favourite,
                    c.field,
                    R(c.activity),
                    R(c.rowid),
                    c.kind,
                    R(c.id),
                )
            }),
            Sort::Recent => {
                candidates.sort_by_key(|c| (R(c.activity), R(c.rowid), c.kind, R(c.id)))
            }
        }
        candidates.truncate(limit);
        let mut rows: HashMap<(ItemKind, i64), Row> = HashMap::new();
        for kind in [ItemKind::Block, ItemKind::Phrase] {
            let ids: Vec<i64> = candidates
                .iter()
                .filter(|c| c.kind == kind)
                .map(|c| c.id)
                .collect();
            for r in load_rows(conn, kind, &ids)? {
                rows.insert((kind, r.id), r);
            }
        }
        Ok(candidates
            .into_iter()
            .filter_map(|c| {
                let r = rows.remove(&(c.kind, c.id))?;
                let in_title =
                    c.field == Field::Title && !search::occurrences(&r.title, query).is_empty();
                let snip = if query.is_empty() {
                    snippet(&r.text, "", 0, 60)
                } else if in_title {
                    snippet(&r.title, query, 16, 60)
                } else {
                    snippet(&r.text, query, 16, 60)
                };
                Some(Hit {
                    kind: r.kind,
                    id: r.id,
                    title: r.title,
                    text: r.text,
                    tags: r.tags,
                    types: r.types,
                    favourite: r.favourite,
                    use_count: r.use_count,
                    field: c.field,
                    snippet: snip,
                })
            })
            .collect())
    }
}
