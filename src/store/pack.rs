//! Exporting and importing library packs (format: src/pack.rs).

use std::collections::HashMap;

use rusqlite::Transaction;
use serde::Serialize;

use super::check_rules::insert_user_rule;
use super::library::{
    check_text, clean_list, insert_block, insert_phrase, load_block, load_phrase, write_block,
    write_phrase, NewBlock,
};
use super::search::{index_item, optimize, OPTIMIZE_AFTER};
use super::Store;
use crate::check::table::UserRule;
use crate::error::{Error, Result, TextOf};
use crate::pack::{block_key, normalise, Pack, PackBlock, PackPhrase};
use crate::search::ItemKind;
use crate::types;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PackCounts {
    /// New to this library.
    pub added: usize,
    /// Already here, nothing new.
    pub skipped: usize,
    /// Already here; tags, types or the favourite mark added.
    pub merged: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub blocks: PackCounts,
    pub phrases: PackCounts,
    /// 本单位 check rules; one for a literal this library has a rule for is skipped.
    pub rules: PackCounts,
}

fn ids(tx: &Transaction, sql: &str) -> Result<Vec<i64>> {
    Ok(tx
        .prepare(sql)?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// Union of two lists, keeping order; true when `extra` added anything.
fn union(base: &[String], extra: &[String]) -> (Vec<String>, bool) {
    let mut out = base.to_vec();
    let mut grew = false;
    for e in extra {
        if !out.contains(e) {
            out.push(e.clone());
            grew = true;
        }
    }
    (out, grew)
}

impl Store {
    /// The library, or the blocks and phrases carrying any of `tags`, as a pack.
    pub fn export_pack(&self, tags: &[String]) -> Result<Pack> {
        let mut pack = Pack::new();
        let wanted =
            |item_tags: &[String]| tags.is_empty() || item_tags.iter().any(|t| tags.contains(t));
        let block_ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM blocks ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in block_ids {
            if let Some(b) = load_block(self.conn(), id)? {
                if wanted(&b.tags) {
                    pack.blocks.push(PackBlock {
                        title: b.title,
                        text: b.text,
                        lead: b.lead,
                        types: b.types,
                        tags: b.tags,
                        favourite: b.favourite,
                    });
                }
            }
        }
        let phrase_ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM phrases ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in phrase_ids {
            if let Some(p) = load_phrase(self.conn(), id)? {
                if wanted(&p.tags) {
                    pack.phrases.push(PackPhrase {
                        text: p.text,
                        types: p.types,
                        tags: p.tags,
                        favourite: p.favourite,
                    });
                }
            }
        }
        // The office's own rules go with the whole library, not with a topic's blocks.
        if tags.is_empty() {
            pack.rules = self.user_rules()?.into_iter().map(|(_, r)| r).collect();
        }
        Ok(pack)
    }

    /// Imports a pack: new items are added, items already here (same normalised
    /// content) get the pack's extra tags, types and favourite mark. All or nothing:
    /// every entry is checked before anything is written.
    pub fn import_pack(&mut self, pack: &Pack) -> Result<ImportReport> {
        for (i, b) in pack.blocks.iter().enumerate() {
            check_text(TextOf::Block, &b.text).map_err(|e| in_pack(false, i, e))?;
            for t in &b.types {
                types::find(t).map_err(|e| in_pack(false, i, e))?;
            }
        }
        for (i, p) in pack.phrases.iter().enumerate() {
            check_text(TextOf::Phrase, &p.text).map_err(|e| in_pack(true, i, e))?;
            for t in &p.types {
                types::find(t).map_err(|e| in_pack(true, i, e))?;
            }
        }
        let rules = pack
            .rules
            .iter()
            .map(|r| r.clone().cleaned())
            .collect::<Result<Vec<UserRule>>>()?;
        let mut have: Vec<String> = self
            .user_rules()?
            .into_iter()
            .map(|(_, r)| r.literal)
            .collect();
        self.write(|tx| {
            let mut report = ImportReport::default();
            for r in rules {
                if have.contains(&r.literal) {
                    report.rules.skipped += 1;
                } else {
                    have.push(r.literal.clone());
                    insert_user_rule(tx, r)?;
                    report.rules.added += 1;
                }
            }
            let mut blocks: HashMap<String, i64> = HashMap::new();
            for id in ids(tx, "SELECT id FROM blocks")? {
                if let Some(b) = load_block(tx, id)? {
                    blocks.entry(block_key(&b.text)).or_insert(id);
                }
            }
            for b in &pack.blocks {
                let key = block_key(&b.text);
                let (tags, types) = (clean_list(&b.tags), clean_list(&b.types));
                match blocks.get(&key).copied() {
                    Some(id) => {
                        let Some(have) = load_block(tx, id)? else {
                            continue;
                        };
                        let (new_tags, more_tags) = union(&have.tags, &tags);
                        let (new_types, more_types) = union(&have.types, &types);
                        let fav = b.favourite && !have.favourite;
                        if more_tags || more_types {
                            let nb = NewBlock {
                                title: Some(have.title.clone()),
                                text: have.text.clone(),
                                lead: have.lead,
                                types: new_types,
                                tags: new_tags,
                            };
                            write_block(tx, id, &nb, &have.title)?;
                        }
                        if fav {
                            tx.execute("UPDATE blocks SET favourite = 1 WHERE id = ?1", [id])?;
                            index_item(tx, ItemKind::Block, id)?;
                        }
                        if more_tags || more_types || fav {
                            report.blocks.merged += 1;
                        } else {
                            report.blocks.skipped += 1;
                        }
                    }
                    None => {
                        let nb = NewBlock {
                            title: Some(b.title.clone()),
                            text: b.text.trim().to_string(),
                            lead: b.lead,
                            types,
                            tags,
                        };
                        let title = if b.title.trim().is_empty() {
                            b.text.chars().take(20).collect()
                        } else {
                            b.title.trim().to_string()
                        };
                        let id = insert_block(tx, None, &nb, &title)?;
                        if b.favourite {
                            tx.execute("UPDATE blocks SET favourite = 1 WHERE id = ?1", [id])?;
                            index_item(tx, ItemKind::Block, id)?;
                        }
                        blocks.insert(key, id);
                        report.blocks.added += 1;
                    }
                }
            }
            let mut phrases: HashMap<String, i64> = HashMap::new();
            for id in ids(tx, "SELECT id FROM phrases")? {
                if let Some(p) = load_phrase(tx, id)? {
                    phrases.entry(normalise(&p.text)).or_insert(id);
                }
            }
            for p in &pack.phrases {
                let key = normalise(&p.text);
                let (tags, types) = (clean_list(&p.tags), clean_list(&p.types));
                match phrases.get(&key).copied() {
                    Some(id) => {
                        let Some(have) = load_phrase(tx, id)? else {
                            continue;
                        };
                        let (new_tags, more_tags) = union(&have.tags, &tags);
                        let (new_types, more_types) = union(&have.types, &types);
                        let fav = p.favourite && !have.favourite;
                        if more_tags || more_types {
                            write_phrase(tx, id, &have.text, &new_types, &new_tags)?;
                        }
                        if fav {
                            tx.execute("UPDATE phrases SET favourite = 1 WHERE id = ?1", [id])?;
                            index_item(tx, ItemKind::Phrase, id)?;
                        }
                        if more_tags || more_types || fav {
                            report.phrases.merged += 1;
                        } else {
                            report.phrases.skipped += 1;
                        }
                    }
                    None => {
                        let id = insert_phrase(tx, None, p.text.trim(), &types, &tags)?;
                        if p.favourite {
                            tx.execute("UPDATE phrases SET favourite = 1 WHERE id = ?1", [id])?;
                            index_item(tx, ItemKind::Phrase, id)?;
                        }
                        phrases.insert(key, id);
                        report.phrases.added += 1;
                    }
                }
            }
            if report.blocks.added + report.phrases.added >= OPTIMIZE_AFTER {
                optimize(tx)?;
            }
            Ok(report)
        })
    }
}

/// An entry of a pack refused, named by its place in the file (1-based).
fn in_pack(phrase: bool, i: usize, e: Error) -> Error {
    Error::InPack {
        phrase,
        index: i + 1,
        source: Box::new(e),
    }
}
