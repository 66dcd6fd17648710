//! Render: a draft → the document. Fills slots, removes markup, numbers headings and
//! regenerates item leads. Pure and infallible: stored text that is malformed renders
//! literally and the check reports it.

use std::collections::{HashMap, HashSet};

use crate::cue;
use crate::document::{Document, Meta, Node, Run};
use crate::draft::{Draft, OutlineNode};
use crate::markup;
use crate::numbering;
use crate::outline::{LeadStyle, NodeKind};
use crate::slot::{self, Piece};

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
                        match slot_text(self.draft, s, next) {
                            Some(text) => {
                                runs.push(Run {
                                    text,
                                    bold: span.bold,
                                    slot: Some(s.name.clone()),
                                    ..Run::default()
                                });
                            }
                            None => {
                                if self.unfilled_seen.insert(s.name.clone()) {
                                    self.unfilled.push(s.name.clone());
                                }
                                runs.push(Run {
                                    text: slot::unfilled_marker(&s.name),
                                    bold: span.bold,
                                    slot: Some(s.name.clone()),
                                    unfilled: true,
                                    ..Run::default()
                                });
                            }
                        }
                    }
                }
            }
        }
        mark_cues(runs)
    }

    fn line(&mut self, text: &str) -> String {
        self.runs(text).into_iter().map(|r| r.text).collect()
    }

    fn nodes(&mut self, nodes: &[OutlineNode], depth: usize) -> Vec<Node> {
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
}
