//! Undo and redo for a draft, and bringing a deleted draft back.
//!
//! A [`Snapshot`] is the whole stored state of one draft: its row, its slot values and
//! every outline node with its id, parent and position. Restoring one writes exactly
//! that state back in one transaction, ids included, so the ids the desktop holds stay
//! valid across undo and redo. Drafts are small (a 10,000-character speech is a few
//! hundred nodes), so whole snapshots are simpler and safer than inverse operations.

use rusqlite::OptionalExtension;

use crate::error::{Error, Result, Thing};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq)]
struct DraftRow {
    title: String,
    template_id: Option<String>,
    speech_type: String,
    speaker: Option<String>,
    date_line: Option<String>,
    greeting: Option<String>,
    slot_defs: String,
    created_at: i64,
    updated_at: i64,
}

#[derive(Debug, Clone, PartialEq)]
struct NodeRow {
    id: i64,
    parent_id: Option<i64>,
    position: i64,
    kind: String,
    lead_style: Option<String>,
    text: String,
    source_block_id: Option<i64>,
}

/// The stored state of one draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub draft: i64,
    row: DraftRow,
    slots: Vec<(String, String)>,
    nodes: Vec<NodeRow>,
}

impl Snapshot {
    /// Reads a draft's state.
    pub fn take(store: &Store, draft: i64) -> Result<Snapshot> {
        let conn = store.conn();
        let row = conn
            .query_row(
                "SELECT title, template_id, speech_type, speaker, date_line, greeting, slot_defs,
                        created_at, updated_at FROM drafts WHERE id = ?1",
                [draft],
                |r| {
                    Ok(DraftRow {
                        title: r.get(0)?,
                        template_id: r.get(1)?,
                        speech_type: r.get(2)?,
                        speaker: r.get(3)?,
                        date_line: r.get(4)?,
                        greeting: r.get(5)?,
                        slot_defs: r.get(6)?,
                        created_at: r.get(7)?,
                        updated_at: r.get(8)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Draft, draft))?;
        let slots = conn
            .prepare_cached(
                "SELECT name, value FROM draft_slots WHERE draft_id = ?1 ORDER BY name",
            )?
            .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // Parents before children, so restoring can insert in this order.
        let nodes = conn
            .prepare_cached(
                "WITH RECURSIVE t(id, depth) AS (
                     SELECT id, 0 FROM nodes WHERE draft_id = ?1 AND parent_id IS NULL
                     UNION ALL
                     SELECT n.id, t.depth + 1 FROM nodes n JOIN t ON n.parent_id = t.id
                 )
                 SELECT n.id, n.parent_id, n.position, n.kind, n.lead_style, n.text,
                        n.source_block_id
                 FROM nodes n JOIN t ON t.id = n.id ORDER BY t.depth, n.id",
            )?
            .query_map([draft], |r| {
                Ok(NodeRow {
                    id: r.get(0)?,
                    parent_id: r.get(1)?,
                    position: r.get(2)?,
                    kind: r.get(3)?,
                    lead_style: r.get(4)?,
                    text: r.get(5)?,
                    source_block_id: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Snapshot {
            draft,
            row,
            slots,
            nodes,
        })
    }

    /// Writes the snapshot back: the draft comes back exactly as it was (recreated with
    /// its id if it was deleted). A block deleted since is no longer named as a source.
    pub fn restore(&self, store: &mut Store) -> Result<()> {
        store.write(|tx| {
            let r = &self.row;
            tx.execute(
                "INSERT INTO drafts(id, title, template_id, speech_type, speaker, date_line,
                                    greeting, slot_defs, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(id) DO UPDATE SET title = excluded.title,
                    template_id = excluded.template_id, speech_type = excluded.speech_type,
                    speaker = excluded.speaker, date_line = excluded.date_line,
                    greeting = excluded.greeting, slot_defs = excluded.slot_defs,
                    updated_at = ?11",
                rusqlite::params![
                    self.draft,
                    r.title,
                    r.template_id,
                    r.speech_type,
                    r.speaker,
                    r.date_line,
                    r.greeting,
                    r.slot_defs,
                    r.created_at,
                    r.updated_at,
                    crate::store::now(),
                ],
            )?;
            tx.execute("DELETE FROM draft_slots WHERE draft_id = ?1", [self.draft])?;
            for (name, value) in &self.slots {
                tx.execute(
                    "INSERT INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)",
                    (self.draft, name, value),
                )?;
            }
            tx.execute("DELETE FROM nodes WHERE draft_id = ?1", [self.draft])?;
            for n in &self.nodes {
                let source: Option<i64> = match n.source_block_id {
                    Some(b) => tx
                        .query_row("SELECT id FROM blocks WHERE id = ?1", [b], |r| r.get(0))
                        .optional()?,
                    None => None,
                };
                tx.execute(
                    "INSERT INTO nodes(id, draft_id, parent_id, position, kind, lead_style, text,
                                       source_block_id)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    rusqlite::params![
                        n.id,
                        self.draft,
                        n.parent_id,
                        n.position,
                        n.kind,
                        n.lead_style,
                        n.text,
                        source
                    ],
                )?;
            }
            Ok(())
        })
    }
}

/// Undo and redo stacks of one draft. The caller takes a snapshot before each change
/// and [`History::record`]s it; undo restores the last one and keeps the present for redo.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
}

/// How many steps back a draft keeps.
pub const MAX_STEPS: usize = 200;

impl History {
    /// Records the state before a change. A new change forgets what could be redone.
    pub fn record(&mut self, before: Snapshot) {
        if self.undo.last() == Some(&before) {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Puts the draft back as it was before the last change. False when there is none.
    pub fn undo(&mut self, store: &mut Store, draft: i64) -> Result<bool> {
        let Some(before) = self.undo.pop() else {
            return Ok(false);
        };
        let now = Snapshot::take(store, draft)?;
        if let Err(e) = before.restore(store) {
            self.undo.push(before);
            return Err(e);
        }
        self.redo.push(now);
        Ok(true)
    }

    /// Makes the last undone change again. False when there is none.
    pub fn redo(&mut self, store: &mut Store, draft: i64) -> Result<bool> {
        let Some(after) = self.redo.pop() else {
            return Ok(false);
        };
        let now = Snapshot::take(store, draft)?;
        if let Err(e) = after.restore(store) {
            self.redo.push(after);
            return Err(e);
        }
        self.undo.push(now);
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Place;

    fn store_with_draft() -> (Store, i64) {
        let mut s = Store::open_in_memory().unwrap();
        let id = s.create_draft("commendation-annual", None, &[]).unwrap();
        (s, id)
    }

    #[test]
    fn undo_and_redo_a_move_keep_ids() {
        let (mut s, d) = store_with_draft();
        let before = s.draft(d).unwrap();
        let first = before.nodes[0].id;
        let mut h = History::default();
        h.record(Snapshot::take(&s, d).unwrap());
        s.move_node(d, first, Place::End).unwrap();
        let moved = s.draft(d).unwrap();
        assert_ne!(moved.nodes, before.nodes);
        assert!(h.undo(&mut s, d).unwrap());
        assert_eq!(s.draft(d).unwrap().nodes, before.nodes);
        assert!(h.redo(&mut s, d).unwrap());
        assert_eq!(s.draft(d).unwrap().nodes, moved.nodes);
        assert!(!h.redo(&mut s, d).unwrap());
    }

    #[test]
    fn a_deleted_draft_comes_back_with_its_id() {
        let (mut s, d) = store_with_draft();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let before = s.draft(d).unwrap();
        let snap = Snapshot::take(&s, d).unwrap();
        s.delete_draft(d).unwrap();
        assert!(s.draft(d).is_err());
        snap.restore(&mut s).unwrap();
        let back = s.draft(d).unwrap();
        assert_eq!(back.nodes, before.nodes);
        assert_eq!(back.values, before.values);
        assert_eq!(back.title, before.title);
    }
}
