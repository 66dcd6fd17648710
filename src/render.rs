//! Render: a draft → the document. Fills slots, removes markup, numbers headings and
//! regenerates item leads. Pure and infallible: stored text that is malformed renders
//! literally and the check reports it.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use crate::cue;
use crate::document::{Document, Meta, Node, Run};
use crate::draft::{Draft, OutlineNode};
use crate::logic;
use crate::markup;
use crate::numbering;
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::slot::{self, Piece, SlotKind};

struct Ctx<'a> {
    draft: &'a Draft,
    unfilled: Vec<String>,
    /// The names in `unfilled`, for a constant-time "seen already".
    unfilled_seen: HashSet<String>,
}

impl Ctx<'_> {
    /// Text with markup → runs, with slots filled.
    fn runs(&mut self, text: &str) -> Vec<Run> {
        let mut runs: Vec<Run> = Vec::new();
        for span in markup::spans(text) {
            let pieces = slot::pieces(span.text);
            for (i, piece) in pieces.iter().enumerate() {
                match piece {
                    Piece::Text(t) => push_text(&mut runs, t, span.bold),
                    Piece::Slot(s) => {
                        let next = match pieces.get(i + 1) {
                            Some(Piece::Text(t)) => t,
                            _ => "",
                        };
                        self.slot_runs(s, next, span.bold, &mut runs);
                    }
                }
            }
        }
        mark_cues(runs)
    }

    fn unfilled(&mut self, name: &str, bold: bool, runs: &mut Vec<Run>) {
        if self.unfilled_seen.insert(name.to_string()) {
            self.unfilled.push(name.to_string());
        }
        runs.push(Run {
            text: slot::unfilled_marker(name),
            bold,
            slot: Some(name.to_string()),
            unfilled: true,
            cue: false,
        });
    }

    /// One slot as runs: a value, an unfilled marker, or a list's entries (each entry's
    /// own slots filled in turn, never read as markup).
    fn slot_runs(&mut self, s: &slot::SlotRef, next: &str, bold: bool, runs: &mut Vec<Run>) {
        let draft = self.draft;
        // `{{名单#2}}`: one entry, written by template logic.
        if let Some((list, k)) = s.name.rsplit_once('#') {
            let value = draft.values.get(list).map_or("", String::as_str);
            match k
                .parse::<usize>()
                .ok()
                .and_then(|k| slot::list_entries(value).nth(k.checked_sub(1)?))
            {
                Some(entry) => self.entry_runs(list, entry, next, bold, runs),
                None => self.unfilled(list, bold, runs),
            }
            return;
        }
        if draft.slot_def(&s.name).kind == SlotKind::List && s.filters.is_empty() {
            let value = draft.values.get(&s.name).map_or("", String::as_str);
            let entries: Vec<&str> = slot::list_entries(value).collect();
            if entries.is_empty() {
                return self.unfilled(&s.name, bold, runs);
            }
            for (i, entry) in entries.iter().enumerate() {
                if i > 0 {
                    runs.push(filled("、", bold, s.name.as_str()));
                }
                let after = if i + 1 == entries.len() { next } else { "、" };
                self.entry_runs(&s.name, entry, after, bold, runs);
            }
            return;
        }
        match slot_text(draft, s, next) {
            Some(text) => runs.push(filled(text, bold, s.name.as_str())),
            None => self.unfilled(&s.name, bold, runs),
        }
    }

    /// A list entry as runs of its list, its slots filled from the draft. A closing mark
    /// the text after it repeats (`{{议程#1}}。` of an entry typed with 。) is written once.
    fn entry_runs(&mut self, list: &str, entry: &str, next: &str, bold: bool, runs: &mut Vec<Run>) {
        let mut entry = entry;
        if next.starts_with(CLOSING) {
            entry = entry.trim_end_matches(CLOSING);
        }
        let pieces = slot::pieces(entry);
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Text(t) => runs.push(filled(*t, bold, list)),
                Piece::Slot(inner) => {
                    let after = match pieces.get(i + 1) {
                        Some(Piece::Text(t)) => t,
                        _ => next,
                    };
                    match slot_text(self.draft, inner, after) {
                        Some(text) => runs.push(filled(text, bold, inner.name.as_str())),
                        None => self.unfilled(&inner.name, bold, runs),
                    }
                }
            }
        }
    }

    /// The siblings as printed: a node holding template logic replaced by the nodes its
    /// markup gives with today's values (they keep its id, so a click finds it).
    fn expanded<'n>(&self, nodes: &'n [OutlineNode]) -> Cow<'n, [OutlineNode]> {
        if !nodes.iter().any(|n| logic::is_logic(&n.text)) {
            return Cow::Borrowed(nodes);
        }
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            let markup = logic::is_logic(&n.text)
                .then(|| logic::expand(&n.text, self.draft))
                .flatten();
            match markup {
                Some(m) => out.extend(
                    markup::parse_outline(&m, n.lead.unwrap_or_default())
                        .into_iter()
                        .map(|new| generated(new, n.id)),
                ),
                None => out.push(n.clone()),
            }
        }
        Cow::Owned(out)
    }

    fn line(&mut self, text: &str) -> String {
        self.runs(text).into_iter().map(|r| r.text).collect()
    }

    fn nodes(&mut self, nodes: &[OutlineNode], depth: usize) -> Vec<Node> {
        let nodes = self.expanded(nodes);
        // Leads are counted per style among the items of this parent.
        let mut totals: HashMap<LeadStyle, usize> = HashMap::new();
        for n in nodes.iter().filter(|n| n.kind == NodeKind::Item) {
            *totals.entry(n.lead.unwrap_or_default()).or_default() += 1;
        }
        let mut seen: HashMap<LeadStyle, usize> = HashMap::new();
        let mut headings = 0;
        nodes
            .iter()
            .map(|n| {
                let runs = self.runs(&n.text);
                let text = runs.iter().map(|r| r.text.as_str()).collect();
                let (level, number, lead) = match n.kind {
                    NodeKind::Heading => {
                        headings += 1;
                        let level = depth + 1;
                        (
                            Some(level),
                            Some(numbering::heading_number(level, headings)),
                            None,
                        )
                    }
                    NodeKind::Item => {
                        let style = n.lead.unwrap_or_default();
                        let k = seen.entry(style).or_default();
                        *k += 1;
                        let lead = numbering::lead(style, *k, totals[&style]);
                        (None, None, Some(lead))
                    }
                    NodeKind::Paragraph => (None, None, None),
                };
                let child_depth = if n.kind == NodeKind::Heading {
                    depth + 1
                } else {
                    depth
                };
                Node {
                    id: n.id,
                    kind: n.kind,
                    level,
                    number,
                    lead,
                    text,
                    runs,
                    note: n.note.clone(),
                    children: self.nodes(&n.children, child_depth),
                }
            })
            .collect()
    }
}

/// A run of a filled slot (or of a list entry, under its list's name).
fn filled(text: impl Into<String>, bold: bool, slot: impl Into<String>) -> Run {
    Run {
        text: text.into(),
        bold,
        slot: Some(slot.into()),
        unfilled: false,
        cue: false,
    }
}

/// Marks an entry may end with that the text after it already has.
const CLOSING: &[char] = &['。', '；', '，', '、', '！'];

/// A node made by template logic, under the id of the node that holds the logic.
fn generated(new: NewNode, id: i64) -> OutlineNode {
    OutlineNode {
        id,
        kind: new.kind,
        lead: new.lead,
        text: new.text,
        source_block: None,
        note: None,
        children: new.children.into_iter().map(|c| generated(c, id)).collect(),
    }
}

/// A filled slot as printed (its value formatted by kind and filters; `next` is the text
/// right after it); None when it is not filled.
pub fn slot_text(draft: &Draft, s: &slot::SlotRef, next: &str) -> Option<String> {
    let v = draft.values.get(&s.name).map(|v| v.trim())?;
    if v.is_empty() {
        return None;
    }
    let kind = draft.slot_def(&s.name).kind;
    Some(slot::format_value(kind, v, &s.filters, next))
}

/// Splits the runs at the stage cues of their joined text and marks the cues' runs.
fn mark_cues(runs: Vec<Run>) -> Vec<Run> {
    let text: String = runs.iter().map(|r| r.text.as_str()).collect();
    let cues = cue::cues(&text);
    if cues.is_empty() {
        return runs;
    }
    let mut out = Vec::with_capacity(runs.len() + 2 * cues.len());
    let mut at = 0;
    for run in runs {
        let end = at + run.text.len();
        // Boundaries of cues inside this run, and whether each piece is in a cue.
        let mut cuts = vec![at, end];
        for c in &cues {
            cuts.extend([c.start, c.end].into_iter().filter(|&b| b > at && b < end));
        }
        cuts.sort_unstable();
        for w in cuts.windows(2) {
            let piece = &text[w[0]..w[1]];
            if piece.is_empty() {
                continue;
            }
            out.push(Run {
                text: piece.to_string(),
                cue: cues.iter().any(|c| c.start <= w[0] && w[1] <= c.end),
                ..run.clone()
            });
        }
        at = end;
    }
    out
}

/// Appends literal text, merging with the previous run when it has the same face.
fn push_text(runs: &mut Vec<Run>, text: &str, bold: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = runs.last_mut() {
        if last.bold == bold && last.slot.is_none() && !last.cue {
            last.text.push_str(text);
            return;
        }
    }
    runs.push(Run {
        text: text.to_string(),
        bold,
        ..Run::default()
    });
}

pub fn render(draft: &Draft) -> Document {
    let mut ctx = Ctx {
        draft,
        unfilled: Vec::new(),
        unfilled_seen: HashSet::new(),
    };
    let title = ctx.line(&draft.title);
    let speaker = draft.speaker.as_deref().map(|t| ctx.line(t));
    let date = draft.date.as_deref().map(|t| ctx.line(t));
    let greeting = draft.greeting.as_deref().map(|t| ctx.line(t));
    let nodes = ctx.nodes(&draft.nodes, 0);
    let value = |name: &str| {
        draft
            .values
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let meta = Meta {
        date: value("日期")
            .and_then(|d| slot::Date::parse(&d))
            .map(|d| d.iso()),
        speaker: value("讲话人"),
        template: draft.template_id.clone(),
    };
    Document {
        title,
        speaker,
        date,
        greeting,
        speech_type: draft.speech_type.clone(),
        meta,
        unfilled: ctx.unfilled,
        nodes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn node(id: i64, kind: NodeKind, text: &str, children: Vec<OutlineNode>) -> OutlineNode {
        OutlineNode {
            id,
            kind,
            lead: (kind == NodeKind::Item).then_some(LeadStyle::Shi),
            text: text.into(),
            source_block: None,
            note: None,
            children,
        }
    }

    fn draft(nodes: Vec<OutlineNode>, values: &[(&str, &str)]) -> Draft {
        Draft {
            id: 1,
            title: "在{{单位}}第{{届次}}届大会上的讲话".into(),
            template_id: None,
            speech_type: "opening".into(),
            speaker: Some("{{讲话人}}".into()),
            date: Some("（{{日期|中文}}）".into()),
            greeting: Some("同志们：".into()),
            slot_defs: vec![],
            values: values
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            nodes,
            created_at: 0,
            updated_at: 0,
            meeting: None,
            shared: Vec::new(),
        }
    }

    #[test]
    fn numbers_leads_and_slots() {
        use NodeKind::*;
        let d = draft(
            vec![
                node(1, Paragraph, "开场。", vec![]),
                node(
                    2,
                    Heading,
                    "甲",
                    vec![
                        node(3, Item, "**强化引领。**内容{{增长率}}", vec![]),
                        node(4, Item, "乙", vec![]),
                        node(5, Heading, "子", vec![node(6, Heading, "孙", vec![])]),
                    ],
                ),
                node(7, Heading, "丙", vec![]),
            ],
            &[("单位", "市总工会"), ("届次", "18"), ("日期", "2026-01-15")],
        );
        let doc = render(&d);
        assert_eq!(doc.title, "在市总工会第十八届大会上的讲话");
        assert_eq!(doc.date.as_deref(), Some("（二〇二六年一月十五日）"));
        assert_eq!(doc.speaker.as_deref(), Some("【讲话人】"));
        assert_eq!(doc.unfilled, vec!["讲话人", "增长率"]);
        assert_eq!(doc.meta.date.as_deref(), Some("2026-01-15"));
        let numbers: Vec<String> = doc.walk().map(|n| n.display_text()).collect();
        assert_eq!(
            numbers,
            [
                "开场。",
                "一、甲",
                "一是强化引领。内容【增长率】",
                "二是乙",
                "（一）子",
                "1.孙",
                "二、丙"
            ]
        );
        let item = doc.find(3).unwrap();
        let runs = item.display_runs();
        assert!(runs[0].bold && runs[0].text == "一是");
        assert!(runs.iter().any(|r| r.unfilled));
    }

    #[test]
    fn list_entries_fill_their_slots_and_are_never_markup() {
        use NodeKind::*;
        let mut d = draft(
            vec![
                node(1, Paragraph, "名单：{{名单}}。", vec![]),
                node(
                    2,
                    Paragraph,
                    "{% for 名 in 名单 %}\n- {{名}}。\n{% endfor %}",
                    vec![],
                ),
            ],
            &[
                ("名单", "**甲**。\n{{单位}}工会\n# 丙"),
                ("单位", "市总工会"),
            ],
        );
        d.slot_defs = vec![slot::SlotDef {
            kind: SlotKind::List,
            ..slot::SlotDef::plain("名单")
        }];
        let doc = render(&d);
        let texts: Vec<String> = doc.walk().map(|n| n.display_text()).collect();
        assert_eq!(
            texts,
            [
                "名单：**甲**、市总工会工会、# 丙。",
                "一是**甲**。",
                "二是市总工会工会。",
                "三是# 丙。"
            ]
        );
        // The generated items keep the id of the node holding the logic.
        assert!(doc.nodes[1..].iter().all(|n| n.id == 2));
        // Nothing in the list: the slot shows unfilled, the loop gives nothing.
        d.values.remove("名单");
        let doc = render(&d);
        assert_eq!(doc.nodes.len(), 1);
        assert!(doc.unfilled.contains(&"名单".to_string()));
    }
}
