//! The redline: two rendered documents (a version and the draft now, both through
//! [`render`](crate::render::render)) compared paragraph by paragraph as they are printed —
//! title, head lines, headings with their numbers, items with their leads, paragraphs.
//! It is the one form the tracked-change .docx, the printable 花脸稿 and the desktop's
//! compare view read.
//!
//! Paragraphs are matched by node id (ids survive edits, moves and restores; the title
//! and head lines by what they are). The matched ones that keep their reading order (a
//! longest common subsequence of the two orders) are compared character by character,
//! number or lead included, so a renumbered heading shows 二、→三、; a paragraph out of
//! that order was moved and shows as deleted at its old place and inserted at its new.
//! Deleted paragraphs stand after the paragraph that preceded them in the old order.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::diff;
use crate::document::{Document, Node};
use crate::outline::NodeKind;

/// What a printed paragraph is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Title,
    Speaker,
    Date,
    Greeting,
    Heading,
    Item,
    Paragraph,
}

impl From<NodeKind> for Kind {
    fn from(k: NodeKind) -> Self {
        match k {
            NodeKind::Heading => Kind::Heading,
            NodeKind::Item => Kind::Item,
            NodeKind::Paragraph => Kind::Paragraph,
        }
    }
}

/// What happened to a paragraph.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Same,
    Inserted,
    Deleted,
    /// Kept, with text or style changed inside it.
    Changed,
}

/// What happened to a stretch of text.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    Equal,
    Ins,
    Del,
}

/// A stretch of one mark and one face. Equal and inserted text is set as the new
/// document sets it, deleted text as the old one did. The faces are always written, so
/// a reader needs no defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub text: String,
    pub mark: Mark,
    pub bold: bool,
    /// An unfilled slot's 【名称】.
    pub unfilled: bool,
    /// Part of the heading number or item lead.
    pub prefix: bool,
}

/// The style a kept paragraph had when it is printed in another one now.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Was {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub level: Option<usize>,
}

/// One printed paragraph.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Para {
    /// The outline node (None for the title and head lines).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub node: Option<i64>,
    pub kind: Kind,
    /// A heading's level, 1–4 (the old level for a deleted heading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub level: Option<usize>,
    pub state: State,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub was: Option<Was>,
    pub segments: Vec<Segment>,
}

/// Every printed paragraph of the new document in order, deleted ones among them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Redline {
    pub paragraphs: Vec<Para>,
}

impl Para {
    /// The text as the new document prints it (deletions left out).
    pub fn new_text(&self) -> String {
        self.text_without(Mark::Del)
    }

    /// The text as the old document printed it (insertions left out).
    pub fn old_text(&self) -> String {
        self.text_without(Mark::Ins)
    }

    fn text_without(&self, mark: Mark) -> String {
        self.segments
            .iter()
            .filter(|s| s.mark != mark)
            .map(|s| s.text.as_str())
            .collect()
    }
}

impl Redline {
    /// Whether anything changed.
    pub fn is_unchanged(&self) -> bool {
        self.paragraphs.iter().all(|p| p.state == State::Same)
    }
}

/// How one character is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Face {
    bold: bool,
    unfilled: bool,
    prefix: bool,
}

/// Which paragraph: the head lines by what they are, the outline by node id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Head(Kind),
    Node(i64),
}

/// A paragraph as printed, one face per character.
struct Printed {
    key: Key,
    kind: Kind,
    level: Option<usize>,
    chars: Vec<char>,
    faces: Vec<Face>,
}

impl Printed {
    fn line(kind: Kind, text: &str) -> Printed {
        let chars: Vec<char> = text.chars().collect();
        Printed {
            key: Key::Head(kind),
            kind,
            level: None,
            faces: vec![Face::default(); chars.len()],
            chars,
        }
    }

    fn node(n: &Node) -> Printed {
        let mut p = Printed {
            key: Key::Node(n.id),
            kind: n.kind.into(),
            level: n.level,
            chars: Vec::with_capacity(n.text.len() / 3 + 4),
            faces: Vec::with_capacity(n.text.len() / 3 + 4),
        };
        let prefixed = n.prefix().is_some();
        for (i, run) in n.display_runs().iter().enumerate() {
            let face = Face {
                bold: run.bold,
                unfilled: run.unfilled,
                prefix: prefixed && i == 0,
            };
            for c in run.text.chars() {
                p.chars.push(c);
                p.faces.push(face);
            }
        }
        p
    }

    /// The whole paragraph under one mark.
    fn whole(&self, state: State, mark: Mark) -> Para {
        let mut segments = Vec::new();
        for (&c, &face) in self.chars.iter().zip(&self.faces) {
            push(&mut segments, c, mark, face);
        }
        Para {
            node: self.node_id(),
            kind: self.kind,
            level: self.level,
            state,
            was: None,
            segments,
        }
    }

    fn node_id(&self) -> Option<i64> {
        match self.key {
            Key::Node(id) => Some(id),
            Key::Head(_) => None,
        }
    }
}

/// Every paragraph of a document in printed order.
fn printed(doc: &Document) -> Vec<Printed> {
    // The title as printed: the export sets it trimmed.
    let mut out = vec![Printed::line(Kind::Title, doc.title.trim())];
    for (kind, line) in doc.head_lines() {
        let kind = match kind {
            "speaker" => Kind::Speaker,
            "date" => Kind::Date,
            _ => Kind::Greeting,
        };
        out.push(Printed::line(kind, line));
    }
    out.extend(doc.walk().map(Printed::node));
    out
}

/// Appends one character, joining the last segment when it has the same mark and face.
fn push(segments: &mut Vec<Segment>, c: char, mark: Mark, face: Face) {
    if let Some(last) = segments.last_mut() {
        let same = last.mark == mark
            && last.bold == face.bold
            && last.unfilled == face.unfilled
            && last.prefix == face.prefix;
        if same {
            last.text.push(c);
            return;
        }
    }
    segments.push(Segment {
        text: c.to_string(),
        mark,
        bold: face.bold,
        unfilled: face.unfilled,
        prefix: face.prefix,
    });
}

/// A paragraph kept in place: its characters compared, number or lead included.
fn kept(old: &Printed, new: &Printed) -> Para {
    let mut segments = Vec::new();
    let (mut i, mut j) = (0, 0);
    let hunks = diff::hunks(&old.chars, &new.chars);
    for h in &hunks {
        while i < h.old.start {
            push(&mut segments, new.chars[j], Mark::Equal, new.faces[j]);
            (i, j) = (i + 1, j + 1);
        }
        for k in h.old.clone() {
            push(&mut segments, old.chars[k], Mark::Del, old.faces[k]);
        }
        for k in h.new.clone() {
            push(&mut segments, new.chars[k], Mark::Ins, new.faces[k]);
        }
        (i, j) = (h.old.end, h.new.end);
    }
    for k in j..new.chars.len() {
        push(&mut segments, new.chars[k], Mark::Equal, new.faces[k]);
    }
    let was = (old.kind != new.kind || old.level != new.level).then_some(Was {
        kind: old.kind,
        level: old.level,
    });
    Para {
        node: new.node_id(),
        kind: new.kind,
        level: new.level,
        state: if hunks.is_empty() && was.is_none() {
            State::Same
        } else {
            State::Changed
        },
        was,
        segments,
    }
}

/// The redline from `old` to `new`.
pub fn redline(old: &Document, new: &Document) -> Redline {
    let (a, b) = (printed(old), printed(new));
    let ka: Vec<Key> = a.iter().map(|p| p.key).collect();
    let kb: Vec<Key> = b.iter().map(|p| p.key).collect();
    let mut paragraphs = Vec::with_capacity(b.len());
    for op in capture_diff_slices(Algorithm::Myers, &ka, &kb) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                paragraphs.push(kept(&a[old_index + k], &b[new_index + k]));
            }
            continue;
        }
        // Deletions first: they stand after the paragraph that preceded them.
        for p in &a[op.old_range()] {
            paragraphs.push(p.whole(State::Deleted, Mark::Del));
        }
        for p in &b[op.new_range()] {
            paragraphs.push(p.whole(State::Inserted, Mark::Ins));
        }
    }
    Redline { paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Meta, Run};

    fn run(text: &str, bold: bool) -> Run {
        Run {
            text: text.into(),
            bold,
            ..Run::default()
        }
    }

    fn node(id: i64, kind: NodeKind, prefix: Option<&str>, runs: Vec<Run>) -> Node {
        let (level, number, lead) = match kind {
            NodeKind::Heading => (Some(1), prefix.map(String::from), None),
            NodeKind::Item => (None, None, prefix.map(String::from)),
            NodeKind::Paragraph => (None, None, None),
        };
        Node {
            id,
            kind,
            level,
            number,
            lead,
            text: runs.iter().map(|r| r.text.as_str()).collect(),
            runs,
            children: vec![],
        }
    }

    fn doc(title: &str, date: Option<&str>, nodes: Vec<Node>) -> Document {
        Document {
            title: title.into(),
            speaker: Some("王明".into()),
            date: date.map(String::from),
            greeting: Some("同志们：".into()),
            speech_type: "opening".into(),
            meta: Meta::default(),
            unfilled: vec![],
            nodes,
        }
    }

    /// (mark, text) of every segment.
    fn marks(p: &Para) -> Vec<(Mark, &str)> {
        p.segments
            .iter()
            .map(|s| (s.mark, s.text.as_str()))
            .collect()
    }

    fn states(r: &Redline) -> Vec<(Option<i64>, Kind, State)> {
        r.paragraphs
            .iter()
            .map(|p| (p.node, p.kind, p.state))
            .collect()
    }

    fn base() -> Document {
        use NodeKind::*;
        doc(
            "在大会上的讲话",
            Some("（二〇二六年一月十五日）"),
            vec![
                node(1, Paragraph, None, vec![run("今天召开大会。", false)]),
                node(2, Heading, Some("一、"), vec![run("提高认识", false)]),
                node(
                    3,
                    Item,
                    Some("一是"),
                    vec![run("抓学习。", true), run("要读原文。", false)],
                ),
                node(4, Item, Some("二是"), vec![run("抓落实。", false)]),
                node(5, Heading, Some("二、"), vec![run("加强领导", false)]),
            ],
        )
    }

    #[test]
    fn the_same_document_is_unchanged() {
        let r = redline(&base(), &base());
        assert!(r.is_unchanged());
        assert_eq!(r.paragraphs.len(), 9);
        assert_eq!(r.paragraphs[0].kind, Kind::Title);
        let item = &r.paragraphs[6];
        assert_eq!(item.node, Some(3));
        // The lead, the bold sentence and the rest keep their faces.
        let faces: Vec<(&str, bool, bool)> = item
            .segments
            .iter()
            .map(|s| (s.text.as_str(), s.bold, s.prefix))
            .collect();
        assert_eq!(
            faces,
            [
                ("一是", true, true),
                ("抓学习。", true, false),
                ("要读原文。", false, false)
            ]
        );
    }

    #[test]
    fn edits_inserts_deletes_and_renumbering() {
        use NodeKind::*;
        let old = base();
        let mut new = base();
        // Text edited inside an item, a heading inserted before 加强领导 (renumbered
        // 二、→三、), the second item deleted, the date line gone.
        new.nodes[2].runs[1].text = "要读原著原文。".into();
        new.nodes.remove(3);
        new.nodes.insert(
            3,
            node(9, Heading, Some("二、"), vec![run("突出重点", false)]),
        );
        new.nodes[4].number = Some("三、".into());
        new.date = None;
        let r = redline(&old, &new);
        use Kind as K;
        assert_eq!(
            states(&r),
            [
                (None, K::Title, State::Same),
                (None, K::Speaker, State::Same),
                (None, K::Date, State::Deleted),
                (None, K::Greeting, State::Same),
                (Some(1), K::Paragraph, State::Same),
                (Some(2), K::Heading, State::Same),
                (Some(3), K::Item, State::Changed),
                (Some(4), K::Item, State::Deleted),
                (Some(9), K::Heading, State::Inserted),
                (Some(5), K::Heading, State::Changed),
            ]
        );
        let p = |i: usize| &r.paragraphs[i];
        assert_eq!(
            marks(p(6)),
            [
                (Mark::Equal, "一是"),
                (Mark::Equal, "抓学习。"),
                (Mark::Equal, "要读原"),
                (Mark::Ins, "著原"),
                (Mark::Equal, "文。"),
            ]
        );
        assert_eq!(marks(p(7)), [(Mark::Del, "二是"), (Mark::Del, "抓落实。")]);
        assert!(p(7).segments[0].prefix);
        assert_eq!(
            marks(p(9)),
            [
                (Mark::Del, "二"),
                (Mark::Ins, "三"),
                (Mark::Equal, "、"),
                (Mark::Equal, "加强领导")
            ]
        );
        assert_eq!(p(9).old_text(), "二、加强领导");
        assert_eq!(p(9).new_text(), "三、加强领导");
        assert_eq!(p(2).old_text(), "（二〇二六年一月十五日）");
        assert_eq!(p(2).new_text(), "");
    }

    #[test]
    fn a_moved_paragraph_is_deleted_there_and_inserted_here() {
        let old = base();
        let mut new = base();
        let opening = new.nodes.remove(0);
        new.nodes.push(opening);
        let r = redline(&old, &new);
        let of_1: Vec<(usize, State)> = r
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.node == Some(1))
            .map(|(i, p)| (i, p.state))
            .collect();
        // Deleted right after the greeting (its old predecessor), inserted at the end.
        assert_eq!(of_1, [(4, State::Deleted), (9, State::Inserted)]);
        assert_eq!(r.paragraphs.len(), 10);
    }

    #[test]
    fn a_heading_at_another_level_says_what_it_was() {
        let old = base();
        let mut new = base();
        new.nodes[4].level = Some(2);
        new.nodes[4].number = Some("（一）".into());
        let r = redline(&old, &new);
        let h = &r.paragraphs[8];
        assert_eq!(h.state, State::Changed);
        assert_eq!(
            h.was,
            Some(Was {
                kind: Kind::Heading,
                level: Some(1)
            })
        );
        assert_eq!(h.level, Some(2));
        assert_eq!(h.new_text(), "（一）加强领导");
        // The shape the compare view reads.
        let json = serde_json::to_value(h).unwrap();
        assert_eq!(json["state"], "changed");
        assert_eq!(json["segments"][0]["mark"], "del");
        let back: Para = serde_json::from_value(json).unwrap();
        assert_eq!(&back, h);
    }

    #[test]
    fn a_filled_slot_is_its_marker_deleted_and_its_value_inserted() {
        use NodeKind::*;
        let mut old = base();
        old.nodes[0] = node(
            1,
            Paragraph,
            None,
            vec![
                run("今天召开", false),
                Run {
                    text: "【会议名称】".into(),
                    unfilled: true,
                    slot: Some("会议名称".into()),
                    ..Run::default()
                },
                run("。", false),
            ],
        );
        let mut new = base();
        new.nodes[0].runs[0].text = "今天召开年度大会。".into();
        let r = redline(&old, &new);
        let p = &r.paragraphs[4];
        assert_eq!(
            marks(p),
            [
                (Mark::Equal, "今天召开"),
                (Mark::Del, "【会议名称】"),
                (Mark::Ins, "年度大会"),
                (Mark::Equal, "。"),
            ]
        );
        assert!(p.segments[1].unfilled && !p.segments[2].unfilled);
    }
}
