//! Candidate library blocks from a segmented speech, for the writer to review.
//!
//! What goes into the library: one block per top-level section (its heading with all the
//! items and paragraphs under it — the unit a writer reuses when the next speech needs
//! "加强自身建设"), and one block per paragraph outside any section (the opening, the
//! closing and what stands between sections). The title, speaker line and greeting are
//! not stored: templates make those.

use serde::Serialize;

use super::segment::{outline, Segment};
use crate::error::{Result, TextOf};
use crate::markup;
use crate::outline::{LeadStyle, NewNode, NodeKind};
use crate::slot;

// The library's own checks, so a candidate that passes review is accepted.
use crate::store::{check_text, clean_list};

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
    // The narrower occasions first: a 主持词 or 党课 at a 表彰大会 is still a 主持词 or 党课.
    let rules: [(&[&str], &str); 12] = [
        (&["主持词", "主持稿"], "host"),
        (&["党课"], "party_lecture"),
        (&["述职", "工作汇报"], "report"),
        (&["动员"], "mobilization"),
        (&["致辞", "慰问信"], "greeting"),
        (&["职代会", "职工代表大会"], "congress"),
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

/// A title from a text: at most 20 characters, slots as 【名称】 (never cut in the middle).
fn short_title(text: &str) -> String {
    let p = plain(text);
    let p = p.trim_end_matches(['。', '，', '；', '：']);
    // Units (a character, or a slot's marker) taken lazily: only the first 20 characters
    // are wanted, however long the text.
    let pieces = slot::pieces(p);
    let mut units = pieces.iter().flat_map(|piece| {
        let (chars, marker) = match piece {
            slot::Piece::Text(t) => (Some(t.chars()), None),
            slot::Piece::Slot(r) => (None, Some(slot::unfilled_marker(&r.name))),
        };
        chars.into_iter().flatten().map(String::from).chain(marker)
    });
    let mut out = String::new();
    let mut count = 0;
    for u in units.by_ref() {
        if count >= 20 {
            out.push('…');
            break;
        }
        count += u.chars().count();
        out.push_str(&u);
    }
    out
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

/// What a candidate holds, for the review list: the kind of its first part and how many
/// headings, items and paragraphs it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shape {
    pub kind: NodeKind,
    /// Heading levels inside (a section with （一） under 一、 has 2); 0 without headings.
    pub depth: usize,
    pub headings: usize,
    pub items: usize,
    pub paragraphs: usize,
}

impl Candidate {
    /// The block as an outline (its items take the candidate's lead).
    pub fn outline(&self) -> Vec<NewNode> {
        markup::parse_outline(&self.text, self.lead)
    }

    /// The title the text itself suggests: the start of its first part.
    pub fn derived_title(&self) -> String {
        self.outline()
            .first()
            .map(|n| short_title(&n.text))
            .unwrap_or_default()
    }

    pub fn shape(&self) -> Shape {
        fn count(nodes: &[NewNode], s: &mut Shape) {
            for n in nodes {
                match n.kind {
                    NodeKind::Heading => s.headings += 1,
                    NodeKind::Item => s.items += 1,
                    NodeKind::Paragraph => s.paragraphs += 1,
                }
                count(&n.children, s);
            }
        }
        let nodes = self.outline();
        let mut s = Shape {
            kind: nodes.first().map_or(NodeKind::Paragraph, |n| n.kind),
            depth: nodes.iter().map(NewNode::heading_depth).max().unwrap_or(0),
            headings: 0,
            items: 0,
            paragraphs: 0,
        };
        count(&nodes, &mut s);
        s
    }

    /// The writer's edit: new text (outline markup with `{{slots}}`) and title. The
    /// slots are read again from the text; a title left as the text suggested it (or
    /// emptied) follows the new text, a title the writer wrote is kept. The duplicate
    /// flag is cleared (`Store::flag_duplicates` sets it again). Invalid text (empty, a
    /// broken `{{`) is refused and the candidate is left as it was.
    pub fn revise(&mut self, title: &str, text: &str) -> Result<()> {
        let text = text.trim();
        check_text(TextOf::Block, text)?;
        let title = title.trim();
        let auto = title.is_empty() || (title == self.title && title == self.derived_title());
        self.text = text.to_string();
        self.slots = slot_names(text);
        self.title = if auto {
            self.derived_title()
        } else {
            title.to_string()
        };
        self.duplicate_of = None;
        Ok(())
    }

    /// This candidate and the one after it as one block: the texts one after the other
    /// (a paragraph after a heading goes under it), tags and speech types of both, the
    /// first one's title. Items keep the first lead style found.
    pub fn merge(&self, next: &Candidate) -> Candidate {
        let text = format!("{}\n\n{}", self.text.trim_end(), next.text.trim_start());
        let lead = if self.shape().items > 0 {
            self.lead
        } else {
            next.lead
        };
        Candidate {
            title: self.title.clone(),
            slots: slot_names(&text),
            text,
            lead,
            types: clean_list(&[&self.types[..], &next.types[..]].concat()),
            tags: clean_list(&[&self.tags[..], &next.tags[..]].concat()),
            duplicate_of: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: &str) -> Candidate {
        let nodes = markup::parse_outline(text, LeadStyle::Shi);
        Candidate {
            title: nodes
                .first()
                .map(|n| short_title(&n.text))
                .unwrap_or_default(),
            text: text.to_string(),
            lead: LeadStyle::Shi,
            types: vec!["work_meeting".into()],
            tags: vec!["工会".into(), "导入".into()],
            slots: slot_names(text),
            duplicate_of: Some(7),
        }
    }

    #[test]
    fn guess_type_names_the_narrower_occasion_first() {
        let cases = [
            ("在全市五一表彰大会上的主持词", Some("host")),
            ("在庆祝建党节专题党课上的讲稿", Some("party_lecture")),
            ("市总工会党组书记述职报告", Some("report")),
            ("在劳动竞赛动员大会上的讲话", Some("mobilization")),
            ("在新春慰问活动上的致辞", Some("greeting")),
            ("在公司第三届职代会第二次会议上的开幕词", Some("congress")),
            ("在表彰大会上的讲话", Some("commendation")),
            ("在会员代表大会上的开幕词", Some("opening")),
            ("随笔", None),
        ];
        for (title, want) in cases {
            assert_eq!(guess_type(Some(title), ""), want, "{title}");
        }
    }

    #[test]
    fn revise_reads_the_slots_again_and_follows_the_text_with_an_automatic_title() {
        let mut c = cand("今年是{{年份}}，我们召开大会。");
        c.revise(&c.title.clone(), "第{{届次}}届职代会在{{地点}}召开。")
            .unwrap();
        assert_eq!(c.slots, vec!["届次", "地点"]);
        assert_eq!(c.title, "第【届次】届职代会在【地点】召开");
        assert_eq!(c.duplicate_of, None);
    }

    #[test]
    fn revise_keeps_a_title_the_writer_wrote() {
        let mut c = cand("今年是{{年份}}，我们召开大会。");
        c.revise("开场白", "今年我们召开大会。").unwrap();
        assert_eq!(c.title, "开场白");
        assert!(c.slots.is_empty());
        // Emptied: the text suggests it again.
        c.revise("  ", "各位代表，大会开幕了。").unwrap();
        assert_eq!(c.title, "各位代表，大会开幕了");
    }

    #[test]
    fn revise_refuses_bad_text_and_changes_nothing() {
        let mut c = cand("今年是{{年份}}，我们召开大会。");
        let before = c.clone();
        let e = c.revise("", "  \n ").unwrap_err();
        assert!(e.to_string().contains("text is empty"), "{e}");
        let e = c.revise("", "今年是{{年份，我们").unwrap_err();
        assert!(e.to_string().contains("line 1"), "{e}");
        assert_eq!(c, before);
    }

    #[test]
    fn merge_puts_the_next_text_after_and_joins_tags() {
        let mut a = cand("# 加强自身建设\n\n- 要抓好{{单位}}班子建设。");
        a.lead = LeadStyle::Yao;
        let mut b = cand("各位代表，同志们，{{年份}}年任务艰巨。");
        b.tags = vec!["导入".into(), "党建".into()];
        b.types = vec!["plenary".into()];
        b.lead = LeadStyle::Di;
        let m = a.merge(&b);
        assert_eq!(m.title, a.title);
        assert_eq!(m.lead, LeadStyle::Yao);
        assert_eq!(m.slots, vec!["单位", "年份"]);
        assert_eq!(m.tags, vec!["工会", "导入", "党建"]);
        assert_eq!(m.types, vec!["work_meeting", "plenary"]);
        assert_eq!(m.duplicate_of, None);
        // The paragraph goes under the heading: one section.
        let nodes = m.outline();
        assert_eq!(nodes.len(), 1);
        assert_eq!(nodes[0].children.len(), 2);
        // Without items in the first, the lead of the second counts.
        let p = cand("开头一段话，说明会议的任务。");
        let mut items = cand("- 抓好落实。\n\n- 抓好宣传。");
        items.lead = LeadStyle::Di;
        assert_eq!(p.merge(&items).lead, LeadStyle::Di);
    }

    #[test]
    fn titles_show_slots_as_markers_and_never_cut_one() {
        assert_eq!(
            short_title("今天召开全县职工之家建设推进会，回顾{{届次}}届以来的工作。"),
            "今天召开全县职工之家建设推进会，回顾【届次】…"
        );
        assert_eq!(short_title("**抓好落实**。"), "抓好落实");
        assert_eq!(
            short_title("一二三四五六七八九十一二三四五六七八九十"),
            "一二三四五六七八九十一二三四五六七八九十"
        );
        assert_eq!(
            short_title("一二三四五六七八九十一二三四五六七八九十多"),
            "一二三四五六七八九十一二三四五六七八九十…"
        );
    }

    #[test]
    fn shape_counts_the_parts() {
        let c = cand("# 加强自身建设\n\n## 抓班子\n\n- 一条。\n\n- 二条。\n\n一段话。");
        let s = c.shape();
        assert_eq!(s.kind, NodeKind::Heading);
        assert_eq!(s.depth, 2);
        assert_eq!((s.headings, s.items, s.paragraphs), (2, 2, 1));
        let p = cand("- 一条。\n\n- 二条。");
        assert_eq!(p.shape().kind, NodeKind::Item);
        assert_eq!(p.shape().depth, 0);
    }
}
