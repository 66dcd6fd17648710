//! Candidate library blocks from a segmented speech, for the writer to review.
//!
//! What goes into the library: one block per top-level section (its heading with all the
//! items and paragraphs under it — the unit a writer reuses when the next speech needs
//! "加强自身建设"), and one block per paragraph outside any section (the opening, the
//! closing and what stands between sections). The title, speaker line and greeting are
//! not stored: templates make those.

use serde::{Deserialize, Serialize};

use super::segment::{outline, Segment};
use crate::error::{Error, Result, TextOf};
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
    /// Paragraphs the import split into a lead-in and items (一是……二是……), in order;
    /// each can be undone (`Candidate::unsplit`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
}

/// One paragraph split into its lead-in and items with leads, remembered as it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Split {
    /// The paragraph as written (placeholders as `{{slots}}`).
    pub original: String,
    /// The items' lead style.
    pub lead: LeadStyle,
    /// How many items it became.
    pub items: usize,
}

impl Split {
    /// Where the split's parts stand among `nodes` (start, count): its lead-in paragraph
    /// (if the paragraph had one) and then exactly its items, their texts the original's
    /// pieces in order. None when the candidate no longer holds them as split.
    fn place(&self, nodes: &[NewNode]) -> Option<(usize, usize)> {
        (0..nodes.len()).find_map(|i| {
            let lead_in = (nodes[i].kind == NodeKind::Paragraph).then(|| nodes[i].text.as_str());
            let first = i + usize::from(lead_in.is_some());
            let items = nodes.get(first..first + self.items)?;
            let mut rest = self.original.strip_prefix(lead_in.unwrap_or(""))?;
            for item in items {
                if item.kind != NodeKind::Item || item.text.is_empty() {
                    return None;
                }
                let at = rest.find(item.text.as_str())?;
                rest = &rest[at + item.text.len()..];
            }
            rest.trim()
                .is_empty()
                .then_some((i, first + self.items - i))
        })
    }

    /// Puts the paragraph back in place of its parts, at any depth; false if not found.
    fn undo(&self, nodes: &mut Vec<NewNode>) -> bool {
        if let Some((at, count)) = self.place(nodes) {
            let paragraph = NewNode::new(NodeKind::Paragraph, self.original.clone());
            nodes.splice(at..at + count, [paragraph]);
            return true;
        }
        nodes.iter_mut().any(|n| self.undo(&mut n.children))
    }

    fn found_in(&self, nodes: &[NewNode]) -> bool {
        self.place(nodes).is_some() || nodes.iter().any(|n| self.found_in(&n.children))
    }
}

/// The splits among `segs` (those with `split` set and at least one item left).
fn splits_of(segs: &[&Segment]) -> Vec<Split> {
    let mut out: Vec<(usize, Split)> = Vec::new();
    for s in segs {
        let Some(id) = s.split else { continue };
        let piece = format!("{}{}", s.lead.as_deref().unwrap_or(""), s.text);
        match out.iter_mut().find(|(i, _)| *i == id) {
            Some((_, split)) => split.original.push_str(&piece),
            None => out.push((
                id,
                Split {
                    original: piece,
                    lead: LeadStyle::default(),
                    items: 0,
                },
            )),
        }
        if let (Some((_, split)), Some(style)) = (out.last_mut(), s.lead_style) {
            split.lead = style;
            split.items += 1;
        }
    }
    out.into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.items > 0)
        .collect()
}

/// The segments each top-level node of `outline(segs)` was made of (a node and all
/// under it, in order).
fn node_spans<'a>(segs: &'a [Segment], nodes: &[NewNode]) -> Vec<Vec<&'a Segment>> {
    fn size(n: &NewNode) -> usize {
        1 + n.children.iter().map(size).sum::<usize>()
    }
    let mut body = segs.iter().filter(|s| super::node_kind(s.kind).is_some());
    nodes
        .iter()
        .map(|n| body.by_ref().take(size(n)).collect())
        .collect()
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
    let spans = node_spans(segs, &nodes);
    let push = |nodes: Vec<NewNode>, span: Vec<&Segment>, out: &mut Vec<Candidate>| {
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
            splits: splits_of(&span),
        });
    };
    // Loose items (outside any section) are one block, with the lead-in paragraph they
    // were split from.
    let (mut loose, mut loose_span): (Vec<NewNode>, Vec<&Segment>) = (Vec::new(), Vec::new());
    let mut parts = nodes.into_iter().zip(spans).peekable();
    while let Some((node, span)) = parts.next() {
        if node.kind == NodeKind::Item {
            loose.push(node);
            loose_span.extend(span);
            continue;
        }
        if !loose.is_empty() {
            push(
                std::mem::take(&mut loose),
                std::mem::take(&mut loose_span),
                &mut out,
            );
        }
        let split = span.first().and_then(|s| s.split);
        let leads_in = node.kind == NodeKind::Paragraph
            && split.is_some()
            && parts.peek().is_some_and(|(n, sp)| {
                n.kind == NodeKind::Item && sp.first().and_then(|s| s.split) == split
            });
        if leads_in {
            loose.push(node);
            loose_span.extend(span);
        } else {
            push(vec![node], span, &mut out);
        }
    }
    if !loose.is_empty() {
        push(loose, loose_span, &mut out);
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
        // A split the edit took apart can no longer be undone.
        let nodes = self.outline();
        self.splits.retain(|s| s.found_in(&nodes));
        Ok(())
    }

    /// A removed line brought back as a paragraph block of its own; refused like any
    /// block text (empty, a broken `{{`).
    pub fn restored(text: &str, types: &[String]) -> Result<Candidate> {
        let text = text.trim();
        check_text(TextOf::Block, text)?;
        Ok(Candidate {
            title: short_title(text),
            text: text.to_string(),
            lead: LeadStyle::default(),
            types: types.to_vec(),
            tags: vec!["导入".into()],
            slots: slot_names(text),
            duplicate_of: None,
            splits: Vec::new(),
        })
    }

    /// The paragraph of split `index` put back whole in place of its lead-in and items
    /// (the writer's 还原为一段); slots and a title the text suggested follow. Refused
    /// (`NoSuchSplit`) when the candidate no longer holds that split as it was made.
    pub fn unsplit(&self, index: usize) -> Result<Candidate> {
        let split = self.splits.get(index).ok_or(Error::NoSuchSplit { index })?;
        let mut nodes = self.outline();
        if !split.undo(&mut nodes) {
            return Err(Error::NoSuchSplit { index });
        }
        let mut c = self.clone();
        c.text = markup::write_outline(&nodes);
        c.slots = slot_names(&c.text);
        c.lead = first_lead(&nodes).unwrap_or(self.lead);
        c.splits.remove(index);
        if self.title == self.derived_title() {
            c.title = c.derived_title();
        }
        c.duplicate_of = None;
        Ok(c)
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
            splits: [&self.splits[..], &next.splits[..]].concat(),
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
            splits: Vec::new(),
        }
    }

    fn segs(text: &str) -> Vec<Segment> {
        let lines: Vec<_> = text.lines().map(super::super::clean::Line::plain).collect();
        super::super::segment::segment(&lines)
    }

    #[test]
    fn a_split_paragraph_is_one_block_and_its_split_can_be_undone() {
        let para = "今年防汛有三项任务：一是清理河道。二是加固{{堤坝}}，三是备足物资。";
        let s = segs(&format!(
            "同志们：\n{para}\n谢谢大家，预祝防汛工作取得全面胜利！"
        ));
        let c = propose(&s, None, &[]);
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(
            c[0].text,
            "今年防汛有三项任务：\n\n- 清理河道。\n\n- 加固{{堤坝}}，\n\n- 备足物资。"
        );
        assert_eq!(
            c[0].splits,
            [Split {
                original: para.to_string(),
                lead: LeadStyle::Shi,
                items: 3
            }]
        );
        let whole = c[0].unsplit(0).unwrap();
        assert_eq!(whole.text, para);
        assert!(whole.splits.is_empty());
        assert_eq!(whole.shape().items, 0);
        assert_eq!(whole.slots, ["堤坝"]);
        assert!(matches!(
            whole.unsplit(0),
            Err(Error::NoSuchSplit { index: 0 })
        ));
        // Inside a section, under its heading.
        let s = segs(&format!("一、防汛\n{para}\n二、秋收\n要抢收。"));
        let c = propose(&s, None, &[]);
        assert_eq!(c[0].splits.len(), 1);
        assert_eq!(c[0].unsplit(0).unwrap().text, format!("# 防汛\n\n{para}"));
        // An edit that takes an item apart drops the split; a refused undo changes nothing.
        let mut edited = c[0].clone();
        edited
            .revise("", "# 防汛\n\n今年防汛有三项任务：\n\n- 清理河道。")
            .unwrap();
        assert!(edited.splits.is_empty());
        let mut stale = c[0].clone();
        stale.text = "# 防汛\n\n另写的一段。".into();
        assert!(stale.unsplit(0).is_err());
        assert!(c[1].splits.is_empty());
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
