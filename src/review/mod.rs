//! The leader's revised .docx back into the draft (导入修改稿).
//!
//! [`read`] takes the file apart (old and new paragraphs, authors, comments, where it
//! came from). [`compare`] lines its paragraphs up with the base — the version the file
//! names, rendered paragraph by paragraph as our export wrote them (title, head lines,
//! headings with numbers, items with leads, paragraphs) — and lists the changes per
//! paragraph: with tracked changes by the file's own "before" text, which matches the
//! base; without, by diffing the file's paragraphs against the base. [`edits`] turns the
//! accepted changes into edits of the draft that keep its structure (numbers and leads
//! stripped and regenerated, slots kept, added paragraphs placed in their section).
//! Pure: the store applies the edits in one transaction (`Store::apply_review`).

pub mod read;
pub mod text;

use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::diff::{text_changes, ChangeKind};
use crate::document::Node;
use crate::draft::Draft;
use crate::import::patterns::{heading_marker, lead_marker, HeadStyle};
use crate::outline::{NewNode, NodeKind};
use crate::render::render;
use read::{Para, ReviewFile, Track};
pub use text::SlotChoice;

/// A head line of the draft (not an outline node).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    Title,
    Speaker,
    Date,
    Greeting,
}

/// One paragraph of the base as the export printed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub node: Option<i64>,
    pub head: Option<Head>,
    pub kind: Option<NodeKind>,
    /// The number or lead printed before the text.
    pub prefix: Option<String>,
    pub printed: String,
    /// The stored text it was rendered from (slots and markup kept).
    pub stored: String,
    pub has_children: bool,
}

/// The base's paragraphs in the export's order.
pub fn lines(draft: &Draft) -> Vec<Line> {
    let doc = render(draft);
    let mut out = Vec::new();
    let heads = [
        (Head::Title, Some(&doc.title), Some(&draft.title)),
        (Head::Speaker, doc.speaker.as_ref(), draft.speaker.as_ref()),
        (Head::Date, doc.date.as_ref(), draft.date.as_ref()),
        (
            Head::Greeting,
            doc.greeting.as_ref(),
            draft.greeting.as_ref(),
        ),
    ];
    for (head, printed, stored) in heads {
        if let (Some(p), Some(s)) = (printed, stored) {
            out.push(Line {
                node: None,
                head: Some(head),
                kind: None,
                prefix: None,
                printed: p.clone(),
                stored: s.clone(),
                has_children: false,
            });
        }
    }
    for n in doc.walk() {
        out.push(node_line(draft, n));
    }
    out.retain(|l| !l.printed.trim().is_empty());
    out
}

fn node_line(draft: &Draft, n: &Node) -> Line {
    let stored = draft.find(n.id).map(|o| o.text.clone()).unwrap_or_default();
    Line {
        node: Some(n.id),
        head: None,
        kind: Some(n.kind),
        prefix: n.prefix().map(str::to_string),
        printed: n.display_text(),
        stored,
        has_children: !n.children.is_empty(),
    }
}

/// One change the reviewer made.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The base line changed or deleted (None: a paragraph added).
    pub line: Option<usize>,
    /// For an added paragraph: the base line it follows (None: before every line).
    pub after: Option<usize>,
    pub kind: ChangeKind,
    /// A whole paragraph added or deleted (not a change inside one).
    pub whole: bool,
    /// Character offset in the line's printed text.
    pub at: usize,
    pub old: Option<String>,
    pub new: Option<String>,
    pub author: Option<String>,
}

/// A comment and where it belongs: a base line, or a paragraph added (the change).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub line: Option<usize>,
    pub added: Option<usize>,
    pub text: String,
    pub author: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub lines: Vec<Line>,
    pub changes: Vec<Change>,
    pub notes: Vec<Note>,
    pub tracked: bool,
}

/// A file paragraph lined up with a base line.
struct Pair {
    base: Option<usize>,
    old: Option<Para>,
    new: Option<Para>,
    /// The tracked pieces of a one-paragraph unit.
    pieces: Option<Vec<(Track, String)>>,
    /// (unit, index among the unit's new paragraphs) of `new`.
    at: Option<(usize, usize)>,
}

fn blank(p: &Para) -> bool {
    p.text.trim().is_empty()
}

/// How alike two texts are, 0–1.
fn likeness(a: &str, b: &str) -> f32 {
    similar::TextDiff::from_chars(a, b).ratio()
}

/// Pairs two lists in order, each with its most alike partner (a dynamic programme over
/// likeness, pairs below a third left unpaired); long lists are paired in order.
fn pair_up(a: &[&str], b: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (a.len(), b.len());
    if n == m || n * m > 400 {
        let mut out: Vec<_> = (0..n.min(m)).map(|i| (Some(i), Some(i))).collect();
        out.extend((m..n).map(|i| (Some(i), None)));
        out.extend((n..m).map(|j| (None, Some(j))));
        return out;
    }
    let mut best = vec![vec![0f32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let l = likeness(a[i], b[j]);
            let take = if l >= 0.34 {
                l + best[i + 1][j + 1]
            } else {
                0.0
            };
            best[i][j] = take.max(best[i + 1][j]).max(best[i][j + 1]);
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        let l = likeness(a[i], b[j]);
        if l >= 0.34 && (best[i][j] - (l + best[i + 1][j + 1])).abs() < 1e-6 {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if (best[i][j] - best[i + 1][j]).abs() < 1e-6 {
            out.push((Some(i), None));
            i += 1;
        } else {
            out.push((None, Some(j)));
            j += 1;
        }
    }
    out.extend((i..n).map(|i| (Some(i), None)));
    out.extend((j..m).map(|j| (None, Some(j))));
    out
}

/// Lines up a sequence with the base lines: equal paragraphs first, the rest paired by
/// likeness. Returns (base index, sequence index) pairs in order.
fn align(base: &[&str], seq: &[&str]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, base, seq) {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => out.extend(o.zip(n).map(|(i, j)| (Some(i), Some(j)))),
            _ => {
                let pairs = pair_up(&base[o.clone()], &seq[n.clone()]);
                out.extend(
                    pairs
                        .into_iter()
                        .map(|(i, j)| (i.map(|i| i + o.start), j.map(|j| j + n.start))),
                );
            }
        }
    }
    out
}

/// Without tracked changes: the file's paragraphs against the base.
fn plain_pairs(file: &ReviewFile, lines: &[Line]) -> Vec<Pair> {
    let news: Vec<((usize, usize), &Para)> = file
        .units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| unit.new.iter().enumerate().map(move |(j, p)| ((u, j), p)))
        .filter(|(_, p)| !blank(p))
        .collect();
    let base: Vec<&str> = lines.iter().map(|l| l.printed.as_str()).collect();
    let seq: Vec<&str> = news.iter().map(|(_, p)| p.text.as_str()).collect();
    align(&base, &seq)
        .into_iter()
        .map(|(b, s)| Pair {
            base: b,
            old: None,
            pieces: None,
            new: s.map(|s| news[s].1.clone()),
            at: s.map(|s| news[s].0),
        })
        .collect()
}

/// With tracked changes: the file's "before" paragraphs line up with the base; each
/// unit's before and after paragraphs are paired within the unit. A base line the file
/// never had (the draft changed since) is left alone.
fn tracked_pairs(file: &ReviewFile, lines: &[Line]) -> Vec<Pair> {
    let olds: Vec<(usize, usize)> = file
        .units
        .iter()
        .enumerate()
        .flat_map(|(u, unit)| (0..unit.old.len()).map(move |i| (u, i)))
        .filter(|&(u, i)| !blank(&file.units[u].old[i]))
        .collect();
    let base: Vec<&str> = lines.iter().map(|l| l.printed.as_str()).collect();
    let seq: Vec<&str> = olds
        .iter()
        .map(|&(u, i)| file.units[u].old[i].text.as_str())
        .collect();
    let mut base_of = std::collections::HashMap::new();
    for (b, s) in align(&base, &seq) {
        if let (Some(b), Some(s)) = (b, s) {
            base_of.insert(olds[s], b);
        }
    }
    let mut out = Vec::new();
    for (u, unit) in file.units.iter().enumerate() {
        let old: Vec<&str> = unit.old.iter().map(|p| p.text.as_str()).collect();
        let new: Vec<&str> = unit.new.iter().map(|p| p.text.as_str()).collect();
        for (i, j) in pair_up(&old, &new) {
            let old_p = i.map(|i| unit.old[i].clone()).filter(|p| !blank(p));
            let new_p = j.map(|j| unit.new[j].clone()).filter(|p| !blank(p));
            let b = i.and_then(|i| base_of.get(&(u, i)).copied());
            if old_p.is_none() && new_p.is_none() || b.is_none() && new_p.is_none() {
                continue;
            }
            out.push(Pair {
                base: b,
                pieces: unit.pieces.clone(),
                old: if b.is_some() { old_p } else { None },
                new: new_p,
                at: j.map(|j| (u, j)),
            });
        }
    }
    out
}

/// A pure insertion or deletion next to repeated text can sit at several places
/// (“，做到” or “做到，”): it is slid to where the file marks it as the reviewer's.
/// Returns the new place and text, if it moved.
fn settle(p: Option<&Para>, at: usize, text: &str) -> Option<(usize, String)> {
    let p = p?;
    let chars: Vec<char> = p.text.chars().collect();
    let l = text.chars().count();
    let fits = |s: usize| {
        s + l <= chars.len()
            && p.marks
                .get(s..s + l)
                .is_some_and(|m| m.iter().all(Option::is_some))
    };
    if l == 0 || at + l > chars.len() || fits(at) {
        return None;
    }
    let found = |s: usize| Some((s, chars[s..s + l].iter().collect()));
    let mut s = at;
    while s > 0 && chars[s - 1] == chars[s + l - 1] {
        s -= 1;
        if fits(s) {
            return found(s);
        }
    }
    let mut s = at;
    while s + l < chars.len() && chars[s] == chars[s + l] {
        s += 1;
        if fits(s) {
            return found(s);
        }
    }
    None
}

/// The first author marked in `marks[range]`.
fn marked(file: &ReviewFile, p: Option<&Para>, from: usize, len: usize) -> Option<String> {
    let p = p?;
    let range = from..(from + len.max(1)).min(p.marks.len());
    p.marks
        .get(range)?
        .iter()
        .flatten()
        .next()
        .and_then(|&a| file.authors.get(a))
        .filter(|a| !a.is_empty())
        .cloned()
}

fn any_mark(file: &ReviewFile, p: Option<&Para>) -> Option<String> {
    marked(file, p, 0, p.map_or(0, |p| p.marks.len()))
}

/// Lines the file up with the base draft and lists the changes and comments.
pub fn compare(file: &ReviewFile, base: &Draft) -> Review {
    let lines = lines(base);
    let pairs = if file.tracked {
        tracked_pairs(file, &lines)
    } else {
        plain_pairs(file, &lines)
    };
    let fallback = |a: Option<String>| a.or_else(|| file.last_author.clone());
    let mut changes = Vec::new();
    let mut notes_at: Vec<NoteAt> = Vec::new();
    let mut last_base = None;
    for pair in &pairs {
        let mut added = None;
        match (pair.base, &pair.new) {
            (Some(b), Some(new)) => {
                let line = &lines[b];
                // Offsets into the file's "before" text hold only when it is the base's.
                let old = pair.old.as_ref().filter(|o| o.text == line.printed);
                if let (Some(_), Some(pieces)) = (old, &pair.pieces) {
                    changes.extend(tracked_changes(file, b, pieces).into_iter().map(|mut c| {
                        c.author = fallback(c.author.take());
                        c
                    }));
                    continue_pair(pair, &mut last_base, &mut notes_at, None);
                    continue;
                }
                let mut shift: isize = 0;
                for mut c in text_changes(&line.printed, &new.text) {
                    let mut at = c.at.unwrap_or(0);
                    let (ol, nl) = (len(&c.old), len(&c.new));
                    let mut new_at = (at as isize + shift).max(0) as usize;
                    shift += nl as isize - ol as isize;
                    match (&c.old, &c.new) {
                        (None, Some(t)) => {
                            if let Some((s, t)) = settle(Some(new), new_at, t) {
                                at = (at + s).saturating_sub(new_at);
                                (new_at, c.new) = (s, Some(t));
                            }
                        }
                        (Some(t), None) => {
                            if let Some((s, t)) = settle(old, at, t) {
                                (at, c.old) = (s, Some(t));
                            }
                        }
                        _ => {}
                    }
                    let author = marked(file, Some(new), new_at, nl)
                        .or_else(|| marked(file, old, at, ol))
                        .or_else(|| any_mark(file, Some(new)))
                        .or_else(|| any_mark(file, pair.old.as_ref()));
                    changes.push(Change {
                        line: Some(b),
                        after: None,
                        kind: c.kind,
                        whole: false,
                        at,
                        old: c.old,
                        new: c.new,
                        author: fallback(author),
                    });
                }
            }
            (Some(b), None) => changes.push(Change {
                line: Some(b),
                after: None,
                kind: ChangeKind::Delete,
                whole: true,
                at: 0,
                old: Some(lines[b].printed.clone()),
                new: None,
                author: fallback(any_mark(file, pair.old.as_ref())),
            }),
            (None, Some(new)) => {
                added = Some(changes.len());
                changes.push(Change {
                    line: None,
                    after: last_base,
                    kind: ChangeKind::Insert,
                    whole: true,
                    at: 0,
                    old: None,
                    new: Some(new.text.trim().to_string()),
                    author: fallback(any_mark(file, Some(new))),
                });
            }
            (None, None) => {}
        }
        continue_pair(pair, &mut last_base, &mut notes_at, added);
    }
    let notes = file
        .comments
        .iter()
        .filter(|c| !c.text.is_empty())
        .map(|c| {
            let place =
                c.at.and_then(|at| notes_at.iter().find(|(a, _, _)| *a == at));
            Note {
                line: place.and_then(|p| p.1),
                added: place.and_then(|p| p.2),
                text: c.text.clone(),
                author: c.author.clone(),
            }
        })
        .collect();
    Review {
        lines,
        changes,
        notes,
        tracked: file.tracked,
    }
}

type NoteAt = ((usize, usize), Option<usize>, Option<usize>);

/// After a pair: the last base line seen, and where the pair's comments belong.
fn continue_pair(
    pair: &Pair,
    last_base: &mut Option<usize>,
    notes_at: &mut Vec<NoteAt>,
    added: Option<usize>,
) {
    if pair.base.is_some() {
        *last_base = pair.base;
    }
    if let Some(at) = pair.at {
        notes_at.push((at, pair.base, added));
    }
}

/// The changes of one tracked paragraph as the reviewer made them: each stretch of
/// deleted and inserted pieces between kept text is one change.
fn tracked_changes(file: &ReviewFile, line: usize, pieces: &[(Track, String)]) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let mut at = 0;
    let mut open = false;
    for (track, text) in pieces {
        let (del, author) = match *track {
            Track::Kept => {
                at += text.chars().count();
                open = false;
                continue;
            }
            Track::Deleted(a) => (true, a),
            Track::Inserted(a) => (false, a),
        };
        if !open {
            out.push(Change {
                line: Some(line),
                after: None,
                kind: ChangeKind::Insert,
                whole: false,
                at,
                old: None,
                new: None,
                author: file.authors.get(author).filter(|a| !a.is_empty()).cloned(),
            });
            open = true;
        }
        if let Some(c) = out.last_mut() {
            let slot = if del { &mut c.old } else { &mut c.new };
            slot.get_or_insert_with(String::new).push_str(text);
        }
        if del {
            at += text.chars().count();
        }
    }
    for c in &mut out {
        c.kind = match (&c.old, &c.new) {
            (None, _) => ChangeKind::Insert,
            (_, None) => ChangeKind::Delete,
            _ => ChangeKind::Replace,
        };
    }
    out
}

fn len(s: &Option<String>) -> usize {
    s.as_deref().map_or(0, |s| s.chars().count())
}

/// Where an added paragraph goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Anchor {
    After(i64),
    /// First under a heading.
    FirstUnder(i64),
    /// Before the first node of the outline.
    Top,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insertion {
    pub anchor: Anchor,
    /// The change it comes from (several after one anchor keep their order).
    pub change: usize,
    pub node: NewNode,
    pub note: Option<String>,
}

/// The accepted review as edits of the draft, applied in one transaction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewEdits {
    pub heads: Vec<(Head, Option<String>)>,
    pub texts: Vec<(i64, String)>,
    pub inserts: Vec<Insertion>,
    pub removes: Vec<i64>,
    /// Notes appended to nodes.
    pub notes: Vec<(i64, String)>,
    pub values: Vec<(String, String)>,
}

impl ReviewEdits {
    pub fn is_empty(&self) -> bool {
        *self == ReviewEdits::default()
    }
}

/// What accepting leaves aside, for the writer to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skipped {
    /// The item is no longer in the draft.
    Gone { node: i64 },
    /// The writer changed the item since the version the file came from.
    ChangedSince { node: i64 },
    /// The writer changed the title or a head line since.
    HeadChangedSince { head: Head },
    /// A heading deleted while items under it stay.
    HeadingWithItems { node: i64 },
    /// A changed slot value kept as plain text at that place.
    SlotAsText {
        slot: String,
        old: String,
        new: String,
    },
    /// A comment on the title or head lines, with no item to keep it.
    CommentWithoutItem { text: String },
    /// A change in text made by template logic (an agenda's script, a repeated part):
    /// writing it back would replace the logic, so it is left for the writer.
    Generated { node: i64 },
}

fn note_line(n: &Note) -> String {
    match &n.author {
        Some(a) if !a.is_empty() => format!("{a}：{}", n.text),
        _ => n.text.clone(),
    }
}

/// The printed text with the chosen changes of one line applied.
fn applied(line: &Line, changes: &[&Change]) -> String {
    let chars: Vec<char> = line.printed.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let mut sorted: Vec<&&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| c.at);
    for c in sorted {
        if c.at < pos {
            continue;
        }
        out.extend(&chars[pos..c.at.min(chars.len())]);
        out.push_str(c.new.as_deref().unwrap_or(""));
        pos = (c.at + len(&c.old)).min(chars.len());
    }
    out.extend(&chars[pos..]);
    out
}

/// The text without the number or lead the export printed, or one the reviewer typed or
/// changed by hand (recognised as the import does): numbers and leads are regenerated.
fn strip_prefix<'a>(line: &Line, text: &'a str) -> &'a str {
    if let Some(rest) = line.prefix.as_deref().and_then(|p| text.strip_prefix(p)) {
        return rest;
    }
    let len = match line.kind {
        Some(NodeKind::Heading) => heading_marker(text).map(|m| m.len),
        Some(NodeKind::Item) => lead_marker(text).map(|m| m.len).or_else(|| {
            heading_marker(text)
                .filter(|m| matches!(m.style, HeadStyle::ZhParen | HeadStyle::ArabicDot))
                .map(|m| m.len)
        }),
        _ => None,
    };
    text[len.unwrap_or(0)..].trim_start()
}

/// An added paragraph: an item when it starts with a lead (stripped), else a paragraph.
fn added_node(text: &str) -> NewNode {
    match lead_marker(text) {
        Some(m) if m.len < text.len() => {
            let mut n = NewNode::new(NodeKind::Item, text[m.len..].trim());
            n.lead = Some(m.style);
            n
        }
        _ => NewNode::new(NodeKind::Paragraph, text.trim()),
    }
}

/// An item added next to items that open with a bold sentence (**加强引领**。…) opens
/// the same way, so the group reads alike in print.
fn bold_like(node: &mut NewNode, next_to: Option<&crate::draft::OutlineNode>) {
    let bold_group = next_to.is_some_and(|n| n.kind == NodeKind::Item && n.text.starts_with("**"));
    if node.kind != NodeKind::Item || !bold_group || node.text.contains("**") {
        return;
    }
    if let Some(end) = node.text.find('。').filter(|&e| e > 0) {
        node.text = format!("**{}**{}", &node.text[..end], &node.text[end..]);
    }
}

/// Where a paragraph added after base line `after` goes.
fn anchor(lines: &[Line], after: Option<usize>) -> Anchor {
    let Some(line) = after.map(|a| &lines[a]) else {
        return Anchor::Top;
    };
    match (line.node, line.kind) {
        (Some(id), Some(NodeKind::Heading)) => Anchor::FirstUnder(id),
        (Some(id), _) => Anchor::After(id),
        // After the title or a head line: the speech's start.
        (None, _) => Anchor::Top,
    }
}

/// The edits that accept the changes `chosen` (indices into `review.changes`) into
/// `current`, with what was left aside. The comments are kept as notes on their items.
pub fn edits(
    review: &Review,
    base: &Draft,
    current: &Draft,
    chosen: &[usize],
    choice: SlotChoice,
) -> (ReviewEdits, Vec<Skipped>) {
    let mut e = ReviewEdits::default();
    let mut skipped = Vec::new();
    let picked: Vec<(usize, &Change)> = chosen
        .iter()
        .filter_map(|&i| review.changes.get(i).map(|c| (i, c)))
        .collect();
    for (b, line) in review.lines.iter().enumerate() {
        let mine: Vec<&Change> = picked
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| c.line == Some(b))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let current_text = match (line.node, line.head) {
            (Some(id), _) => current.find(id).map(|n| n.text.clone()),
            (None, Some(h)) => head_text(current, h),
            _ => None,
        };
        let Some(current_text) = current_text else {
            if let Some(node) = line.node {
                skipped.push(Skipped::Gone { node });
            }
            continue;
        };
        if let Some(node) = line.node.filter(|_| crate::logic::is_logic(&current_text)) {
            skipped.push(Skipped::Generated { node });
            continue;
        }
        if current_text != line.stored {
            skipped.push(match (line.node, line.head) {
                (Some(node), _) => Skipped::ChangedSince { node },
                (None, h) => Skipped::HeadChangedSince {
                    head: h.unwrap_or(Head::Title),
                },
            });
            continue;
        }
        if mine.iter().any(|c| c.whole) {
            match (line.node, line.head) {
                (Some(id), _) if line.has_children => {
                    skipped.push(Skipped::HeadingWithItems { node: id })
                }
                (Some(id), _) => e.removes.push(id),
                (None, Some(h)) if h != Head::Title => e.heads.push((h, None)),
                _ => {}
            }
            continue;
        }
        let printed = applied(line, &mine);
        let plain = strip_prefix(line, &printed);
        let mapped = text::to_stored(base, &line.stored, plain, choice);
        for s in &mapped.slot_edits {
            if !mapped.values.iter().any(|(n, _)| *n == s.name) {
                skipped.push(Skipped::SlotAsText {
                    slot: s.name.clone(),
                    old: s.old.clone(),
                    new: s.new.clone(),
                });
            }
        }
        e.values.extend(mapped.values);
        match (line.node, line.head) {
            (Some(id), _) => e.texts.push((id, mapped.text)),
            (None, Some(h)) => e.heads.push((h, Some(mapped.text))),
            _ => {}
        }
    }
    whole_sections(current, &mut e.removes, &mut skipped);
    for (i, c) in &picked {
        if c.line.is_none() {
            if let Some(text) = c.new.as_deref().filter(|t| !t.trim().is_empty()) {
                let anchor = anchor(&review.lines, c.after);
                if let Anchor::After(id) | Anchor::FirstUnder(id) = anchor {
                    if current.find(id).is_none() {
                        skipped.push(Skipped::Gone { node: id });
                        continue;
                    }
                }
                let mut node = added_node(text);
                if let Anchor::After(id) = anchor {
                    bold_like(&mut node, current.find(id));
                }
                e.inserts.push(Insertion {
                    anchor,
                    change: *i,
                    node,
                    note: None,
                });
            }
        }
    }
    for n in &review.notes {
        let node = n.line.and_then(|l| review.lines[l].node);
        match (node, n.added) {
            (Some(id), _) if current.find(id).is_some() => e.notes.push((id, note_line(n))),
            (_, Some(change)) if e.inserts.iter().any(|i| i.change == change) => {
                if let Some(ins) = e.inserts.iter_mut().find(|i| i.change == change) {
                    ins.note = Some(note_line(n));
                }
            }
            _ => skipped.push(Skipped::CommentWithoutItem { text: note_line(n) }),
        }
    }
    (e, skipped)
}

/// A heading deleted with everything under it (a whole section) goes, as one removal;
/// one with items left under it stays.
fn whole_sections(current: &Draft, removes: &mut Vec<i64>, skipped: &mut Vec<Skipped>) {
    fn ids(n: &crate::draft::OutlineNode, out: &mut Vec<i64>) {
        for c in &n.children {
            out.push(c.id);
            ids(c, out);
        }
    }
    // Deepest first, so a section inside a deleted section is decided before it.
    let mut headings: Vec<i64> = skipped
        .iter()
        .filter_map(|s| match s {
            Skipped::HeadingWithItems { node } => Some(*node),
            _ => None,
        })
        .collect();
    headings.reverse();
    // Every node that goes, also those inside a section that goes whole.
    let mut gone: Vec<i64> = removes.clone();
    for h in headings {
        let mut under = Vec::new();
        if let Some(n) = current.find(h) {
            ids(n, &mut under);
        }
        if under.iter().all(|id| gone.contains(id)) {
            removes.retain(|id| !under.contains(id));
            removes.push(h);
            gone.push(h);
            skipped.retain(|s| *s != Skipped::HeadingWithItems { node: h });
        }
    }
}

fn head_text(d: &Draft, h: Head) -> Option<String> {
    match h {
        Head::Title => Some(d.title.clone()),
        Head::Speaker => d.speaker.clone(),
        Head::Date => d.date.clone(),
        Head::Greeting => d.greeting.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: NodeKind, prefix: &str, text: &str) -> Line {
        Line {
            node: Some(1),
            head: None,
            kind: Some(kind),
            prefix: Some(prefix.into()),
            printed: format!("{prefix}{text}"),
            stored: text.into(),
            has_children: false,
        }
    }

    /// Numbers and leads are never stored: the printed one, or one the reviewer typed
    /// or changed by hand, is taken off.
    #[test]
    fn numbers_and_leads_come_off() {
        let item = line(NodeKind::Item, "二是", "加强教育。");
        assert_eq!(strip_prefix(&item, "二是加强教育。"), "加强教育。");
        assert_eq!(strip_prefix(&item, "第二，加强教育。"), "加强教育。");
        assert_eq!(strip_prefix(&item, "（二）加强教育。"), "加强教育。");
        assert_eq!(strip_prefix(&item, "加强教育。"), "加强教育。");
        let heading = line(NodeKind::Heading, "二、", "突出重点");
        assert_eq!(strip_prefix(&heading, "三、突出重点"), "突出重点");
        let para = line(NodeKind::Paragraph, "", "一是说明。");
        assert_eq!(strip_prefix(&para, "一是说明。"), "一是说明。");
    }

    #[test]
    fn added_paragraphs_with_a_lead_are_items() {
        let n = added_node("三要抓好落实。");
        assert_eq!(
            (n.kind, n.lead, n.text.as_str()),
            (
                NodeKind::Item,
                Some(crate::outline::LeadStyle::Yao),
                "抓好落实。"
            )
        );
        let p = added_node("同志们，任务光荣。");
        assert_eq!((p.kind, p.lead), (NodeKind::Paragraph, None));
    }

    #[test]
    fn paragraphs_pair_with_their_most_alike() {
        let a = ["甲乙丙丁戊己", "庚辛壬癸子丑"];
        let b = ["新加的一段话", "甲乙丙丁戊己改", "庚辛壬癸子丑"];
        assert_eq!(
            pair_up(&a, &b),
            [(None, Some(0)), (Some(0), Some(1)), (Some(1), Some(2))]
        );
    }

    /// A reviewer's change in a line the agenda generated is left for the writer: writing
    /// it back would replace the logic (the whole script) with one printed line.
    #[test]
    fn generated_lines_are_never_written_back() {
        let mut store = crate::store::Store::open_in_memory().unwrap();
        let id = store.create_draft("host-commendation", None, &[]).unwrap();
        store
            .set_slots(id, &[("议程".into(), "奏唱国歌\n领导讲话".into())])
            .unwrap();
        let draft = store.draft(id).unwrap();
        let lines = lines(&draft);
        let at = lines
            .iter()
            .position(|l| l.printed.starts_with("下面进行第一项"))
            .unwrap();
        let node = lines[at].node.unwrap();
        let change = |whole| Change {
            line: Some(at),
            after: None,
            kind: ChangeKind::Replace,
            whole,
            at: 0,
            old: Some("下面".into()),
            new: Some("现在".into()),
            author: None,
        };
        let review = Review {
            lines,
            changes: vec![change(false), change(true)],
            notes: vec![],
            tracked: true,
        };
        for chosen in [[0], [1]] {
            let (e, skipped) = edits(&review, &draft, &draft, &chosen, SlotChoice::Text);
            assert!(e.texts.is_empty() && e.removes.is_empty(), "{e:?}");
            assert_eq!(skipped, [Skipped::Generated { node }]);
        }
    }
}
