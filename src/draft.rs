//! A draft: one speech being written — its head lines, slot values and outline.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::assets;
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::slot::{self, SlotDef};

/// A stored outline node with its children.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutlineNode {
    pub id: i64,
    pub kind: NodeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<LeadStyle>,
    pub text: String,
    /// The library block it was copied from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_block: Option<i64>,
    /// The reviewers' comments (批注) kept from an accepted review, one a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<OutlineNode>,
}

/// A stored subtree as one to store again (a copied draft, a node saved to the library),
/// with its source block; ids are left behind.
impl From<&OutlineNode> for NewNode {
    fn from(n: &OutlineNode) -> Self {
        NewNode {
            kind: n.kind,
            text: n.text.clone(),
            lead: n.lead,
            source_block: n.source_block,
            children: n.children.iter().map(NewNode::from).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    pub id: i64,
    /// Title text; may hold slots.
    pub title: String,
    pub template_id: Option<String>,
    pub speech_type: String,
    pub speaker: Option<String>,
    pub date: Option<String>,
    pub greeting: Option<String>,
    /// Slots described by the draft's template (override the catalogue).
    pub slot_defs: Vec<SlotDef>,
    pub values: BTreeMap<String, String>,
    pub nodes: Vec<OutlineNode>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The meeting the draft belongs to (schema v6); `values` then holds the meeting's
    /// values for the slots the draft does not set itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meeting: Option<i64>,
    /// The meeting's slots: setting one from this draft sets it for the meeting (and
    /// drops an exception the draft set itself); empty outside a meeting.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared: Vec<String>,
}

/// A slot of a draft as the slot form shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftSlot {
    #[serde(flatten)]
    pub def: SlotDef,
    pub value: String,
    pub filled: bool,
    /// How many times the draft's text uses it.
    pub uses: usize,
}

/// Looks a slot up: the draft's own description first, then the catalogue.
pub fn slot_def(own: &[SlotDef], name: &str) -> SlotDef {
    own.iter()
        .find(|d| d.name == name)
        .or_else(|| assets::catalogue().get(name))
        .cloned()
        .unwrap_or_else(|| SlotDef::plain(name))
}

impl Draft {
    /// Every text of the draft, head lines first, then the outline in reading order.
    pub fn texts(&self) -> Vec<&str> {
        let mut out: Vec<&str> = vec![&self.title];
        out.extend(
            [&self.speaker, &self.date, &self.greeting]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        fn walk<'a>(nodes: &'a [OutlineNode], out: &mut Vec<&'a str>) {
            for n in nodes {
                out.push(&n.text);
                walk(&n.children, out);
            }
        }
        walk(&self.nodes, &mut out);
        out
    }

    /// The slots the draft uses, in order of first use, with their values.
    pub fn slots(&self) -> Vec<DraftSlot> {
        let mut names = Vec::new();
        let mut uses: BTreeMap<String, usize> = BTreeMap::new();
        for text in self.texts() {
            let mut here = Vec::new();
            if crate::logic::is_logic(text) {
                // Loop variables are not slots; names in conditions are.
                crate::logic::names_in(text, &mut here);
            } else {
                // Every use counts.
                for piece in slot::pieces(text) {
                    if let slot::Piece::Slot(s) = piece {
                        here.push(s.name);
                    }
                }
            }
            for name in here {
                *uses.entry(name.clone()).or_default() += 1;
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        // The slots inside a list's entries (议程: {{报告人}}同志作工作报告) are the draft's.
        let mut i = 0;
        while i < names.len() {
            if self.slot_def(&names[i]).kind == slot::SlotKind::List {
                let value = self.values.get(&names[i]).cloned().unwrap_or_default();
                for entry in slot::list_entries(&value) {
                    for piece in slot::pieces(entry) {
                        if let slot::Piece::Slot(s) = piece {
                            *uses.entry(s.name.clone()).or_default() += 1;
                            if !names.contains(&s.name) {
                                names.push(s.name);
                            }
                        }
                    }
                }
            }
            i += 1;
        }
        names
            .into_iter()
            .map(|name| {
                let value = self.values.get(&name).cloned().unwrap_or_default();
                DraftSlot {
                    filled: !value.trim().is_empty(),
                    uses: uses.get(&name).copied().unwrap_or(0),
                    def: slot_def(&self.slot_defs, &name),
                    value,
                }
            })
            .collect()
    }

    pub fn slot_def(&self, name: &str) -> SlotDef {
        slot_def(&self.slot_defs, name)
    }

    /// Finds a node by id anywhere in the outline.
    pub fn find(&self, id: i64) -> Option<&OutlineNode> {
        fn walk(nodes: &[OutlineNode], id: i64) -> Option<&OutlineNode> {
            nodes
                .iter()
                .find_map(|n| (n.id == id).then_some(n).or_else(|| walk(&n.children, id)))
        }
        walk(&self.nodes, id)
    }

    /// Replaces one item's text in memory (a preview of an edit not saved yet); false
    /// when the draft has no such item.
    pub fn set_text(&mut self, id: i64, text: &str) -> bool {
        fn walk(nodes: &mut [OutlineNode], id: i64, text: &str) -> bool {
            nodes.iter_mut().any(|n| {
                if n.id == id {
                    n.text = text.to_string();
                    true
                } else {
                    walk(&mut n.children, id, text)
                }
            })
        }
        walk(&mut self.nodes, id, text)
    }
}
