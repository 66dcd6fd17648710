//! Seeding built-in templates and the starter library. Idempotent: a row is inserted
//! once, updated only while the writer has not edited it, and never brought back after
//! the writer deleted it.

use rusqlite::{OptionalExtension, Transaction};

use super::library::{
    block_hash, insert_block, insert_phrase, load_block, phrase_hash, write_block, write_phrase,
    NewBlock,
};
use super::now;
use crate::assets::{self, Fnv};
use crate::error::Result;

/// What to do with one built-in row.
enum Action {
    Insert,
    Update(i64),
    Keep,
}

fn decide(
    tx: &Transaction,
    kind: &str,
    key: &str,
    table: &str,
    current_hash: impl FnOnce(i64) -> Result<String>,
    new_hash: &str,
) -> Result<Action> {
    let row: Option<(i64, Option<String>)> = tx
        .query_row(
            &format!("SELECT id, seed_hash FROM {table} WHERE key = ?1"),
            [key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let seeded: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM seeded WHERE kind = ?1 AND key = ?2)",
        (kind, key),
        |r| r.get(0),
    )?;
    Ok(match row {
        None if seeded => Action::Keep, // the writer deleted it
        None => Action::Insert,
        Some((id, seed_hash)) => {
            let unedited = seed_hash.as_deref() == Some(current_hash(id)?.as_str());
            if unedited && seed_hash.as_deref() != Some(new_hash) {
                Action::Update(id)
            } else {
                Action::Keep
            }
        }
    })
}

fn mark_seeded(tx: &Transaction, kind: &str, key: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO seeded(kind, key) VALUES (?1, ?2)",
        (kind, key),
    )?;
    Ok(())
}

pub(super) fn seed(tx: &Transaction) -> Result<()> {
    let lib = assets::library()?;
    for b in &lib.blocks {
        let new = NewBlock {
            title: Some(b.title.clone()),
            text: b.text.trim().to_string(),
            lead: b.lead,
            types: b.types.clone(),
            tags: b.tags.clone(),
        };
        let hash = block_hash(&b.title, &new.text, b.lead, &b.types, &b.tags);
        let current = |id| -> Result<String> {
            Ok(load_block(tx, id)?
                .map(|c| block_hash(&c.title, &c.text, c.lead, &c.types, &c.tags))
                .unwrap_or_default())
        };
        let id = match decide(tx, "block", &b.key, "blocks", current, &hash)? {
            Action::Insert => insert_block(tx, Some(&b.key), &new, &b.title)?,
            Action::Update(id) => {
                write_block(tx, id, &new, &b.title)?;
                id
            }
            Action::Keep => continue,
        };
        tx.execute(
            "UPDATE blocks SET seed_hash = ?2 WHERE id = ?1",
            (id, &hash),
        )?;
        mark_seeded(tx, "block", &b.key)?;
    }
    for p in &lib.phrases {
        let text = p.text.trim();
        let hash = phrase_hash(text, &p.types, &p.tags);
        let current = |id: i64| -> Result<String> {
            let (text, types, tags): (String, String, String) = tx.query_row(
                "SELECT text,
                        (SELECT group_concat(speech_type, char(1)) FROM phrase_types WHERE phrase_id = ?1),
                        (SELECT group_concat(t.name, char(1)) FROM phrase_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.phrase_id = ?1)
                 FROM phrases WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default(), r.get::<_, Option<String>>(2)?.unwrap_or_default())),
            )?;
            let split = |s: &str| -> Vec<String> {
                s.split('\u{1}')
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            };
            Ok(phrase_hash(&text, &split(&types), &split(&tags)))
        };
        let id = match decide(tx, "phrase", &p.key, "phrases", current, &hash)? {
            Action::Insert => insert_phrase(tx, Some(&p.key), text, &p.types, &p.tags)?,
            Action::Update(id) => {
                write_phrase(tx, id, text, &p.types, &p.tags)?;
                id
            }
            Action::Keep => continue,
        };
        tx.execute(
            "UPDATE phrases SET seed_hash = ?2 WHERE id = ?1",
            (id, &hash),
        )?;
        mark_seeded(tx, "phrase", &p.key)?;
    }
    for (file, src) in assets::TEMPLATE_FILES {
        let t = crate::template::Template::parse(file, src)?;
        let hash = Fnv::hash(&[src]);
        let row: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT source, seed_hash FROM templates WHERE id = ?1",
                [&t.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let seeded: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM seeded WHERE kind = 'template' AND key = ?1)",
            [&t.id],
            |r| r.get(0),
        )?;
        let write = match &row {
            None => !seeded,
            Some((source, seed_hash)) => {
                let unedited = seed_hash.as_deref() == Some(Fnv::hash(&[source]).as_str());
                unedited && seed_hash.as_deref() != Some(hash.as_str())
            }
        };
        if write {
            tx.execute(
                "INSERT INTO templates(id, speech_type, name, description, source, builtin, seed_hash, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7)
                 ON CONFLICT(id) DO UPDATE SET speech_type = excluded.speech_type, name = excluded.name,
                     description = excluded.description, source = excluded.source,
                     seed_hash = excluded.seed_hash, updated_at = excluded.updated_at",
                (&t.id, &t.speech_type, &t.name, &t.description, src, &hash, now()),
            )?;
            mark_seeded(tx, "template", &t.id)?;
        }
    }
    Ok(())
}
