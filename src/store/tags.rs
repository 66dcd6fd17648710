//! Tags: counts, rename and merge, adding and removing in bulk.

use rusqlite::OptionalExtension;
use serde::Serialize;

use super::search::{index_item, reindex_tag};
use super::{tag_id, Store};
use crate::error::{Error, Result, Thing};
use crate::search::ItemKind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCount {
    pub name: String,
    pub blocks: i64,
    pub phrases: i64,
}

fn clean(tag: &str) -> Result<String> {
    let t = tag.trim();
    if t.is_empty() {
        return Err(Error::EmptyTag);
    }
    if t.chars().count() > 40 {
        return Err(Error::TagTooLong {
            tag: t.to_string(),
            limit: 40,
        });
    }
    Ok(t.to_string())
}

fn link_table(kind: ItemKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        ItemKind::Block => ("block_tags", "block_id", "blocks"),
        ItemKind::Phrase => ("phrase_tags", "phrase_id", "phrases"),
    }
}

impl Store {
    /// Every tag in use with how many blocks and phrases carry it, most used first.
    pub fn tags(&self) -> Result<Vec<TagCount>> {
        let mut st = self.conn().prepare(
            "SELECT t.name,
                    (SELECT count(*) FROM block_tags b WHERE b.tag_id = t.id) AS nb,
                    (SELECT count(*) FROM phrase_tags p WHERE p.tag_id = t.id) AS np
             FROM tags t WHERE nb + np > 0 ORDER BY nb + np DESC, t.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok(TagCount {
                name: r.get(0)?,
                blocks: r.get(1)?,
                phrases: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Renames a tag; when the new name exists already the two are merged.
    /// Returns true when it merged.
    pub fn rename_tag(&mut self, old: &str, new: &str) -> Result<bool> {
        let (old, new) = (clean(old)?, clean(new)?);
        self.write(|tx| {
            let old_id: i64 = tx
                .query_row("SELECT id FROM tags WHERE name = ?1", [&old], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::not_found(Thing::Tag, format!("{old:?}")))?;
            if old == new {
                return Ok(false);
            }
            let existing: Option<i64> = tx
                .query_row("SELECT id FROM tags WHERE name = ?1", [&new], |r| r.get(0))
                .optional()?;
            let (target, merged) = match existing {
                Some(id) => {
                    for (table, fk) in [("block_tags", "block_id"), ("phrase_tags", "phrase_id")] {
                        tx.execute(
                            &format!("INSERT OR IGNORE INTO {table}({fk}, tag_id) SELECT {fk}, ?2 FROM {table} WHERE tag_id = ?1"),
                            (old_id, id),
                        )?;
                    }
                    tx.execute("DELETE FROM tags WHERE id = ?1", [old_id])?;
                    (id, true)
                }
                None => {
                    tx.execute("UPDATE tags SET name = ?2 WHERE id = ?1", (old_id, &new))?;
                    (old_id, false)
                }
            };
            reindex_tag(tx, target)?;
            Ok(merged)
        })
    }

    /// Adds (or removes) a tag on many blocks and phrases at once. Returns how many items
    /// changed. An unknown item id fails the whole call.
    pub fn tag_items(&mut self, tag: &str, items: &[(ItemKind, i64)], add: bool) -> Result<usize> {
        let tag = clean(tag)?;
        self.write(|tx| {
            let id = tag_id(tx, &tag)?;
            let mut changed = 0;
            for &(kind, item) in items {
                let (table, fk, items_table) = link_table(kind);
                let exists: bool = tx.query_row(
                    &format!("SELECT EXISTS (SELECT 1 FROM {items_table} WHERE id = ?1)"),
                    [item],
                    |r| r.get(0),
                )?;
                if !exists {
                    return Err(Error::not_found(super::library::thing(kind), item));
                }
                let n = if add {
                    tx.execute(
                        &format!("INSERT OR IGNORE INTO {table}({fk}, tag_id) VALUES (?1, ?2)"),
                        (item, id),
                    )?
                } else {
                    tx.execute(
                        &format!("DELETE FROM {table} WHERE {fk} = ?1 AND tag_id = ?2"),
                        (item, id),
                    )?
                };
                if n > 0 {
                    changed += 1;
                    index_item(tx, kind, item)?;
                }
            }
            Ok(changed)
        })
    }
}
