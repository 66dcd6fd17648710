//! Candidate library blocks from a segmented speech, for the writer to review.
//!
//! What goes into the library: one block per top-level section (its heading with all the
//! items and paragraphs under it — the unit a writer reuses when the next speech needs
//! "加强自身建设"), and one block per paragraph outside any section (the opening, the
//! closing and what stands between sections). The title, speaker line and greeting are
//! not stored: templates make those.

use serde::Serialize;

use super::segment::{outline, Segment};
use crate::markup;
use crate::outline::{LeadStyle, NewNode, NodeKind};

/// A block the import proposes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub title: String,
    /// Outline markup, as `blocks add` takes it.
    pub text: String,
    pub lead: LeadStyle,
    pub types: Vec<String>,
    pub tags: Vec<String>,
    /// Slot names the block uses.
    pub slots: Vec<String>,
    /// An existing library block with the same text (set by `Store::flag_duplicates`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<i64>,
}

/// The speech type a title names.
pub fn guess_type(title: Option<&str>, text: &str) -> Option<&'static str> {
    let t = title.unwrap_or_else(|| text.lines().next().unwrap_or(""));
    let rules: [(&[&str], &str); 6] = [
        (&["表彰", "颁奖", "先进"], "commendation"),
        (&["开幕"], "opening"),
        (&["闭幕"], "closing"),
        (&["座谈"], "symposium"),
        (&["全委", "全体委员", "全会", "代表大会"], "plenary"),
        (&["工作会议", "会议", "推进会", "部署会"], "work_meeting"),
    ];
    rules
        .iter()
        .find(|(words, _)| words.iter().any(|w| t.contains(w)))
        .map(|(_, id)| *id)
}

/// Topics a union office files speeches under, in the order they are suggested.
const TOPICS: &[&str] = &[
    "工会",
    "党建",
    "宣传",
    "组织建设",
    "职工",
    "劳模",
    "工匠",
    "技能竞赛",
    "维权",
    "服务",
    "改革",
    "基层",
    "新就业形态",
    "产业工人",
    "乡村振兴",
    "安全生产",
    "党风廉政",
    "作风建设",
    "创新",
    "团结",
    "民主管理",
    "帮扶",
];

/// Up to four topic tags that the speech keeps coming back to.
pub fn guess_tags(text: &str) -> Vec<String> {
    let mut counts: Vec<(usize, usize, &str)> = TOPICS
        .iter()
        .enumerate()
        .map(|(i, t)| (text.matches(t).count(), i, *t))
        .filter(|(n, _, _)| *n >= 3)
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    counts
        .into_iter()
        .take(4)
        .map(|(_, _, t)| t.to_string())
        .collect()
}

fn plain(text: &str) -> String {
    markup::spans(text).iter().map(|s| s.text).collect()
}

fn short_title(text: &str) -> String {
    let p = plain(text);
    let p = p.trim_end_matches(['。', '，', '；', '：']);
    let t: String = p.chars().take(20).collect();
    if p.chars().count() > 20 {
        format!("{t}…")
    } else {
        t
    }
}

fn first_lead(nodes: &[NewNode]) -> Option<LeadStyle> {
    nodes
        .iter()
        .find_map(|n| n.lead.or_else(|| first_lead(&n.children)))
}

fn slot_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    crate::slot::names_in(text, &mut names);
    names
}

/// The blocks of a speech.
pub fn propose(segs: &[Segment], speech_type: Option<&str>, tags: &[String]) -> Vec<Candidate> {
    let types: Vec<String> = speech_type.map(str::to_string).into_iter().collect();
    let mut tags: Vec<String> = tags.to_vec();
    tags.push("导入".into());
    let mut out = Vec::new();
    let nodes = outline(segs);
    let mut loose_items: Vec<NewNode> = Vec::new();
    let push = |nodes: Vec<NewNode>, out: &mut Vec<Candidate>| {
        let Some(first) = nodes.first() else { return };
        // A fragment left by a cut (实。) is kept in the text but is no block.
        let size: usize = nodes.iter().map(|n| n.text.chars().count()).sum();
        if nodes.len() == 1 && nodes[0].kind == NodeKind::Paragraph && size < 10 {
            return;
        }
        let text = markup::write_outline(&nodes);
        out.push(Candidate {
            title: short_title(&first.text),
            lead: first_lead(&nodes).unwrap_or_default(),
            slots: slot_names(&text),
            text,
            types: types.clone(),
            tags: tags.clone(),
            duplicate_of: None,
        });
    };
    for node in nodes {
        if node.kind == NodeKind::Item {
            loose_items.push(node);
            continue;
        }
        if !loose_items.is_empty() {
            push(std::mem::take(&mut loose_items), &mut out);
        }
        push(vec![node], &mut out);
    }
    if !loose_items.is_empty() {
        push(loose_items, &mut out);
    }
    out
}
