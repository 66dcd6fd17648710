//! Segmenting a cleaned speech: title, speaker/date line, greeting, headings (`一、`,
//! `（一）`, `1.`, `（1）`, `第一个方面`), items with their leads (`一是`, `一要`, `第一，`,
//! `第一句话`, `首先，`, `1、`), paragraphs and the closing. Leads are recorded and stripped from the text, as the
//! library stores items without them.

use serde::Serialize;

use super::clean::Line;
use super::patterns::{heading_marker, is_greeting, lead_marker, HeadStyle};
use super::slots::SlotGuess;
use super::Hint;
use crate::outline::{LeadStyle, NewNode, NodeKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SegmentKind {
    Title,
    /// Speaker or date line under the title.
    Meta,
    Greeting,
    Heading,
    Item,
    Paragraph,
    Closing,
}

/// One unit of the speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    pub kind: SegmentKind,
    /// Headings: 1–4, relative to the speech's own top level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
    /// A heading's hand-written number as found (一、, （二）).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// An item's lead as found (一是, 第一句话：, 1、).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lead_style: Option<LeadStyle>,
    /// The text without number or lead; placeholders already turned into `{{slots}}`.
    pub text: String,
    pub slots: Vec<SlotGuess>,
    /// One paragraph split into its lead-in and items (一是……二是……): the same number on
    /// each part, so the parts stay one block and the writer can undo the split.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub split: Option<usize>,
}

impl Segment {
    fn new(kind: SegmentKind, text: &str) -> Self {
        Segment {
            kind,
            level: None,
            number: None,
            lead: None,
            lead_style: None,
            text: text.trim().to_string(),
            slots: Vec::new(),
            split: None,
        }
    }
}

/// A provisional heading: its style decides the level once all are known.
struct Pending {
    seg: Segment,
    style: Option<HeadStyle>,
    /// Came from the source's structure (docx style, Markdown): trusted as is.
    hinted: bool,
    n: u64,
}

const TITLE_MAX: usize = 60;
const SHORT_HEADING_MAX: usize = 50;

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A heading with its first sentence ending in 。 followed by more text: split it. A page
/// that lost the line break runs the paragraph straight into the heading; where the first
/// clause holds the start of an item (一是 一要) or of a dated sentence (2002年，) after a
/// few characters, the heading ends there.
fn split_heading(text: &str) -> (&str, Option<&str>) {
    let clause_end = text
        .find(['，', '。', '；', '：', '！', '？'])
        .unwrap_or(text.len());
    let glued = text[..clause_end]
        .char_indices()
        .skip(6)
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &text[i..];
            let item = lead_marker(rest)
                .is_some_and(|m| m.n == 1 && matches!(m.style, LeadStyle::Shi | LeadStyle::Yao));
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let year = digits == 4 && rest[4..].starts_with("年，");
            item || year
        });
    if let Some(i) = glued {
        return (&text[..i], Some(text[i..].trim()));
    }
    if let Some(p) = text.find('。') {
        let rest = &text[p + '。'.len_utf8()..];
        if !rest.trim().is_empty() {
            return (&text[..p], Some(rest.trim()));
        }
    }
    (text, None)
}

/// Is this line short and sentence-free: a heading, not a paragraph with a number?
fn heading_shaped(text: &str) -> bool {
    let body = text.trim_end_matches(['。', '；']);
    chars(body) <= SHORT_HEADING_MAX && !body.contains('。')
}

/// （一）要……。正文…… under a 一、 heading: GB/T 9704's second level, its heading run into
/// its paragraph as official texts write it (35, 24), not an item with a lead. Only where
/// the text already has a 一、 heading above and the first sentence is a heading's length;
/// without one, （一）（二） paragraphs are a sequence of items.
fn run_in_second_level(style: HeadStyle, rest: &str, zh_above: bool) -> bool {
    zh_above
        && style == HeadStyle::ZhParen
        && rest
            .find('。')
            .is_some_and(|p| (1..=SHORT_HEADING_MAX).contains(&chars(&rest[..p])))
}

fn item(text: &str, lead_len: usize, style: LeadStyle) -> Segment {
    let mut s = Segment::new(SegmentKind::Item, &text[lead_len..]);
    s.lead = Some(text[..lead_len].to_string());
    s.lead_style = Some(style);
    s
}

/// Short and without any sentence mark: all a heading standing alone can be.
fn bare_heading(rest: &str) -> bool {
    let n = chars(rest.trim());
    (1..=SHORT_HEADING_MAX).contains(&n) && !rest.contains(['。', '！', '？', '；'])
}

/// 第一、 followed by a bare heading: a talk-like level-1 heading (the family of
/// 第一部分, 第一个方面), not the item lead 第一，/第一、 of a sentence.
fn di_heading(text: &str) -> Option<usize> {
    let m = lead_marker(text).filter(|m| m.style == LeadStyle::Di)?;
    (text[..m.len].ends_with('、') && bare_heading(&text[m.len..])).then_some(m.len)
}

/// "……讲三点意见：一、heading" — the announcement of the headings with the first one
/// glued after its colon, the line break lost (the mirror of a heading run into the
/// paragraph under it, see `split_heading`): the paragraph up to the colon, and the
/// heading. Only a first heading (一、 第一、) that is bare and ends the line.
fn heading_after_colon(text: &str) -> Option<(&str, &str)> {
    let colon = text.rfind(['：', ':'])?;
    let rest = text[colon..].trim_start_matches(['：', ':']).trim();
    let first_comma = heading_marker(rest)
        .is_some_and(|m| m.style == HeadStyle::ZhComma && m.n == 1 && bare_heading(&rest[m.len..]));
    let first_di = di_heading(rest).is_some() && lead_marker(rest).is_some_and(|m| m.n == 1);
    let para = text[..colon + text[colon..].chars().next()?.len_utf8()].trim();
    (chars(para) > 4 && (first_comma || first_di)).then_some((para, rest))
}

/// A body line without a hint: heading, item or paragraph.
/// `zh_above`: a 一、 heading stands above this line.
fn classify(text: &str, out: &mut Vec<Pending>, zh_above: bool) {
    if let Some((para, head)) = heading_after_colon(text) {
        classify(para, out, zh_above);
        classify(head, out, zh_above);
        return;
    }
    if let Some(len) = di_heading(text) {
        let mut seg = Segment::new(SegmentKind::Heading, text[len..].trim());
        seg.number = Some(text[..len].to_string());
        out.push(Pending {
            seg,
            style: Some(HeadStyle::Section),
            hinted: false,
            n: lead_marker(text).map_or(0, |m| m.n),
        });
        return;
    }
    // A numbered heading comes first (its paragraph is classified after it).
    if let Some(mut parts) = inline_items(text).filter(|_| heading_marker(text).is_none()) {
        let id = out.len();
        for p in &mut parts {
            p.seg.split = Some(id);
        }
        out.extend(parts);
        return;
    }
    if let Some(m) = heading_marker(text) {
        let rest = &text[m.len..];
        let item_shaped = matches!(m.style, HeadStyle::ZhParen | HeadStyle::ArabicDot)
            && !heading_shaped(rest)
            && !run_in_second_level(m.style, rest, zh_above);
        if item_shaped {
            let style = if m.style == HeadStyle::ZhParen {
                LeadStyle::Paren
            } else {
                LeadStyle::Arabic
            };
            out.push(Pending {
                seg: item(text, m.len, style),
                style: None,
                hinted: false,
                n: m.n,
            });
            return;
        }
        let (head, para) = split_heading(rest);
        let mut seg = Segment::new(SegmentKind::Heading, head);
        seg.number = Some(text[..m.len].to_string());
        out.push(Pending {
            seg,
            style: Some(m.style),
            hinted: false,
            n: m.n,
        });
        match para {
            // What follows is a body line of its own (it may hold items); one more heading
            // stays a paragraph, so a line of many headings is no deep recursion.
            Some(p) if heading_marker(p).is_none() => {
                classify(p, out, zh_above || m.style == HeadStyle::ZhComma)
            }
            Some(p) => out.push(Pending {
                seg: Segment::new(SegmentKind::Paragraph, p),
                style: None,
                hinted: false,
                n: 0,
            }),
            None => {}
        }
        return;
    }
    if let Some(m) = lead_marker(text) {
        if !text[m.len..].trim().is_empty() {
            out.push(Pending {
                seg: item(text, m.len, m.style),
                style: None,
                hinted: false,
                n: m.n,
            });
            return;
        }
    }
    out.push(Pending {
        seg: Segment::new(SegmentKind::Paragraph, text),
        style: None,
        hinted: false,
        n: 0,
    });
}

/// Where an item may start inside a paragraph: after these marks (一是……，二是…… is
/// written too; the chain's order keeps a stray 第一 after a comma from counting).
const BREAKS: [char; 6] = ['。', '！', '？', '；', '：', '，'];

/// 一是 一要 第一， 第一项 首先， at `s`: its style, number and length. 第一项 counts as
/// 第一 here only (inside a paragraph listing the items of an agenda).
fn inline_lead(s: &str) -> Option<(LeadStyle, u64, usize)> {
    if let Some(m) = lead_marker(s) {
        return Some((m.style, m.n, m.len));
    }
    // 首先请允许我……其次我又要……: inside a paragraph the order words lead without a
    // comma too, at a sentence's start (the chain must still run 首先 → 其次/最后).
    for (i, word) in ["首先", "其次", "再次", "最后"].iter().enumerate() {
        if s.starts_with(word) {
            let n = if i == 3 { u64::MAX } else { i as u64 + 1 };
            return Some((LeadStyle::Order, n, word.len()));
        }
    }
    let rest = s.strip_prefix('第')?;
    let m = heading_marker(s).filter(|m| m.style == HeadStyle::Section);
    if m.is_some() {
        return None;
    }
    let digits: usize = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    let after = &rest[digits..];
    (digits > 0 && after.starts_with('项'))
        .then(|| crate::numerals::parse_number(&rest[..digits]))
        .flatten()
        .map(|n| (LeadStyle::Di, n, '第'.len_utf8() + digits))
}

/// A paragraph whose sentences start 一是/二是/三是 (一要…, 第一/第二…, 首先/其次/最后) in
/// order: its lead-in as a paragraph, then one item a lead, so they renumber. Only a
/// sequence that is complete (from 1, each number once, at least two) is split.
fn inline_items(text: &str) -> Option<Vec<Pending>> {
    // Item starts: the text's own start, or right after a sentence break.
    let mut starts: Vec<(usize, LeadStyle, u64, usize)> = Vec::new();
    let mut at_break = true;
    let mut sentence_start = true;
    for (i, c) in text.char_indices() {
        // 二是 三要 count anywhere (a page may have eaten the 。 before them); every other
        // lead only where a sentence or clause starts.
        let numbered = !at_break && "二三四五六七八九".contains(c);
        if at_break || numbered {
            if let Some((style, n, len)) = inline_lead(&text[i..]) {
                let bare_order = style == LeadStyle::Order
                    && !text[i..].starts_with('，')
                    && lead_marker(&text[i..]).is_none();
                let ok = if numbered {
                    matches!(style, LeadStyle::Shi | LeadStyle::Yao)
                } else {
                    !bare_order || sentence_start
                };
                if ok {
                    starts.push((i, style, n, len));
                }
            }
        }
        at_break = BREAKS.contains(&c);
        sentence_start = matches!(c, '。' | '！' | '？' | '；');
    }
    let first = starts.iter().position(|s| s.2 == 1)?;
    let style = starts[first].1;
    let mut chain = vec![starts[first]];
    for s in &starts[first + 1..] {
        let next = chain.last().map_or(1, |l| l.2 + 1);
        let last_word = style == LeadStyle::Order && s.2 == u64::MAX;
        if s.1 == style && (s.2 == next || last_word) {
            chain.push(*s);
            if last_word {
                break;
            }
        }
    }
    if chain.len() < 2 {
        return None;
    }
    // A paragraph that is one item with one lead at its start is the caller's business.
    let mut out = Vec::new();
    let lead_in = text[..chain[0].0].trim();
    if !lead_in.is_empty() {
        out.push(Pending {
            seg: Segment::new(SegmentKind::Paragraph, lead_in),
            style: None,
            hinted: false,
            n: 0,
        });
    }
    for (k, &(at, style, n, len)) in chain.iter().enumerate() {
        let end = chain.get(k + 1).map_or(text.len(), |c| c.0);
        let body = &text[at..end];
        if body[len..].trim().is_empty() {
            return None;
        }
        out.push(Pending {
            seg: item(body, len, style),
            style: None,
            hinted: false,
            n,
        });
    }
    Some(out)
}

/// A line from a structured source: its hint says what it is.
fn classify_hinted(text: &str, hint: Hint, out: &mut Vec<Pending>) {
    let seg = match hint {
        Hint::Title => Segment::new(SegmentKind::Title, text),
        Hint::Meta => Segment::new(SegmentKind::Meta, text),
        Hint::Greeting => Segment::new(SegmentKind::Greeting, text),
        Hint::Heading(level) => {
            let (number, rest) = match heading_marker(text) {
                Some(m) => (Some(text[..m.len].to_string()), &text[m.len..]),
                None => (None, text),
            };
            let mut seg = Segment::new(SegmentKind::Heading, rest);
            seg.number = number;
            seg.level = Some(level.clamp(1, crate::outline::MAX_HEADING_LEVEL));
            seg
        }
        Hint::Body => {
            let lead = lead_marker(text).map(|m| (m.len, m.style)).or_else(|| {
                heading_marker(text).and_then(|m| match m.style {
                    HeadStyle::ZhParen => Some((m.len, LeadStyle::Paren)),
                    HeadStyle::ArabicDot => Some((m.len, LeadStyle::Arabic)),
                    _ => None,
                })
            });
            match lead {
                Some((len, style)) if !text[len..].trim().is_empty() => item(text, len, style),
                _ => Segment::new(SegmentKind::Paragraph, text),
            }
        }
    };
    out.push(Pending {
        seg,
        style: None,
        hinted: true,
        n: 0,
    });
}

/// Segments cleaned lines.
pub fn segment(lines: &[Line]) -> Vec<Segment> {
    let mut pending: Vec<Pending> = Vec::with_capacity(lines.len());
    // Head of the speech: title, meta lines, greeting.
    let mut start = 0;
    if let Some(first) = lines.first() {
        let t = first.text.as_str();
        let titled = match first.hint {
            Some(h) => h == Hint::Title,
            None => {
                chars(t) <= TITLE_MAX
                    && !t.contains(['。', '！', '？'])
                    && !t.ends_with(['：', ':'])
                    && heading_marker(t).is_none()
                    && lead_marker(t).is_none()
                    && !is_greeting(t)
            }
        };
        if titled {
            pending.push(head(SegmentKind::Title, t));
            start = 1;
        }
    }
    // Up to three short lines then a greeting: speaker and date lines.
    let head_like = |l: &Line| matches!(l.hint, None | Some(Hint::Meta) | Some(Hint::Greeting));
    let greeting = lines
        .iter()
        .skip(start)
        .take(4)
        .take_while(|l| head_like(l))
        .position(|l| l.hint == Some(Hint::Greeting) || (l.hint.is_none() && is_greeting(&l.text)));
    if let Some(g) = greeting {
        for l in &lines[start..start + g] {
            let short = chars(&l.text) <= 40 && !l.text.contains('。');
            let kind = if l.hint == Some(Hint::Meta) || short {
                SegmentKind::Meta
            } else {
                SegmentKind::Paragraph
            };
            pending.push(head(kind, &l.text));
        }
        pending.push(head(SegmentKind::Greeting, &lines[start + g].text));
        start += g + 1;
    } else {
        // Meta lines under a title without a greeting (a structured source says so).
        while lines.get(start).is_some_and(|l| l.hint == Some(Hint::Meta)) {
            pending.push(head(SegmentKind::Meta, &lines[start].text));
            start += 1;
        }
    }
    let mut zh_above = false;
    for l in &lines[start.min(lines.len())..] {
        let from = pending.len();
        match l.hint {
            Some(h) => classify_hinted(&l.text, h, &mut pending),
            None => classify(&l.text, &mut pending, zh_above),
        }
        zh_above |= pending[from..]
            .iter()
            .any(|p| p.style == Some(HeadStyle::ZhComma));
    }
    demote_lonely_items(&mut pending);
    level_headings(&mut pending);
    let mut segs: Vec<Segment> = pending.into_iter().map(|p| p.seg).collect();
    mark_closing(&mut segs);
    segs
}

fn head(kind: SegmentKind, text: &str) -> Pending {
    Pending {
        seg: Segment::new(kind, text),
        style: None,
        hinted: true,
        n: 0,
    }
}

/// An item whose style has no sibling between two headings is a paragraph that happens to
/// start with 第一， or 首先， — put its lead back.
fn demote_lonely_items(pending: &mut [Pending]) {
    let total = pending.len();
    let mut start = 0;
    while start < pending.len() {
        let end = pending[start + 1..]
            .iter()
            .position(|p| p.seg.kind == SegmentKind::Heading)
            .map_or(pending.len(), |e| start + 1 + e);
        let last_section = end == total;
        let section = &mut pending[start..end];
        let styles: Vec<Option<LeadStyle>> = section
            .iter()
            .map(|p| {
                (p.seg.kind == SegmentKind::Item)
                    .then_some(p.seg.lead_style)
                    .flatten()
            })
            .collect();
        // Items per style, counted once for the section (not once per item).
        let mut groups: Vec<(LeadStyle, usize)> = Vec::new();
        for style in styles.iter().flatten() {
            match groups.iter_mut().find(|(s, _)| s == style) {
                Some((_, n)) => *n += 1,
                None => groups.push((*style, 1)),
            }
        }
        for (i, p) in section.iter_mut().enumerate() {
            let Some(style) = styles[i] else { continue };
            // Our own exports write one 首先， or 第一， like any paragraph starting so;
            // only the strong leads are trusted alone, from any source.
            let group = groups
                .iter()
                .find(|(s, _)| *s == style)
                .map_or(0, |(_, n)| *n);
            // 一是, 一要, 第一句话 are leads even alone in a section a later heading closes
            // (a section cut short by its author); in the text's last section a lone one is
            // a sequence the excerpt cut off (web pages 11, 27, 29, 43, 47 end so), which
            // is no sequence to renumber. 首先 needs a 其次 or 最后, and 第一， 1、 （一）
            // need a neighbour.
            let strong = matches!(style, LeadStyle::Shi | LeadStyle::Yao | LeadStyle::Juhua)
                && !last_section;
            if group < 2 && !strong {
                let lead = p.seg.lead.take().unwrap_or_default();
                p.seg.text = format!("{lead}{}", p.seg.text);
                p.seg.kind = SegmentKind::Paragraph;
                p.seg.lead_style = None;
                p.n = 0;
            }
        }
        start = end;
    }
}

/// Levels from the heading styles the speech uses: the shallowest style becomes level 1.
fn level_headings(pending: &mut [Pending]) {
    let mut styles: Vec<HeadStyle> = pending
        .iter()
        .filter(|p| !p.hinted)
        .filter_map(|p| p.style)
        .collect();
    styles.sort();
    styles.dedup();
    for p in pending.iter_mut() {
        if let Some(style) = p.style {
            let rank = styles.iter().position(|s| *s == style).unwrap_or(0);
            p.seg.level = Some((rank + 1).min(crate::outline::MAX_HEADING_LEVEL));
        }
    }
}

/// The last paragraph is the closing when it reads like one.
fn mark_closing(segs: &mut [Segment]) {
    if let Some(last) = segs.last_mut() {
        let t = &last.text;
        if last.kind == SegmentKind::Paragraph
            && (t.starts_with("同志们") || t.contains("谢谢") || t.starts_with("最后"))
        {
            last.kind = SegmentKind::Closing;
        }
    }
}

/// The body as an outline: headings nest by level, items and paragraphs go under the
/// heading before them.
pub fn outline(segs: &[Segment]) -> Vec<NewNode> {
    let mut roots: Vec<NewNode> = Vec::new();
    let mut stack: Vec<(usize, NewNode)> = Vec::new();
    fn close_to(level: usize, stack: &mut Vec<(usize, NewNode)>, roots: &mut Vec<NewNode>) {
        while stack.last().is_some_and(|(l, _)| *l >= level) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(node),
                    None => roots.push(node),
                }
            }
        }
    }
    for s in segs {
        let Some(kind) = super::node_kind(s.kind) else {
            continue;
        };
        let mut node = NewNode::new(kind, s.text.clone());
        if kind == NodeKind::Heading {
            let level = s.level.unwrap_or(1);
            close_to(level, &mut stack, &mut roots);
            let level = stack.last().map_or(1, |(l, _)| l + 1).min(level);
            stack.push((level, node));
            continue;
        }
        if kind == NodeKind::Item {
            node.lead = s.lead_style;
        }
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(node),
            None => roots.push(node),
        }
    }
    close_to(1, &mut stack, &mut roots);
    roots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Vec<(SegmentKind, Option<usize>, Option<String>, String)> {
        let lines: Vec<Line> = text.lines().map(Line::plain).collect();
        segment(&lines)
            .into_iter()
            .map(|s| (s.kind, s.level, s.lead, s.text))
            .collect()
    }

    #[test]
    fn a_small_speech() {
        let s = seg("在全区表彰大会上的讲话\n王某某\n同志们：\n今天召开大会。\n一、提高认识\n一要学习。\n二要落实。\n（一）抓好班子\n首先，要团结。\n谢谢大家！");
        use SegmentKind::*;
        assert_eq!(s[0].0, Title);
        assert_eq!(s[1].0, Meta);
        assert_eq!(s[2].0, Greeting);
        assert_eq!(s[3].0, Paragraph);
        assert_eq!((s[4].0, s[4].1), (Heading, Some(1)));
        assert_eq!(s[4].3, "提高认识");
        assert_eq!((s[5].0, s[5].2.as_deref()), (Item, Some("一要")));
        assert_eq!(s[5].3, "学习。");
        assert_eq!((s[7].0, s[7].1), (Heading, Some(2)));
        // A lone 首先 is a paragraph.
        assert_eq!((s[8].0, s[8].3.as_str()), (Paragraph, "首先，要团结。"));
        assert_eq!(s[9].0, Closing);
    }

    #[test]
    fn a_second_level_heading_run_into_its_paragraph_under_a_first_level_one() {
        use SegmentKind::*;
        let body = "（一）要压实责任。各单位主要负责人要亲自抓、负总责。\n（二）要排查隐患。对重点部位逐一检查，不留死角。";
        let s = seg(&format!("同志们：\n一、抓好安全生产\n{body}"));
        let got: Vec<(SegmentKind, Option<usize>, &str)> =
            s.iter().map(|x| (x.0, x.1, x.3.as_str())).collect();
        assert_eq!(
            got[1..],
            [
                (Heading, Some(1), "抓好安全生产"),
                (Heading, Some(2), "要压实责任"),
                (Paragraph, None, "各单位主要负责人要亲自抓、负总责。"),
                (Heading, Some(2), "要排查隐患"),
                (Paragraph, None, "对重点部位逐一检查，不留死角。")
            ]
        );
        // Without a 一、 heading above, （一）（二） paragraphs are items, as before.
        let s = seg(&format!("同志们：\n{body}"));
        assert_eq!((s[1].0, s[1].2.as_deref()), (Item, Some("（一）")));
        assert_eq!((s[2].0, s[2].2.as_deref()), (Item, Some("（二）")));
    }

    #[test]
    fn a_long_section_counts_its_leads_once() {
        // The leads of a section were counted again for every item (quadratic).
        let mut text: String = "一、提高认识\n第一，要学习。\n".into();
        text.extend((0..30_000).map(|i| format!("{}要落实{i}。\n", ["一", "二"][i % 2])));
        let s = seg(&text);
        assert_eq!(s.len(), 30_002);
        // A lone 第一， is a paragraph; 一要 items stay items however many there are.
        assert_eq!(
            (s[1].0, s[1].3.as_str()),
            (SegmentKind::Paragraph, "第一，要学习。")
        );
        assert!(s[2..].iter().all(|x| x.0 == SegmentKind::Item));
    }

    #[test]
    fn an_inline_enumeration_becomes_its_lead_in_and_items() {
        let s = seg("这一年工作有三个特点：一是覆盖更广。二是服务更实；三是作用更大。");
        let kinds: Vec<_> = s.iter().map(|x| (x.0, x.2.clone())).collect();
        assert_eq!(
            kinds,
            [
                (SegmentKind::Paragraph, None),
                (SegmentKind::Item, Some("一是".to_string())),
                (SegmentKind::Item, Some("二是".to_string())),
                (SegmentKind::Item, Some("三是".to_string())),
            ]
        );
        assert_eq!(s[0].3, "这一年工作有三个特点：");
        assert_eq!(s[2].3, "服务更实；");
        // 首先 … 其次 … 最后, sentence by sentence, without commas after the words.
        let s = seg("首先要学。其次要干。最后，要总结。");
        assert_eq!(s.iter().filter(|x| x.0 == SegmentKind::Item).count(), 3);
        // Out of order, incomplete or alone: the paragraph stays whole.
        for text in [
            "会议有两项：二是表彰，一是部署。",
            "一是要抓紧，三是要抓好。",
            "大家首先要明白，其次要做到。",
            "他说第一次来这里，第二天就走了。",
        ] {
            let s = seg(text);
            assert!(
                s.iter().all(|x| x.0 != SegmentKind::Item || s.len() == 1),
                "{text}: {s:?}"
            );
            assert!(s.len() <= 1, "{text}: {s:?}");
        }
    }

    #[test]
    fn a_paragraph_run_into_its_heading_is_split_off() {
        let s = seg("讲话\n一、回顾过去一年的工作成效2023年，全县完成了任务。\n二、认清当前面临的形势一是任务更重。二是要求更高。\n三、认真总结2024年工作");
        let heads: Vec<&str> = s
            .iter()
            .filter(|x| x.0 == SegmentKind::Heading)
            .map(|x| x.3.as_str())
            .collect();
        assert_eq!(
            heads,
            [
                "回顾过去一年的工作成效",
                "认清当前面临的形势",
                "认真总结2024年工作"
            ]
        );
        assert!(s.iter().any(|x| x.3 == "2023年，全县完成了任务。"));
        assert_eq!(s.iter().filter(|x| x.0 == SegmentKind::Item).count(), 2);
    }

    #[test]
    fn heading_with_a_sentence_after_it() {
        let s = seg("一、提高认识。深化工作要抓好。\n二、明确要求");
        assert_eq!(s[0].3, "提高认识");
        assert_eq!(
            (s[1].0, s[1].3.as_str()),
            (SegmentKind::Paragraph, "深化工作要抓好。")
        );
    }

    #[test]
    fn a_first_heading_glued_after_its_announcement_is_split_off() {
        let s = seg("同志们：\n借此机会，我就做好秋收工作讲两点意见： 第一、抓紧抢收抢晒\n天气预报说下周有雨。\n第二、做好安全防护\n农机下田要有人看护。");
        assert_eq!(s[1].0, SegmentKind::Paragraph);
        assert_eq!(s[1].3, "借此机会，我就做好秋收工作讲两点意见：");
        assert_eq!(
            (s[2].0, s[2].1, s[2].3.as_str()),
            (SegmentKind::Heading, Some(1), "抓紧抢收抢晒")
        );
        assert_eq!(
            (s[4].0, s[4].3.as_str()),
            (SegmentKind::Heading, "做好安全防护")
        );
        // 一、 likewise; a sentence after the colon, or a later number, stays in the paragraph.
        let s = seg("同志们：\n我讲三个问题：一、认清形势");
        assert_eq!(
            (s[2].0, s[2].3.as_str()),
            (SegmentKind::Heading, "认清形势")
        );
        for text in [
            "我讲三个问题：一、认清形势。形势很好。",
            "我讲三个问题：二、认清形势",
            "要求：第一、人员到位，第二、物资到位。",
        ] {
            let s = seg(&format!("同志们：\n{text}"));
            assert!(
                s.iter().all(|x| x.0 != SegmentKind::Heading),
                "{text}: {s:?}"
            );
        }
    }

    #[test]
    fn a_lone_lead_the_text_ends_on_is_a_paragraph() {
        // The excerpt ends after 一是: no sequence to renumber.
        let s = seg("一、抓好防汛\n今年汛情复杂。\n二、抓好秋收\n一是要组织好机械。各村要提前联系");
        assert_eq!(
            s.last().map(|x| (x.0, x.3.as_str())),
            Some((SegmentKind::Paragraph, "一是要组织好机械。各村要提前联系"))
        );
        // A section a heading closes keeps its lone 一是 (cut short by its author).
        let s = seg("一、抓好防汛\n一是要落实责任。\n二、抓好秋收\n今年要早动手。");
        assert_eq!(
            (s[1].0, s[1].2.as_deref()),
            (SegmentKind::Item, Some("一是"))
        );
    }
}
