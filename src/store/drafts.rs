//! Drafts in the store: create from a template, slot values, outline edits.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::library::{check_text, record_block_use, BlockRef};
use super::{now, set_profile, Store};
use crate::draft::{slot_def, Draft, OutlineNode};
use crate::error::{Error, Result, TextOf, Thing};
use crate::outline::edit::{Adopt, Outline};
use crate::outline::{stored_lead, LeadStyle, NewNode, NodeKind};
use crate::render;
use crate::slot::{self, SlotDef};
use crate::template::Template;

/// Where a node goes in the outline (defined with the edits; kept here for callers).
pub use crate::outline::edit::Place;

/// A line of the draft list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftInfo {
    pub id: i64,
    pub title: String,
    pub speech_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    pub unfilled: usize,
    pub created_at: i64,
    pub updated_at: i64,
    /// The meeting it belongs to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<i64>,
}

/// A stored node row: builds the tree, and is what an edited tree is compared against.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub(crate) id: i64,
    pub(crate) parent: Option<i64>,
    pub(crate) position: i64,
    pub(crate) kind: NodeKind,
    pub(crate) lead: Option<LeadStyle>,
    pub(crate) text: String,
    pub(crate) source_block: Option<i64>,
    pub(crate) note: Option<String>,
}

fn load_rows(conn: &Connection, draft: i64) -> Result<Vec<Row>> {
    let mut st = conn.prepare_cached(
        "SELECT id, parent_id, position, kind, lead_style, text, source_block_id, note FROM nodes
         WHERE draft_id = ?1 ORDER BY parent_id, position, id",
    )?;
    let rows = st.query_map([draft], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, Option<i64>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, parent, position, kind, lead, text, source_block, note) = row?;
        out.push(Row {
            id,
            parent,
            position,
            // The CHECK constraint keeps kinds valid; paragraph is the harmless fallback.
            kind: NodeKind::parse(&kind).unwrap_or(NodeKind::Paragraph),
            lead: lead.and_then(|l| LeadStyle::parse(&l).ok()),
            text,
            source_block,
            note,
        });
    }
    Ok(out)
}

/// The tree of a draft's rows, each parent's rows in position order.
pub(crate) fn build_tree(rows: Vec<Row>) -> Vec<OutlineNode> {
    let mut by_parent: HashMap<Option<i64>, Vec<Row>> = HashMap::new();
    for r in rows {
        by_parent.entry(r.parent).or_default().push(r);
    }
    fn take(parent: Option<i64>, map: &mut HashMap<Option<i64>, Vec<Row>>) -> Vec<OutlineNode> {
        let rows = map.remove(&parent).unwrap_or_default();
        rows.into_iter()
            .map(|r| OutlineNode {
                id: r.id,
                kind: r.kind,
                lead: r.lead,
                text: r.text,
                source_block: r.source_block,
                note: r.note,
                children: take(Some(r.id), map),
            })
            .collect()
    }
    take(None, &mut by_parent)
}

pub(crate) fn load_draft(conn: &Connection, id: i64) -> Result<Draft> {
    let row = conn
        .query_row(
            "SELECT title, template_id, speech_type, speaker, date_line, greeting, slot_defs,
                    created_at, updated_at FROM drafts WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, i64>(8)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::not_found(Thing::Draft, id))?;
    let (title, template_id, speech_type, speaker, date, greeting, defs, created_at, updated_at) =
        row;
    let values = super::meetings::own_values(conn, id)?;
    let mut draft = Draft {
        id,
        title,
        template_id,
        speech_type,
        speaker,
        date,
        greeting,
        // Written by us as JSON; an unreadable value only loses labels, not text.
        slot_defs: serde_json::from_str(&defs).unwrap_or_default(),
        values,
        nodes: build_tree(load_rows(conn, id)?),
        created_at,
        updated_at,
        meeting: None,
        shared: Vec::new(),
    };
    super::meetings::inherit(conn, &mut draft)?;
    Ok(draft)
}

pub(super) fn touch(tx: &Transaction, draft: i64) -> Result<()> {
    tx.execute(
        "UPDATE drafts SET updated_at = ?2 WHERE id = ?1",
        (draft, now()),
    )?;
    Ok(())
}

pub(super) fn check_draft(conn: &Connection, draft: i64) -> Result<()> {
    conn.query_row("SELECT 1 FROM drafts WHERE id = ?1", [draft], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::not_found(Thing::Draft, draft))
}

/// What a node row holds besides its place.
struct Content<'a> {
    kind: NodeKind,
    lead: Option<LeadStyle>,
    text: &'a str,
    source_block: Option<i64>,
    note: Option<&'a str>,
}

fn insert_row(
    tx: &Transaction,
    draft: i64,
    parent: Option<i64>,
    position: usize,
    c: Content,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO nodes(draft_id, parent_id, position, kind, lead_style, text, source_block_id,
                           note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute((
        draft,
        parent,
        position as i64,
        c.kind.id(),
        c.lead.map(LeadStyle::id),
        c.text,
        c.source_block,
        c.note,
    ))?;
    Ok(tx.last_insert_rowid())
}

/// Stores a whole new outline (a new or copied draft) under `parent`.
fn insert_new(tx: &Transaction, draft: i64, parent: Option<i64>, nodes: &[NewNode]) -> Result<()> {
    for (i, n) in nodes.iter().enumerate() {
        let content = Content {
            kind: n.kind,
            lead: stored_lead(n.kind, n.lead),
            text: &n.text,
            source_block: n.source_block,
            note: None,
        };
        let id = insert_row(tx, draft, parent, i, content)?;
        insert_new(tx, draft, Some(id), &n.children)?;
    }
    Ok(())
}

/// Loads a draft's outline, applies one pure edit (outline::edit) and saves the
/// difference. Returns the edit's answer and the rowids given to its provisional ids.
pub(super) fn edit_outline<T>(
    tx: &Transaction,
    draft: i64,
    edit: impl FnOnce(&mut Outline) -> Result<T>,
) -> Result<(T, HashMap<i64, i64>)> {
    let rows = load_rows(tx, draft)?;
    let stored: HashMap<i64, Row> = rows.iter().map(|r| (r.id, r.clone())).collect();
    let mut outline = Outline::new(draft, build_tree(rows));
    let answer = edit(&mut outline)?;
    let real = save_outline(tx, draft, stored, outline.nodes())?;
    touch(tx, draft)?;
    Ok((answer, real))
}

/// Writes only what differs between the stored rows and the edited tree: new nodes
/// (parents first, so children get their parent's rowid), rows whose parent, position,
/// kind, lead, text or source changed, and rows no longer in the tree.
fn save_outline(
    tx: &Transaction,
    draft: i64,
    mut stored: HashMap<i64, Row>,
    nodes: &[OutlineNode],
) -> Result<HashMap<i64, i64>> {
    fn walk(
        tx: &Transaction,
        draft: i64,
        parent: Option<i64>,
        nodes: &[OutlineNode],
        stored: &mut HashMap<i64, Row>,
        real: &mut HashMap<i64, i64>,
    ) -> Result<()> {
        for (i, n) in nodes.iter().enumerate() {
            let id = match stored.remove(&n.id) {
                None => {
                    let content = Content {
                        kind: n.kind,
                        lead: n.lead,
                        text: &n.text,
                        source_block: n.source_block,
                        note: n.note.as_deref(),
                    };
                    let id = insert_row(tx, draft, parent, i, content)?;
                    real.insert(n.id, id);
                    id
                }
                Some(old) => {
                    if (
                        old.parent,
                        old.position,
                        old.kind,
                        old.lead,
                        old.source_block,
                    ) != (parent, i as i64, n.kind, n.lead, n.source_block)
                        || old.text != n.text
                        || old.note != n.note
                    {
                        tx.prepare_cached(
                            "UPDATE nodes SET parent_id = ?2, position = ?3, kind = ?4,
                                 lead_style = ?5, text = ?6, source_block_id = ?7, note = ?8
                             WHERE id = ?1",
                        )?
                        .execute((
                            n.id,
                            parent,
                            i as i64,
                            n.kind.id(),
                            n.lead.map(LeadStyle::id),
                            &n.text,
                            n.source_block,
                            &n.note,
                        ))?;
                    }
                    n.id
                }
            };
            walk(tx, draft, Some(id), &n.children, stored, real)?;
        }
        Ok(())
    }
    let mut real = HashMap::new();
    walk(tx, draft, None, nodes, &mut stored, &mut real)?;
    // Rows left over were removed by the edit (children also go by ON DELETE CASCADE).
    let mut del = tx.prepare_cached("DELETE FROM nodes WHERE id = ?1")?;
    for id in stored.keys() {
        del.execute([id])?;
    }
    Ok(real)
}

/// Checks slot values against their kinds and returns them trimmed.
pub(super) fn checked_values(
    defs: &[SlotDef],
    values: &[(String, String)],
) -> Result<Vec<(SlotDef, String)>> {
    values
        .iter()
        .map(|(name, value)| {
            let name = name.trim();
            if name.is_empty() || name.contains(['{', '}', '|']) {
                return Err(Error::BadSlotName {
                    name: name.to_string(),
                });
            }
            let def = slot_def(defs, name);
            slot::validate(&def, value)?;
            Ok((def, value.trim().to_string()))
        })
        .collect()
}

pub(super) fn write_values(
    tx: &Transaction,
    draft: i64,
    values: &[(SlotDef, String)],
) -> Result<()> {
    for (def, value) in values {
        if value.is_empty() {
            tx.execute(
                "DELETE FROM draft_slots WHERE draft_id = ?1 AND name = ?2",
                (draft, &def.name),
            )?;
        } else {
            tx.execute(
                "INSERT INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)
                 ON CONFLICT(draft_id, name) DO UPDATE SET value = excluded.value",
                (draft, &def.name, value),
            )?;
        }
        if def.profile {
            set_profile(tx, &def.name, value)?;
        }
    }
    Ok(())
}

impl Store {
    /// Starts a draft from a template: its outline with the suggested blocks, profile
    /// values pre-filled, then `values` applied. Returns the draft's id.
    pub fn create_draft(
        &mut self,
        template_id: &str,
        title: Option<&str>,
        values: &[(String, String)],
    ) -> Result<i64> {
        let template = self.template(template_id)?;
        let outline = template.outline(|key| self.block(key).ok().map(|b| b.nodes()));
        let checked = checked_values(&template.slots, values)?;
        if let Some(t) = title {
            check_text(TextOf::Title, t)?;
        }
        let profile = self.profile()?;
        self.write(|tx| {
            let t = now();
            tx.execute(
                "INSERT INTO drafts(title, template_id, speech_type, speaker, date_line, greeting,
                                    slot_defs, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                (
                    title.map(str::trim).unwrap_or(&template.title),
                    &template.id,
                    &template.speech_type,
                    &template.speaker,
                    &template.date,
                    &template.greeting,
                    serde_json::to_string(&template.slots).unwrap_or_else(|_| "[]".into()),
                    t,
                ),
            )?;
            let id = tx.last_insert_rowid();
            insert_new(tx, id, None, &outline)?;
            // Remembered profile values go into the slots this draft uses.
            let draft = load_draft(tx, id)?;
            let slots = draft.slots();
            for (name, value) in &profile {
                if slots.iter().any(|s| &s.def.name == name && s.def.profile) {
                    tx.execute(
                        "INSERT OR REPLACE INTO draft_slots(draft_id, name, value) VALUES (?1, ?2, ?3)",
                        (id, name, value),
                    )?;
                }
            }
            write_values(tx, id, &checked)?;
            Ok(id)
        })
    }

    /// A stored template by id.
    pub fn template(&self, id: &str) -> Result<Template> {
        let source: String = self
            .conn()
            .query_row("SELECT source FROM templates WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::not_found(Thing::Template, format!("{id:?}")))?;
        Template::parse(&format!("template {id}"), &source)
    }

    /// Templates, optionally of one speech type, in a stable order.
    pub fn templates(&self, speech_type: Option<&str>) -> Result<Vec<Template>> {
        if let Some(t) = speech_type {
            crate::types::find(t)?;
        }
        let mut st = self.conn().prepare(
            "SELECT id, source FROM templates WHERE ?1 IS NULL OR speech_type = ?1 ORDER BY speech_type, id",
        )?;
        let rows: Vec<(String, String)> = st
            .query_map([speech_type], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.iter()
            .map(|(id, src)| Template::parse(&format!("template {id}"), src))
            .collect()
    }

    pub fn draft(&self, id: i64) -> Result<Draft> {
        load_draft(self.conn(), id)
    }

    /// All drafts, most recently changed first.
    pub fn drafts(&self) -> Result<Vec<DraftInfo>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare("SELECT id FROM drafts ORDER BY updated_at DESC, id DESC")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| {
                let d = self.draft(id)?;
                let doc = render::render(&d);
                Ok(DraftInfo {
                    id,
                    title: doc.title,
                    speech_type: d.speech_type,
                    template: d.template_id,
                    unfilled: doc.unfilled.len(),
                    created_at: d.created_at,
                    updated_at: d.updated_at,
                    meeting: d.meeting,
                })
            })
            .collect()
    }

    /// Sets slot values (an empty value clears one). Profile slots are remembered.
    pub fn set_slots(&mut self, draft: i64, values: &[(String, String)]) -> Result<()> {
        let d = self.draft(draft)?;
        let checked = checked_values(&d.slot_defs, values)?;
        self.write(|tx| {
            let own = match d.meeting {
                Some(m) => super::meetings::write_shared(tx, draft, m, &checked)?,
                None => checked,
            };
            write_values(tx, draft, &own)?;
            touch(tx, draft)
        })
    }

    /// Copies a library block into the draft. Returns the ids of the new top nodes.
    pub fn insert_block(
        &mut self,
        draft: i64,
        block: impl Into<BlockRef>,
        place: Place,
    ) -> Result<Vec<i64>> {
        check_draft(self.conn(), draft)?;
        let block = self.block(block)?;
        let nodes = block.nodes();
        self.write(|tx| {
            let (ids, real) = edit_outline(tx, draft, |o| o.insert(place, nodes, Adopt::Always))?;
            record_block_use(tx, block.id)?;
            Ok(stored_ids(&ids, &real))
        })
    }

    /// Inserts new nodes written by the writer (outline markup or one node).
    pub fn insert_nodes(
        &mut self,
        draft: i64,
        nodes: Vec<NewNode>,
        place: Place,
    ) -> Result<Vec<i64>> {
        check_draft(self.conn(), draft)?;
        let mut texts = Vec::new();
        for n in &nodes {
            n.texts(&mut texts);
        }
        for t in texts {
            check_text(TextOf::Item, t)?;
        }
        self.write(|tx| {
            let (ids, real) =
                edit_outline(tx, draft, |o| o.insert(place, nodes, Adopt::UnlessLed))?;
            Ok(stored_ids(&ids, &real))
        })
    }

    /// Changes a node's text, lead style or kind.
    pub fn edit_node(
        &mut self,
        draft: i64,
        node: i64,
        text: Option<&str>,
        lead: Option<LeadStyle>,
        kind: Option<NodeKind>,
    ) -> Result<()> {
        if let Some(t) = text {
            check_text(TextOf::Item, t)?;
        }
        self.write(|tx| {
            edit_outline(tx, draft, |o| o.edit(node, text, lead, kind))?;
            Ok(())
        })
    }

    /// Moves a node (with everything under it).
    pub fn move_node(&mut self, draft: i64, node: i64, place: Place) -> Result<()> {
        self.write(|tx| {
            edit_outline(tx, draft, |o| o.move_node(node, place))?;
            Ok(())
        })
    }

    /// Removes a node and everything under it.
    pub fn remove_node(&mut self, draft: i64, node: i64) -> Result<()> {
        self.write(|tx| {
            edit_outline(tx, draft, |o| o.remove(node))?;
            Ok(())
        })
    }

    pub fn rename_draft(&mut self, draft: i64, title: &str) -> Result<()> {
        check_text(TextOf::Title, title)?;
        self.draft(draft)?;
        self.write(|tx| {
            tx.execute(
                "UPDATE drafts SET title = ?2 WHERE id = ?1",
                (draft, title.trim()),
            )?;
            touch(tx, draft)
        })
    }

    /// Copies a draft with its slots and outline, in the same meeting; returns the new id.
    pub fn duplicate_draft(&mut self, draft: i64) -> Result<i64> {
        let d = self.draft(draft)?;
        self.write(|tx| {
            let t = now();
            tx.execute(
                "INSERT INTO drafts(title, template_id, speech_type, speaker, date_line, greeting,
                                    slot_defs, created_at, updated_at, meeting_id)
                 SELECT title, template_id, speech_type, speaker, date_line, greeting, slot_defs, ?2, ?2,
                        meeting_id
                 FROM drafts WHERE id = ?1",
                (draft, t),
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO draft_slots(draft_id, name, value) SELECT ?2, name, value FROM draft_slots WHERE draft_id = ?1",
                (draft, id),
            )?;
            let nodes: Vec<NewNode> = d.nodes.iter().map(NewNode::from).collect();
            insert_new(tx, id, None, &nodes)?;
            Ok(id)
        })
    }

    pub fn delete_draft(&mut self, draft: i64) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM drafts WHERE id = ?1", [draft])?;
            if n == 0 {
                return Err(Error::not_found(Thing::Draft, draft));
            }
            Ok(())
        })
    }
}

/// The rowids of inserted nodes, from their provisional ids. Every provisional id in the
/// saved tree was given a rowid, so none is missing.
fn stored_ids(provisional: &[i64], real: &HashMap<i64, i64>) -> Vec<i64> {
    provisional
        .iter()
        .filter_map(|id| real.get(id).copied())
        .collect()
}

#[cfg(test)]
mod tests {
    //! The store saves exactly what the pure edits compute: random edit sequences through
    //! both give the same tree, and stored positions stay 0..n-1 under every parent.

    use std::cell::RefCell;

    use proptest::prelude::*;
    use proptest::sample::Index;
    use proptest::test_runner::{Config, TestRunner};

    use super::*;

    /// A node named by its index in reading order (the same in both trees while they
    /// agree), or one that does not exist.
    #[derive(Debug, Clone)]
    enum Target {
        Node(Index),
        Missing,
    }

    #[derive(Debug, Clone)]
    enum At {
        End,
        Under(Target),
        After(Target),
        Before(Target),
    }

    #[derive(Debug, Clone)]
    enum Op {
        Insert(At, Vec<NewNode>),
        Block(At, Index),
        Move(Target, At),
        Remove(Target),
        Edit(Target, Option<String>, Option<LeadStyle>, Option<NodeKind>),
    }

    fn target() -> impl Strategy<Value = Target> {
        prop_oneof![9 => any::<Index>().prop_map(Target::Node), 1 => Just(Target::Missing)]
    }

    fn at() -> impl Strategy<Value = At> {
        prop_oneof![
            Just(At::End),
            target().prop_map(At::Under),
            target().prop_map(At::After),
            target().prop_map(At::Before),
        ]
    }

    fn kind() -> impl Strategy<Value = NodeKind> {
        prop_oneof![
            Just(NodeKind::Heading),
            Just(NodeKind::Item),
            Just(NodeKind::Paragraph)
        ]
    }

    fn lead() -> impl Strategy<Value = Option<LeadStyle>> {
        prop::option::weighted(0.3, prop::sample::select(LeadStyle::ALL.to_vec()))
    }

    fn new_nodes() -> impl Strategy<Value = Vec<NewNode>> {
        let leaf = (kind(), "[甲乙丙丁]{1,3}", lead()).prop_map(|(k, t, l)| NewNode {
            kind: if k == NodeKind::Heading {
                NodeKind::Item
            } else {
                k
            },
            text: t,
            lead: l,
            source_block: None,
            children: Vec::new(),
        });
        let node = leaf.prop_recursive(3, 12, 3, |inner| {
            ("[戊己庚]{1,2}", prop::collection::vec(inner, 0..3)).prop_map(|(t, children)| {
                NewNode {
                    kind: NodeKind::Heading,
                    text: t,
                    lead: None,
                    source_block: None,
                    children,
                }
            })
        });
        prop::collection::vec(node, 1..3)
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            2 => (at(), new_nodes()).prop_map(|(a, n)| Op::Insert(a, n)),
            1 => (at(), any::<Index>()).prop_map(|(a, b)| Op::Block(a, b)),
            3 => (target(), at()).prop_map(|(t, a)| Op::Move(t, a)),
            1 => target().prop_map(Op::Remove),
            2 => (
                target(),
                prop::option::of("[ ]?[辛壬癸]{1,3}[ ]?"),
                lead(),
                prop::option::of(kind())
            )
                .prop_map(|(t, x, l, k)| Op::Edit(t, x, l, k)),
        ]
    }

    fn reading_order(nodes: &[OutlineNode], out: &mut Vec<i64>) {
        for n in nodes {
            out.push(n.id);
            reading_order(&n.children, out);
        }
    }

    /// The ids a target names in the pure tree and in the stored one.
    fn ids(t: &Target, pure: &[i64], stored: &[i64]) -> (i64, i64) {
        match t {
            Target::Node(i) if !pure.is_empty() => {
                let i = i.index(pure.len());
                (pure[i], stored[i])
            }
            _ => (999_999, 999_999),
        }
    }

    fn places(a: &At, pure: &[i64], stored: &[i64]) -> (Place, Place) {
        let two = |t: &Target, f: fn(i64) -> Place| {
            let (p, s) = ids(t, pure, stored);
            (f(p), f(s))
        };
        match a {
            At::End => (Place::End, Place::End),
            At::Under(t) => two(t, Place::Under),
            At::After(t) => two(t, Place::After),
            At::Before(t) => two(t, Place::Before),
        }
    }

    /// Same shape and content; ids equal except where the pure tree has provisional ones.
    fn assert_same(pure: &[OutlineNode], stored: &[OutlineNode]) {
        assert_eq!(pure.len(), stored.len());
        for (p, s) in pure.iter().zip(stored) {
            assert!(
                Outline::is_provisional(p.id) || p.id == s.id,
                "{p:?} vs {s:?}"
            );
            assert_eq!(
                (p.kind, p.lead, &p.text, p.source_block),
                (s.kind, s.lead, &s.text, s.source_block)
            );
            assert_same(&p.children, &s.children);
        }
    }

    fn assert_positions(store: &Store, draft: i64) {
        let mut st = store
            .conn()
            .prepare("SELECT parent_id, position FROM nodes WHERE draft_id = ?1 ORDER BY parent_id, position")
            .unwrap();
        let rows: Vec<(Option<i64>, i64)> = st
            .query_map([draft], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let mut expect: HashMap<Option<i64>, i64> = HashMap::new();
        for (parent, position) in rows {
            let next = expect.entry(parent).or_default();
            assert_eq!(position, *next, "positions under {parent:?}");
            *next += 1;
        }
    }

    #[test]
    fn store_edits_save_what_pure_edits_compute() {
        let store = RefCell::new(Store::open_in_memory().unwrap());
        // One block per lead style, and blocks with headings, so adoption and depth show.
        let keys: Vec<String> = store
            .borrow()
            .conn()
            .prepare(
                "SELECT key FROM blocks WHERE key IS NOT NULL GROUP BY lead_style
                 UNION SELECT key FROM (SELECT key FROM blocks WHERE key IS NOT NULL
                                        AND body LIKE '#%' ORDER BY key LIMIT 2)",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!keys.is_empty());
        let mut runner = TestRunner::new(Config {
            cases: 128,
            failure_persistence: None,
            ..Config::default()
        });
        runner
            .run(&prop::collection::vec(op(), 1..16), |ops| {
                let store = &mut *store.borrow_mut();
                let draft = store.create_draft("opening-congress", None, &[]).unwrap();
                let mut pure = Outline::new(draft, store.draft(draft).unwrap().nodes);
                for op in ops {
                    let (mut p, mut s) = (Vec::new(), Vec::new());
                    reading_order(pure.nodes(), &mut p);
                    reading_order(&store.draft(draft).unwrap().nodes, &mut s);
                    let (pr, sr): (Result<Vec<i64>>, Result<Vec<i64>>) = match &op {
                        Op::Insert(a, nodes) => {
                            let (pp, sp) = places(a, &p, &s);
                            (
                                pure.insert(pp, nodes.clone(), Adopt::UnlessLed),
                                store.insert_nodes(draft, nodes.clone(), sp),
                            )
                        }
                        Op::Block(a, b) => {
                            let (pp, sp) = places(a, &p, &s);
                            let key = &keys[b.index(keys.len())];
                            let nodes = store.block(key).unwrap().nodes();
                            (
                                pure.insert(pp, nodes, Adopt::Always),
                                store.insert_block(draft, key, sp),
                            )
                        }
                        Op::Move(t, a) => {
                            let (pt, st) = ids(t, &p, &s);
                            let (pp, sp) = places(a, &p, &s);
                            (
                                pure.move_node(pt, pp).map(|_| Vec::new()),
                                store.move_node(draft, st, sp).map(|_| Vec::new()),
                            )
                        }
                        Op::Remove(t) => {
                            let (pt, st) = ids(t, &p, &s);
                            (
                                pure.remove(pt).map(|_| Vec::new()),
                                store.remove_node(draft, st).map(|_| Vec::new()),
                            )
                        }
                        Op::Edit(t, text, lead, kind) => {
                            let (pt, st) = ids(t, &p, &s);
                            (
                                pure.edit(pt, text.as_deref(), *lead, *kind)
                                    .map(|_| Vec::new()),
                                store
                                    .edit_node(draft, st, text.as_deref(), *lead, *kind)
                                    .map(|_| Vec::new()),
                            )
                        }
                    };
                    let stored = store.draft(draft).unwrap().nodes;
                    match (pr, sr) {
                        (Ok(pi), Ok(si)) => {
                            // The ids returned name the same places in both trees.
                            let (mut p, mut s) = (Vec::new(), Vec::new());
                            reading_order(pure.nodes(), &mut p);
                            reading_order(&stored, &mut s);
                            let at = |ids: &[i64], all: &[i64]| -> Vec<Option<usize>> {
                                ids.iter()
                                    .map(|i| all.iter().position(|a| a == i))
                                    .collect()
                            };
                            assert_eq!(at(&pi, &p), at(&si, &s), "{op:?}");
                        }
                        (Err(pe), Err(se)) => assert_eq!(pe.kind(), se.kind(), "{op:?}"),
                        (pr, sr) => panic!("{op:?}: pure {pr:?}, store {sr:?}"),
                    }
                    assert_same(pure.nodes(), &stored);
                    assert_positions(store, draft);
                }
                Ok(())
            })
            .unwrap();
    }
}
