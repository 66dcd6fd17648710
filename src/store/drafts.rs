//! Drafts in the store: create from a template, slot values, outline edits.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use super::library::{check_text, record_block_use};
use super::{now, set_profile, Store};
use crate::draft::{slot_def, Draft, OutlineNode};
use crate::error::{Error, Result, TextOf, Thing};
use crate::outline::{LeadStyle, NewNode, NodeKind, MAX_HEADING_LEVEL};
use crate::render;
use crate::slot::{self, SlotDef};
use crate::template::Template;

/// Where a node goes in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At the end of the top level.
    End,
    /// As the last child of a heading.
    Under(i64),
    After(i64),
    Before(i64),
}

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
}

struct Row {
    id: i64,
    parent: Option<i64>,
    kind: NodeKind,
    lead: Option<LeadStyle>,
    text: String,
    source_block: Option<i64>,
}

fn load_rows(conn: &Connection, draft: i64) -> Result<Vec<Row>> {
    let mut st = conn.prepare_cached(
        "SELECT id, parent_id, kind, lead_style, text, source_block_id FROM nodes
         WHERE draft_id = ?1 ORDER BY parent_id, position, id",
    )?;
    let rows = st.query_map([draft], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<i64>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, parent, kind, lead, text, source_block) = row?;
        out.push(Row {
            id,
            parent,
            // The CHECK constraint keeps kinds valid; paragraph is the harmless fallback.
            kind: NodeKind::parse(&kind).unwrap_or(NodeKind::Paragraph),
            lead: lead.and_then(|l| LeadStyle::parse(&l).ok()),
            text,
            source_block,
        });
    }
    Ok(out)
}

fn build_tree(rows: Vec<Row>) -> Vec<OutlineNode> {
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
    let mut st = conn.prepare_cached("SELECT name, value FROM draft_slots WHERE draft_id = ?1")?;
    let values: BTreeMap<String, String> = st
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Draft {
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
    })
}

fn touch(tx: &Transaction, draft: i64) -> Result<()> {
    tx.execute(
        "UPDATE drafts SET updated_at = ?2 WHERE id = ?1",
        (draft, now()),
    )?;
    Ok(())
}

/// Inserts a subtree as children of `parent`, starting at `position`.
fn insert_nodes(
    tx: &Transaction,
    draft: i64,
    parent: Option<i64>,
    position: i64,
    nodes: &[NewNode],
) -> Result<Vec<i64>> {
    let mut ids = Vec::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        let lead = match n.kind {
            NodeKind::Item => Some(n.lead.unwrap_or_default().id()),
            _ => None,
        };
        tx.execute(
            "INSERT INTO nodes(draft_id, parent_id, position, kind, lead_style, text, source_block_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            (draft, parent, position + i as i64, n.kind.id(), lead, &n.text, n.source_block),
        )?;
        let id = tx.last_insert_rowid();
        insert_nodes(tx, draft, Some(id), 0, &n.children)?;
        ids.push(id);
    }
    Ok(ids)
}

/// The node's parent and kind, checking it belongs to the draft.
fn node_info(tx: &Transaction, draft: i64, node: i64) -> Result<(Option<i64>, NodeKind)> {
    tx.query_row(
        "SELECT parent_id, kind FROM nodes WHERE id = ?1 AND draft_id = ?2",
        (node, draft),
        |r| Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, String>(1)?)),
    )
    .optional()?
    .map(|(p, k)| (p, NodeKind::parse(&k).unwrap_or(NodeKind::Paragraph)))
    .ok_or_else(|| Error::not_found(Thing::Item, format!("{node} in draft {draft}")))
}

/// Number of heading ancestors above (and including) `parent`.
fn heading_depth_of(tx: &Transaction, parent: Option<i64>) -> Result<usize> {
    let mut depth = 0;
    let mut cur = parent;
    while let Some(id) = cur {
        let (p, kind): (Option<i64>, String) = tx.query_row(
            "SELECT parent_id, kind FROM nodes WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if kind == "heading" {
            depth += 1;
        }
        cur = p;
    }
    Ok(depth)
}

fn siblings(tx: &Transaction, draft: i64, parent: Option<i64>) -> Result<Vec<i64>> {
    let mut st = tx.prepare_cached(
        "SELECT id FROM nodes WHERE draft_id = ?1 AND parent_id IS ?2 ORDER BY position, id",
    )?;
    let ids = st
        .query_map((draft, parent), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn renumber(tx: &Transaction, ids: &[i64]) -> Result<()> {
    for (i, id) in ids.iter().enumerate() {
        tx.execute(
            "UPDATE nodes SET position = ?2 WHERE id = ?1",
            (id, i as i64),
        )?;
    }
    Ok(())
}

/// Resolves a place into (parent, index among the parent's children), checking it.
/// `moving` is left out of the sibling lists: it is the node being moved.
fn resolve(
    tx: &Transaction,
    draft: i64,
    place: Place,
    moving: Option<i64>,
) -> Result<(Option<i64>, usize)> {
    let siblings = |parent| -> Result<Vec<i64>> {
        let mut s = siblings(tx, draft, parent)?;
        s.retain(|id| Some(*id) != moving);
        Ok(s)
    };
    Ok(match place {
        Place::End => (None, siblings(None)?.len()),
        Place::Under(target) => {
            let (_, kind) = node_info(tx, draft, target)?;
            if kind != NodeKind::Heading {
                return Err(Error::NotAHeading { node: target, kind });
            }
            (Some(target), siblings(Some(target))?.len())
        }
        Place::After(target) | Place::Before(target) => {
            let (parent, _) = node_info(tx, draft, target)?;
            let sibs = siblings(parent)?;
            let at = sibs.iter().position(|s| *s == target).unwrap_or(sibs.len());
            let at = if matches!(place, Place::After(_)) {
                at + 1
            } else {
                at
            };
            (parent, at)
        }
    })
}

fn check_depth(tx: &Transaction, parent: Option<i64>, subtree_depth: usize) -> Result<()> {
    let depth = heading_depth_of(tx, parent)? + subtree_depth;
    if depth > MAX_HEADING_LEVEL {
        return Err(Error::TooDeep {
            depth,
            max: MAX_HEADING_LEVEL,
        });
    }
    Ok(())
}

/// Items added next to existing items take their lead style, so one group counts together.
fn adopt_lead(
    tx: &Transaction,
    draft: i64,
    parent: Option<i64>,
    nodes: &mut [NewNode],
) -> Result<()> {
    let style: Option<String> = tx
        .query_row(
            "SELECT lead_style FROM nodes WHERE draft_id = ?1 AND parent_id IS ?2 AND kind = 'item'
             ORDER BY position LIMIT 1",
            (draft, parent),
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(style) = style.and_then(|s| LeadStyle::parse(&s).ok()) {
        for n in nodes.iter_mut().filter(|n| n.kind == NodeKind::Item) {
            n.lead = Some(style);
        }
    }
    Ok(())
}

fn subtree_heading_depth(tx: &Transaction, node: i64) -> Result<usize> {
    let mut st =
        tx.prepare_cached("SELECT id FROM nodes WHERE parent_id = ?1 AND kind = 'heading'")?;
    let kids: Vec<i64> = st
        .query_map([node], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let kind: String =
        tx.query_row("SELECT kind FROM nodes WHERE id = ?1", [node], |r| r.get(0))?;
    let mut deepest = 0;
    for k in kids {
        deepest = deepest.max(subtree_heading_depth(tx, k)?);
    }
    Ok(if kind == "heading" { 1 + deepest } else { 0 })
}

fn is_inside(tx: &Transaction, node: i64, ancestor: i64) -> Result<bool> {
    let mut cur = Some(node);
    while let Some(id) = cur {
        if id == ancestor {
            return Ok(true);
        }
        cur = tx.query_row("SELECT parent_id FROM nodes WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    }
    Ok(false)
}

/// Checks slot values against their kinds and returns them trimmed.
fn checked_values(defs: &[SlotDef], values: &[(String, String)]) -> Result<Vec<(SlotDef, String)>> {
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

fn write_values(tx: &Transaction, draft: i64, values: &[(SlotDef, String)]) -> Result<()> {
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
            insert_nodes(tx, id, None, 0, &outline)?;
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
                })
            })
            .collect()
    }

    /// Sets slot values (an empty value clears one). Profile slots are remembered.
    pub fn set_slots(&mut self, draft: i64, values: &[(String, String)]) -> Result<()> {
        let d = self.draft(draft)?;
        let checked = checked_values(&d.slot_defs, values)?;
        self.write(|tx| {
            write_values(tx, draft, &checked)?;
            touch(tx, draft)
        })
    }

    /// Copies a library block into the draft. Returns the ids of the new top nodes.
    pub fn insert_block(&mut self, draft: i64, block: &str, place: Place) -> Result<Vec<i64>> {
        self.draft(draft)?;
        let block = self.block(block)?;
        let mut nodes = block.nodes();
        self.write(|tx| {
            let (parent, at) = resolve(tx, draft, place, None)?;
            let depth = nodes.iter().map(NewNode::heading_depth).max().unwrap_or(0);
            check_depth(tx, parent, depth)?;
            adopt_lead(tx, draft, parent, &mut nodes)?;
            let ids = place_nodes(tx, draft, parent, at, &nodes)?;
            record_block_use(tx, block.id)?;
            touch(tx, draft)?;
            Ok(ids)
        })
    }

    /// Inserts new nodes written by the writer (outline markup or one node).
    pub fn insert_nodes(
        &mut self,
        draft: i64,
        nodes: Vec<NewNode>,
        place: Place,
    ) -> Result<Vec<i64>> {
        self.draft(draft)?;
        let mut texts = Vec::new();
        for n in &nodes {
            n.texts(&mut texts);
        }
        for t in texts {
            check_text(TextOf::Item, t)?;
        }
        let mut nodes = nodes;
        self.write(|tx| {
            let (parent, at) = resolve(tx, draft, place, None)?;
            let depth = nodes.iter().map(NewNode::heading_depth).max().unwrap_or(0);
            check_depth(tx, parent, depth)?;
            if nodes.iter().all(|n| n.lead.is_none()) {
                adopt_lead(tx, draft, parent, &mut nodes)?;
            }
            let ids = place_nodes(tx, draft, parent, at, &nodes)?;
            touch(tx, draft)?;
            Ok(ids)
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
            let (parent, old_kind) = node_info(tx, draft, node)?;
            if let Some(t) = text {
                tx.execute("UPDATE nodes SET text = ?2 WHERE id = ?1", (node, t.trim()))?;
            }
            let kind = kind.unwrap_or(old_kind);
            if kind != old_kind {
                let has_children: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM nodes WHERE parent_id = ?1)",
                    [node],
                    |r| r.get(0),
                )?;
                if old_kind == NodeKind::Heading && has_children {
                    return Err(Error::HasChildren { node });
                }
                if kind == NodeKind::Heading {
                    check_depth(tx, parent, 1)?;
                }
                tx.execute(
                    "UPDATE nodes SET kind = ?2 WHERE id = ?1",
                    (node, kind.id()),
                )?;
            }
            match kind {
                NodeKind::Item => {
                    // An item keeps its style unless told otherwise; a new item gets the default.
                    let style = lead.or((old_kind != NodeKind::Item).then(LeadStyle::default));
                    if let Some(style) = style {
                        tx.execute(
                            "UPDATE nodes SET lead_style = ?2 WHERE id = ?1",
                            (node, style.id()),
                        )?;
                    }
                }
                _ if lead.is_some() => return Err(Error::LeadOnItemsOnly { node, kind }),
                _ => {
                    tx.execute("UPDATE nodes SET lead_style = NULL WHERE id = ?1", [node])?;
                }
            }
            touch(tx, draft)
        })
    }

    /// Moves a node (with everything under it).
    pub fn move_node(&mut self, draft: i64, node: i64, place: Place) -> Result<()> {
        self.write(|tx| {
            let (old_parent, _) = node_info(tx, draft, node)?;
            if let Place::Under(t) | Place::After(t) | Place::Before(t) = place {
                node_info(tx, draft, t)?;
                if is_inside(tx, t, node)? {
                    return Err(Error::MoveIntoItself { node });
                }
            }
            let (parent, at) = resolve(tx, draft, place, Some(node))?;
            check_depth(tx, parent, subtree_heading_depth(tx, node)?)?;
            let mut old = siblings(tx, draft, old_parent)?;
            old.retain(|id| *id != node);
            renumber(tx, &old)?;
            let mut sibs = siblings(tx, draft, parent)?;
            sibs.retain(|id| *id != node);
            sibs.insert(at.min(sibs.len()), node);
            tx.execute(
                "UPDATE nodes SET parent_id = ?2 WHERE id = ?1",
                (node, parent),
            )?;
            renumber(tx, &sibs)?;
            touch(tx, draft)
        })
    }

    /// Removes a node and everything under it.
    pub fn remove_node(&mut self, draft: i64, node: i64) -> Result<()> {
        self.write(|tx| {
            let (parent, _) = node_info(tx, draft, node)?;
            tx.execute("DELETE FROM nodes WHERE id = ?1", [node])?;
            renumber(tx, &siblings(tx, draft, parent)?)?;
            touch(tx, draft)
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

    /// Copies a draft with its slots and outline; returns the new id.
    pub fn duplicate_draft(&mut self, draft: i64) -> Result<i64> {
        let d = self.draft(draft)?;
        self.write(|tx| {
            let t = now();
            tx.execute(
                "INSERT INTO drafts(title, template_id, speech_type, speaker, date_line, greeting,
                                    slot_defs, created_at, updated_at)
                 SELECT title, template_id, speech_type, speaker, date_line, greeting, slot_defs, ?2, ?2
                 FROM drafts WHERE id = ?1",
                (draft, t),
            )?;
            let id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO draft_slots(draft_id, name, value) SELECT ?2, name, value FROM draft_slots WHERE draft_id = ?1",
                (draft, id),
            )?;
            let nodes: Vec<NewNode> = d.nodes.iter().map(NewNode::from).collect();
            insert_nodes(tx, id, None, 0, &nodes)?;
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

/// Puts nodes at `at` among the parent's children and renumbers the list.
fn place_nodes(
    tx: &Transaction,
    draft: i64,
    parent: Option<i64>,
    at: usize,
    nodes: &[NewNode],
) -> Result<Vec<i64>> {
    let mut sibs = siblings(tx, draft, parent)?;
    let ids = insert_nodes(tx, draft, parent, 0, nodes)?;
    let at = at.min(sibs.len());
    sibs.splice(at..at, ids.iter().copied());
    renumber(tx, &sibs)?;
    Ok(ids)
}
