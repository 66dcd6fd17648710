//! Comparing two states of a draft (two versions, or a version and the present draft).
//!
//! Outline changes match nodes by id, which survive edits, moves and restores: a node
//! only in the new state was inserted, one only in the old was deleted, one under another
//! parent or out of order among its siblings was moved, a heading whose text changed was
//! renamed (one `replace` of the whole heading). Inside items and paragraphs, text changes
//! are character-level. Texts are compared as stored, `{{slots}}` kept, so filling a slot
//! changes no text: slot values are compared on their own and listed as `slot` changes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::undo::{NodeView, Snapshot};

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Insert,
    Delete,
    Replace,
    Move,
    Slot,
}

/// One change. `node` is the outline node (None for the title, head lines and slots);
/// `field` says which of those, or which slot; `at` is the character offset in the old
/// text of a change inside a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub node: Option<i64>,
    pub kind: ChangeKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<usize>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Equal runs this short between two changes are swallowed into one change: a character
/// diff of a rewritten clause otherwise comes out in shreds (改 “加强” to “强化” gives
/// delete 加, keep 强, insert 化), which a reader cannot follow. Two characters bridge a
/// kept particle or punctuation mark (的、，) without merging changes a sentence apart.
const BRIDGE: usize = 2;

/// A character diff of one long text gives up after this and reports coarser changes
/// (similar's deadline): a pathological pair must not hang the comparison.
const DEADLINE: Duration = Duration::from_millis(200);

/// Every change from `old` to `new`, in the new state's order (deletions after the
/// node that was before them).
pub fn compare(old: &Snapshot, new: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    head_changes(old, new, &mut out);
    outline_changes(old, new, &mut out);
    slot_changes(old, new, &mut out);
    out
}

fn head_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    for ((field, a), (_, b)) in old.head().into_iter().zip(new.head()) {
        if a != b {
            out.push(Change {
                node: None,
                kind: match (a, b) {
                    (None, _) => ChangeKind::Insert,
                    (_, None) => ChangeKind::Delete,
                    _ => ChangeKind::Replace,
                },
                field: Some(field.into()),
                at: None,
                old: a.map(str::to_string),
                new: b.map(str::to_string),
            });
        }
    }
}

fn slot_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let before: HashMap<&str, &str> = old
        .slot_values()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let after: HashMap<&str, &str> = new
        .slot_values()
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let mut names: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let (a, b) = (before.get(name).copied(), after.get(name).copied());
        if a != b {
            out.push(Change {
                node: None,
                kind: ChangeKind::Slot,
                field: Some(name.to_string()),
                at: None,
                old: a.map(str::to_string),
                new: b.map(str::to_string),
            });
        }
    }
}

/// Each parent's children in order (None: the top level).
fn children<'a>(nodes: &[NodeView<'a>]) -> HashMap<Option<i64>, Vec<NodeView<'a>>> {
    let mut map: HashMap<Option<i64>, Vec<NodeView<'a>>> = HashMap::new();
    for n in nodes {
        map.entry(n.parent).or_default().push(*n);
    }
    for list in map.values_mut() {
        list.sort_by_key(|n| n.position);
    }
    map
}

/// The nodes in reading order (depth first).
fn reading_order<'a>(map: &HashMap<Option<i64>, Vec<NodeView<'a>>>) -> Vec<NodeView<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeView<'a>> = map
        .get(&None)
        .into_iter()
        .flatten()
        .rev()
        .copied()
        .collect();
    while let Some(n) = stack.pop() {
        out.push(n);
        if let Some(kids) = map.get(&Some(n.id)) {
            stack.extend(kids.iter().rev().copied());
        }
    }
    out
}

/// Nodes kept under the same parent but out of order: those outside a longest common
/// subsequence of the kept siblings, old order against new. Siblings shifted by an
/// insertion or deletion are not moved.
fn reordered(
    old: &HashMap<Option<i64>, Vec<NodeView<'_>>>,
    new: &HashMap<Option<i64>, Vec<NodeView<'_>>>,
    old_parent: &HashMap<i64, Option<i64>>,
) -> HashSet<i64> {
    let mut moved = HashSet::new();
    for (parent, kids) in new {
        let after: Vec<i64> = kids
            .iter()
            .filter(|n| old_parent.get(&n.id) == Some(parent))
            .map(|n| n.id)
            .collect();
        let set: HashSet<i64> = after.iter().copied().collect();
        let before: Vec<i64> = old
            .get(parent)
            .into_iter()
            .flatten()
            .map(|n| n.id)
            .filter(|id| set.contains(id))
            .collect();
        for op in similar::capture_diff_slices(Algorithm::Myers, &before, &after) {
            if let DiffOp::Insert {
                new_index, new_len, ..
            } = op
            {
                moved.extend(&after[new_index..new_index + new_len]);
            } else if let DiffOp::Replace {
                new_index, new_len, ..
            } = op
            {
                moved.extend(&after[new_index..new_index + new_len]);
            }
        }
    }
    moved
}

fn outline_changes(old: &Snapshot, new: &Snapshot, out: &mut Vec<Change>) {
    let old_nodes: Vec<NodeView> = old.nodes().collect();
    let new_nodes: Vec<NodeView> = new.nodes().collect();
    let before: HashMap<i64, NodeView> = old_nodes.iter().map(|n| (n.id, *n)).collect();
    let after: HashSet<i64> = new_nodes.iter().map(|n| n.id).collect();
    let old_tree = children(&old_nodes);
    let new_tree = children(&new_nodes);
    let old_parent: HashMap<i64, Option<i64>> =
        old_nodes.iter().map(|n| (n.id, n.parent)).collect();
    let reordered = reordered(&old_tree, &new_tree, &old_parent);
    for n in reading_order(&new_tree) {
        let Some(o) = before.get(&n.id) else {
            out.push(node_change(n.id, ChangeKind::Insert, None, Some(n.text)));
            continue;
        };
        if o.parent != n.parent || reordered.contains(&n.id) {
            out.push(node_change(
                n.id,
                ChangeKind::Move,
                Some(o.text),
                Some(n.text),
            ));
        }
        if o.kind != n.kind {
            out.push(field_change(n.id, "kind", o.kind, n.kind));
        }
        if o.lead_style != n.lead_style {
            out.push(field_change(
                n.id,
                "lead",
                o.lead_style.unwrap_or(""),
                n.lead_style.unwrap_or(""),
            ));
        }
        if o.text == n.text {
        } else if n.kind == "heading" {
            out.push(node_change(
                n.id,
                ChangeKind::Replace,
                Some(o.text),
                Some(n.text),
            ));
        } else {
            out.extend(text_changes(o.text, n.text).into_iter().map(|mut c| {
                c.node = Some(n.id);
                c
            }));
        }
    }
    for o in reading_order(&old_tree) {
        // Only the top of a deleted subtree: its children went with it.
        let parent_gone = o.parent.is_some_and(|p| !after.contains(&p));
        if !after.contains(&o.id) && !parent_gone {
            out.push(node_change(o.id, ChangeKind::Delete, Some(o.text), None));
        }
    }
}

fn node_change(id: i64, kind: ChangeKind, old: Option<&str>, new: Option<&str>) -> Change {
    Change {
        node: Some(id),
        kind,
        field: None,
        at: None,
        old: old.map(str::to_string),
        new: new.map(str::to_string),
    }
}

fn field_change(id: i64, field: &str, old: &str, new: &str) -> Change {
    Change {
        node: Some(id),
        kind: ChangeKind::Replace,
        field: Some(field.into()),
        at: None,
        old: Some(old.into()),
        new: Some(new.into()),
    }
}

/// A stretch that differs: `old[old]` became `new[new]` (either may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hunk {
    pub old: Range<usize>,
    pub new: Range<usize>,
}

/// The character-level differences from `a` to `b`, tidied: changes separated by at
/// most [`BRIDGE`] equal characters become one hunk. The comparison of versions and the
/// redline of two documents both read these.
pub fn hunks(a: &[char], b: &[char]) -> Vec<Hunk> {
    let ops = capture_diff_slices_deadline(Algorithm::Myers, a, b, Some(Instant::now() + DEADLINE));
    let mut hunks: Vec<Hunk> = Vec::new();
    for op in ops {
        if matches!(op, DiffOp::Equal { .. }) {
            continue;
        }
        let (o, n) = (op.old_range(), op.new_range());
        match hunks.last_mut() {
            Some(h) if o.start - h.old.end <= BRIDGE => {
                h.old.end = o.end;
                h.new.end = n.end;
            }
            _ => hunks.push(Hunk { old: o, new: n }),
        }
    }
    hunks
}

/// Character-level changes from `old` to `new` (node unset), tidied as [`hunks`] does.
pub fn text_changes(old: &str, new: &str) -> Vec<Change> {
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    hunks(&a, &b)
        .into_iter()
        .map(|h| {
            let old: String = a[h.old.clone()].iter().collect();
            let new: String = b[h.new].iter().collect();
            Change {
                node: None,
                kind: match (old.is_empty(), new.is_empty()) {
                    (true, _) => ChangeKind::Insert,
                    (_, true) => ChangeKind::Delete,
                    _ => ChangeKind::Replace,
                },
                field: None,
                at: Some(h.old.start),
                old: (!old.is_empty()).then_some(old),
                new: (!new.is_empty()).then_some(new),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(changes: &[Change]) -> Vec<(ChangeKind, Option<&str>, Option<&str>)> {
        changes
            .iter()
            .map(|c| (c.kind, c.old.as_deref(), c.new.as_deref()))
            .collect()
    }

    #[test]
    fn a_rewritten_word_is_one_change_not_shreds() {
        let c = text_changes("要加强党的建设", "要强化党的建设");
        assert_eq!(
            shown(&c),
            [(ChangeKind::Replace, Some("加强"), Some("强化"))]
        );
        assert_eq!(c[0].at, Some(1));
    }

    #[test]
    fn changes_far_apart_stay_apart() {
        let c = text_changes(
            "一是抓学习，二是抓落实，三是抓督查",
            "一是重学习，二是抓落实，三是严督查",
        );
        assert_eq!(
            shown(&c),
            [
                (ChangeKind::Replace, Some("抓"), Some("重")),
                (ChangeKind::Replace, Some("抓"), Some("严")),
            ]
        );
    }

    #[test]
    fn insertions_and_deletions() {
        assert_eq!(
            shown(&text_changes("推进工作", "扎实推进工作")),
            [(ChangeKind::Insert, None, Some("扎实"))]
        );
        assert_eq!(
            shown(&text_changes("扎实推进工作", "推进工作")),
            [(ChangeKind::Delete, Some("扎实"), None)]
        );
        assert!(text_changes("同", "同").is_empty());
    }

    /// A long paragraph rewritten from end to end is where Myers is slowest (D ≈ N):
    /// the deadline bounds it and the answer still covers the whole change.
    #[test]
    fn a_long_text_rewritten_whole_is_bounded() {
        let old: String = "甲乙丙丁".repeat(2_500);
        let new: String = "子丑寅卯".repeat(2_500);
        let t = Instant::now();
        let c = text_changes(&old, &new);
        assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
        let removed: usize = c
            .iter()
            .filter_map(|c| c.old.as_ref())
            .map(|t| t.chars().count())
            .sum();
        assert_eq!(removed, 10_000);
    }
}
