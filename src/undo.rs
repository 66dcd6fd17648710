//! Undo and redo for a draft, and bringing a deleted draft back.
//!
//! A [`Snapshot`] is the whole stored state of one draft: its row, its slot values and
//! every outline node with its id, parent and position. Restoring one writes exactly
//! that state back in one transaction, ids included, so the ids the desktop holds stay
//! valid across undo and redo. Drafts are small (a 10,000-character speech is a few
//! hundred nodes), so whole snapshots are simpler and safer than inverse operations.

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::draft::Draft;
use crate::error::{Error, Result, Thing};
use crate::outline::{LeadStyle, NodeKind};
use crate::store::drafts::{build_tree, Row};
use crate::store::versions::StoredVersions;
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct NodeRow {
    id: i64,
    parent_id: Option<i64>,
    position: i64,
    kind: String,
    lead_style: Option<String>,
    text: String,
    source_block_id: Option<i64>,
    /// Reviewers' comments (schema v5); absent in versions made before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

/// The stored state of one draft. It is also what a saved version holds (serialised to
/// JSON and deflated by `store::versions`), so its field names are a stored format:
/// add fields with `#[serde(default)]`, never rename them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub draft: i64,
    row: DraftRow,
    slots: Vec<(String, String)>,
    nodes: Vec<NodeRow>,
    /// The values the draft read from its meeting when the state was taken (schema v6;
    /// absent before): a version prints as it printed then, and a state restored into a
    /// draft no longer in that meeting keeps reading them (as its own values).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    meeting_values: Vec<(String, String)>,
}

/// One outline node of a snapshot, as the comparison of versions reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeView<'a> {
    pub id: i64,
    pub parent: Option<i64>,
    pub position: i64,
    pub kind: &'a str,
    pub lead_style: Option<&'a str>,
    pub text: &'a str,
}

impl Snapshot {
    /// The title and head lines (speaker, date line, greeting) as stored, slots kept.
    pub fn head(&self) -> [(&'static str, Option<&str>); 4] {
        let r = &self.row;
        [
            ("title", Some(r.title.as_str())),
            ("speaker", r.speaker.as_deref()),
            ("date_line", r.date_line.as_deref()),
            ("greeting", r.greeting.as_deref()),
        ]
    }

    /// Slot values by name.
    pub fn slot_values(&self) -> &[(String, String)] {
        &self.slots
    }

    /// The nodes, parents before children.
    pub fn nodes(&self) -> impl Iterator<Item = NodeView<'_>> {
        self.nodes.iter().map(|n| NodeView {
            id: n.id,
            parent: n.parent_id,
            position: n.position,
            kind: &n.kind,
            lead_style: n.lead_style.as_deref(),
            text: &n.text,
        })
    }

    /// The draft as this state holds it, for rendering (a version printed again).
    pub fn to_draft(&self) -> Draft {
        let mut rows: Vec<Row> = self
            .nodes
            .iter()
            .map(|n| Row {
                id: n.id,
                parent: n.parent_id,
                position: n.position,
                // As a stored row: the kinds were valid when the version was saved.
                kind: NodeKind::parse(&n.kind).unwrap_or(NodeKind::Paragraph),
                lead: n
                    .lead_style
                    .as_deref()
                    .and_then(|l| LeadStyle::parse(l).ok()),
                text: n.text.clone(),
                source_block: n.source_block_id,
                note: n.note.clone(),
            })
            .collect();
        rows.sort_by_key(|r| (r.parent, r.position, r.id));
        let r = &self.row;
        Draft {
            id: self.draft,
            title: r.title.clone(),
            template_id: r.template_id.clone(),
            speech_type: r.speech_type.clone(),
            speaker: r.speaker.clone(),
            date: r.date_line.clone(),
            greeting: r.greeting.clone(),
            // Written by us as JSON; an unreadable value only loses labels, not text.
            slot_defs: serde_json::from_str(&r.slot_defs).unwrap_or_default(),
            values: self
                .meeting_values
                .iter()
                .chain(&self.slots)
                .cloned()
                .collect(),
            nodes: build_tree(rows),
            created_at: r.created_at,
            updated_at: r.updated_at,
            meeting: None,
            shared: Vec::new(),
        }
    }

    /// The same state as the state of `draft` (a version restored into its draft).
    pub fn for_draft(mut self, draft: i64) -> Snapshot {
        self.draft = draft;
        self
    }

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
        let slots: Vec<(String, String)> = conn
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
                        n.source_block_id, n.note
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
                    note: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        // What the draft reads from its meeting and does not set itself.
        let meeting_values = store.meeting_values_of(draft)?;
        let meeting_values = meeting_values
            .into_iter()
            .filter(|(name, _)| !slots.iter().any(|(own, _)| own == name))
            .collect();
        Ok(Snapshot {
            draft,
            row,
            slots,
            meeting_values,
            nodes,
        })
    }

    /// Writes the snapshot back into its draft: the draft comes back exactly as it was.
    /// A block deleted since is no longer named as a source.
    pub fn restore(&self, store: &mut Store) -> Result<()> {
        store.write(|tx| self.write(tx, Some(self.draft)).map(|_| ()))
    }

    /// Brings back a deleted draft, with its versions as they were stored; returns its id.
    /// SQLite gives the highest free id to the next new draft, so a draft made since the
    /// deletion may hold this one's id: then this one comes back under a new id rather
    /// than overwrite it. One transaction.
    pub fn restore_deleted(&self, store: &mut Store, versions: &StoredVersions) -> Result<i64> {
        store.write(|tx| {
            let taken = tx
                .query_row("SELECT 1 FROM drafts WHERE id = ?1", [self.draft], |_| {
                    Ok(())
                })
                .optional()?
                .is_some();
            let id = self.write(tx, (!taken).then_some(self.draft))?;
            crate::store::versions::put_back(tx, id, versions)?;
            Ok(id)
        })
    }

    /// Writes the state into draft `id` (None: a new draft); returns the draft's id.
    fn write(&self, tx: &rusqlite::Transaction, id: Option<i64>) -> Result<i64> {
        {
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
                    id,
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
            let draft = id.unwrap_or_else(|| tx.last_insert_rowid());
            tx.execute("DELETE FROM draft_slots WHERE draft_id = ?1", [draft])?;
            for (name, value) in &self.slots {
                tx.execute(
                    "INSERT INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)",
                    (draft, name, value),
                )?;
            }
            // In a meeting the meeting's values apply; outside one (taken out since, or
            // brought back after its meeting went) the values it read are its own.
            let in_meeting: bool = tx
                .query_row(
                    "SELECT meeting_id IS NOT NULL FROM drafts WHERE id = ?1",
                    [draft],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(false);
            if !in_meeting {
                for (name, value) in &self.meeting_values {
                    tx.execute(
                        "INSERT OR IGNORE INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)",
                        (draft, name, value),
                    )?;
                }
            }
            tx.execute("DELETE FROM nodes WHERE draft_id = ?1", [draft])?;
            // A node keeps its id unless another draft has taken it since (SQLite reuses
            // the highest rowid once it is deleted): an old version restored long after
            // may meet that. Such a node gets a new id; its children follow it.
            let mut moved: std::collections::HashMap<i64, i64> = Default::default();
            for n in &self.nodes {
                let taken = tx
                    .query_row("SELECT 1 FROM nodes WHERE id = ?1", [n.id], |_| Ok(()))
                    .optional()?
                    .is_some();
                let id = if taken { None } else { Some(n.id) };
                let parent = n.parent_id.map(|p| moved.get(&p).copied().unwrap_or(p));
                let source: Option<i64> = match n.source_block_id {
                    Some(b) => tx
                        .query_row("SELECT id FROM blocks WHERE id = ?1", [b], |r| r.get(0))
                        .optional()?,
                    None => None,
                };
                tx.execute(
                    "INSERT INTO nodes(id, draft_id, parent_id, position, kind, lead_style, text,
                                       source_block_id, note)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    rusqlite::params![
                        id,
                        draft,
                        parent,
                        n.position,
                        n.kind,
                        n.lead_style,
                        n.text,
                        source,
                        n.note
                    ],
                )?;
                if taken {
                    moved.insert(n.id, tx.last_insert_rowid());
                }
            }
            Ok(draft)
        }
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

    /// A version is printed again from its snapshot: the same draft the store loads.
    #[test]
    fn a_snapshot_is_the_draft_it_was_taken_of() {
        let (mut s, d) = store_with_draft();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let first = s.draft(d).unwrap().nodes[0].id;
        s.move_node(d, first, Place::End).unwrap();
        let snap = Snapshot::take(&s, d).unwrap();
        assert_eq!(snap.to_draft(), s.draft(d).unwrap());
    }

    #[test]
    fn a_deleted_draft_comes_back_with_its_id() {
        let (mut s, d) = store_with_draft();
        s.set_slots(d, &[("年份".into(), "2026".into())]).unwrap();
        let before = s.draft(d).unwrap();
        let snap = Snapshot::take(&s, d).unwrap();
        s.delete_draft(d).unwrap();
        assert!(s.draft(d).is_err());
        let none = crate::store::versions::StoredVersions::default();
        assert_eq!(snap.restore_deleted(&mut s, &none).unwrap(), d);
        let back = s.draft(d).unwrap();
        assert_eq!(back.nodes, before.nodes);
        assert_eq!(back.values, before.values);
        assert_eq!(back.title, before.title);
    }

    /// SQLite gives a deleted draft's highest ids (draft and nodes) to the next draft:
    /// bringing the old one back then leaves the new one alone, keeps the node ids still
    /// free and gives the others new ones, with the tree intact.
    #[test]
    fn ids_taken_since_are_given_new_ones() {
        let (mut s, d) = store_with_draft();
        let before = s.draft(d).unwrap();
        let snap = Snapshot::take(&s, d).unwrap();
        s.delete_draft(d).unwrap();
        let other = s.create_draft("opening-conference", None, &[]).unwrap();
        assert_eq!(other, d, "SQLite reuses the highest id");
        let theirs = s.draft(other).unwrap();
        let none = crate::store::versions::StoredVersions::default();
        let back = snap.restore_deleted(&mut s, &none).unwrap();
        assert_ne!(back, d);
        let back = s.draft(back).unwrap();
        let shape = |n: &[crate::draft::OutlineNode]| -> Vec<String> {
            fn walk(n: &[crate::draft::OutlineNode], out: &mut Vec<String>, depth: usize) {
                for x in n {
                    out.push(format!("{depth}{}", x.text));
                    walk(&x.children, out, depth + 1);
                }
            }
            let mut out = Vec::new();
            walk(n, &mut out, 0);
            out
        };
        assert_eq!(shape(&back.nodes), shape(&before.nodes));
        assert_eq!(s.draft(other).unwrap().nodes, theirs.nodes);
        assert_ne!(back.nodes, before.nodes, "some ids had to change");
    }
}
