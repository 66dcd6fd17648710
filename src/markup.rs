//! The outline markup used in blocks, templates and `blocks add --file`:
//! paragraphs separated by blank lines, `- ` items, `#`/`##` headings, `**bold**` lead
//! sentences. Its blocks are CommonMark, read by pulldown-cmark ([`leaves`], shared with
//! the Markdown import) into a tree of [`NewNode`]s; the text of each block is kept as
//! written, so slots (`{{名称|中文}}`) and stars in names (`***`) pass untouched.
//!
//! `**bold**` spans are found by [`spans`], not by CommonMark: its flanking rules leave
//! `**强化引领。**内容` (a lead sentence ending in Chinese punctuation, the commonest bold of
//! a speech) unbolded, and a test holds pulldown-cmark to that.

use crate::outline::{LeadStyle, NewNode, NodeKind};

/// One leaf block of CommonMark as pulldown-cmark reads it: a heading, a list item's own
/// text, a paragraph, or a block we keep literally (code, quote, HTML, rule).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LeafKind {
    /// An ATX heading (`#`…`######`) with its number of `#`.
    Heading(usize),
    /// A list item; `bullet` is its marker's first character (`-`, `*`, `+`, or a digit).
    Item {
        bullet: char,
    },
    Paragraph,
    /// A block without a place in a speech outline, kept as its source text.
    Literal,
}

/// A leaf block: its kind, the byte range of its text in the source, and its inline events
/// with their ranges (for readers that want CommonMark's inline meaning).
pub(crate) struct Leaf<'a> {
    pub kind: LeafKind,
    pub range: std::ops::Range<usize>,
    pub inline: Vec<(pulldown_cmark::Event<'a>, std::ops::Range<usize>)>,
}

/// Every line's leading whitespace removed: our markup and hand-written speeches indent
/// paragraphs freely, which CommonMark would read as code or nested lists.
pub(crate) fn dedent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(line.trim_start_matches([' ', '\t', '\u{3000}']));
    }
    out
}

/// The leaf blocks of `src` (already [`dedent`]ed) in reading order, from pulldown-cmark's
/// offset iterator. A setext heading (a line underlined with `---`) is a paragraph here:
/// only `#` makes a heading in our markup.
pub(crate) fn leaves(src: &str) -> Vec<Leaf<'_>> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out: Vec<Leaf> = Vec::new();
    // The leaf being read, and how deep inside a literal block we are.
    let mut open: Option<Leaf> = None;
    let mut literal_depth = 0usize;
    fn close<'a>(open: &mut Option<Leaf<'a>>, out: &mut Vec<Leaf<'a>>) {
        if let Some(leaf) = open.take() {
            if !leaf.range.is_empty() || leaf.kind != LeafKind::Paragraph {
                out.push(leaf);
            }
        }
    }
    for (event, range) in Parser::new(src).into_offset_iter() {
        if literal_depth > 0 {
            match event {
                Event::Start(_) => literal_depth += 1,
                Event::End(_) => literal_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                close(&mut open, &mut out);
                if !src[range.clone()].starts_with('#') {
                    // A setext heading: the text and its underline, as written.
                    out.push(Leaf {
                        kind: LeafKind::Literal,
                        range,
                        inline: Vec::new(),
                    });
                    literal_depth = 1;
                    continue;
                }
                open = Some(Leaf {
                    kind: LeafKind::Heading(level as usize),
                    range: range.end..range.end,
                    inline: Vec::new(),
                });
            }
            Event::Start(Tag::Item) => {
                close(&mut open, &mut out);
                let bullet = src[range.clone()].chars().next().unwrap_or('-');
                open = Some(Leaf {
                    kind: LeafKind::Item { bullet },
                    range: range.end..range.end,
                    inline: Vec::new(),
                });
            }
            Event::Start(Tag::Paragraph) => {
                // The first paragraph of a loose list item is the item's text.
                let item_waits = open.as_ref().is_some_and(|l| {
                    matches!(l.kind, LeafKind::Item { .. }) && l.inline.is_empty()
                });
                if !item_waits {
                    close(&mut open, &mut out);
                    open = Some(Leaf {
                        kind: LeafKind::Paragraph,
                        range: range.end..range.end,
                        inline: Vec::new(),
                    });
                }
            }
            Event::Start(Tag::List(_)) => close(&mut open, &mut out),
            Event::Start(
                Tag::CodeBlock(_) | Tag::BlockQuote(_) | Tag::HtmlBlock | Tag::Table(_),
            ) => {
                close(&mut open, &mut out);
                out.push(Leaf {
                    kind: LeafKind::Literal,
                    range,
                    inline: Vec::new(),
                });
                literal_depth = 1;
            }
            Event::Rule => {
                close(&mut open, &mut out);
                out.push(Leaf {
                    kind: LeafKind::Literal,
                    range,
                    inline: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Item | TagEnd::Paragraph | TagEnd::List(_)) => {
                close(&mut open, &mut out)
            }
            Event::Start(_)
            | Event::End(_)
            | Event::Text(_)
            | Event::Code(_)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_) => {
                let leaf = open.get_or_insert_with(|| Leaf {
                    kind: LeafKind::Paragraph,
                    range: range.start..range.start,
                    inline: Vec::new(),
                });
                if leaf.inline.is_empty() {
                    leaf.range = range.clone();
                }
                leaf.range.start = leaf.range.start.min(range.start);
                leaf.range.end = leaf.range.end.max(range.end);
                leaf.inline.push((event, range));
            }
        }
    }
    close(&mut open, &mut out);
    out
}

/// One element before nesting.
struct Flat {
    kind: NodeKind,
    depth: usize, // heading depth (number of #); 0 otherwise
    text: String,
}

/// Joins a wrapped line: Chinese text joins without a space, Latin words with one.
pub(crate) fn join_line(into: &mut String, line: &str) {
    let need_space = into
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if need_space {
        into.push(' ');
    }
    into.push_str(line);
}

/// A block's source lines trimmed and joined: stored text keeps its own characters
/// (slots, stars, backslashes), so only the block structure comes from CommonMark.
fn joined(source: &str) -> String {
    let mut text = String::new();
    for line in source.lines().map(str::trim).filter(|l| !l.is_empty()) {
        join_line(&mut text, line);
    }
    text
}

fn flatten(body: &str) -> Vec<Flat> {
    let src = dedent(body);
    let mut out = Vec::new();
    for leaf in leaves(&src) {
        let (kind, depth, start) = match leaf.kind {
            LeafKind::Heading(depth) => (NodeKind::Heading, depth, leaf.range.start),
            LeafKind::Item { bullet: '-' | '*' } => (NodeKind::Item, 0, leaf.range.start),
            // `1. ` and `+ ` items stay paragraphs as written, marker and all.
            LeafKind::Item { .. } => (NodeKind::Paragraph, 0, line_start(&src, leaf.range.start)),
            LeafKind::Literal | LeafKind::Paragraph => (NodeKind::Paragraph, 0, leaf.range.start),
        };
        let text = joined(&src[start..leaf.range.end]);
        if !text.is_empty() || kind == NodeKind::Heading {
            out.push(Flat { kind, depth, text });
        }
    }
    out
}

/// The byte where the line holding `at` starts.
pub(crate) fn line_start(src: &str, at: usize) -> usize {
    src[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Reads markup into a tree. Heading depths are relative: the shallowest heading of the
/// text becomes depth 1. Items take `lead`.
pub fn parse_outline(body: &str, lead: LeadStyle) -> Vec<NewNode> {
    let flat = flatten(body);
    let min_depth = flat
        .iter()
        .filter(|f| f.kind == NodeKind::Heading)
        .map(|f| f.depth)
        .min()
        .unwrap_or(1);
    // A stack of open headings: (depth, node). Closing one appends it to its parent.
    let mut roots: Vec<NewNode> = Vec::new();
    let mut stack: Vec<(usize, NewNode)> = Vec::new();
    fn close_to(depth: usize, stack: &mut Vec<(usize, NewNode)>, roots: &mut Vec<NewNode>) {
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            if let Some((_, node)) = stack.pop() {
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(node),
                    None => roots.push(node),
                }
            }
        }
    }
    for f in flat {
        let mut node = NewNode::new(f.kind, f.text);
        match f.kind {
            NodeKind::Heading => {
                let depth = f.depth - min_depth + 1;
                close_to(depth, &mut stack, &mut roots);
                // A jump from # to ### still nests one level only.
                let depth = stack.last().map_or(1, |(d, _)| d + 1).min(depth);
                stack.push((depth, node));
            }
            NodeKind::Item | NodeKind::Paragraph => {
                if f.kind == NodeKind::Item {
                    node.lead = Some(lead);
                }
                match stack.last_mut() {
                    Some((_, parent)) => parent.children.push(node),
                    None => roots.push(node),
                }
            }
        }
    }
    close_to(1, &mut stack, &mut roots);
    roots
}

/// Writes a tree back as markup (the inverse of [`parse_outline`] for one lead style).
pub fn write_outline(nodes: &[NewNode]) -> String {
    fn walk(nodes: &[NewNode], depth: usize, out: &mut Vec<String>) {
        for n in nodes {
            match n.kind {
                NodeKind::Heading => {
                    out.push(format!("{} {}", "#".repeat(depth), n.text));
                    walk(&n.children, depth + 1, out);
                }
                NodeKind::Item => out.push(format!("- {}", n.text)),
                NodeKind::Paragraph => out.push(n.text.clone()),
            }
        }
    }
    let mut lines = Vec::new();
    walk(nodes, 1, &mut lines);
    lines.join("\n\n")
}

/// A span of inline text: bold or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub bold: bool,
}

/// Where `cc` (an ASCII character twice, such as `**` or `{{`) first occurs in `text`.
/// The same as `text.find("cc")`, without the general searcher's set-up, which costs
/// more than the short texts of a speech take to scan.
pub(crate) fn find_double(text: &str, c: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes.get(from..)?.iter().position(|&b| b == c) {
        let at = from + i;
        if bytes.get(at + 1) == Some(&c) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Splits `**bold**` from plain text. An unmatched `**`, or stars that open on a star or a
/// space (`***` standing for a name), stay literal text.
pub fn spans(text: &str) -> Vec<Span<'_>> {
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut pos = 0;
    while let Some(found) = find_double(&text[pos..], b'*') {
        let open = pos + found;
        let inner = open + 2;
        let opens_well = text[inner..]
            .chars()
            .next()
            .is_some_and(|c| c != '*' && !c.is_whitespace());
        let close = if opens_well {
            find_double(&text[inner..], b'*').map(|c| inner + c)
        } else {
            None
        };
        match close {
            Some(c) if !text[..c].ends_with(char::is_whitespace) => {
                if open > literal_start {
                    out.push(Span {
                        text: &text[literal_start..open],
                        bold: false,
                    });
                }
                out.push(Span {
                    text: &text[inner..c],
                    bold: true,
                });
                literal_start = c + 2;
                pos = c + 2;
            }
            _ => {
                // Skip the whole run of stars so `***` is not re-read as `**` + `*`.
                pos = open + text[open..].bytes().take_while(|b| *b == b'*').count();
            }
        }
    }
    if literal_start < text.len() {
        out.push(Span {
            text: &text[literal_start..],
            bold: false,
        });
    }
    out
}

/// Stored text (outline markup, a title) as one line for lists, cards and notices: slots
/// as `【名称】`, the `#` and `- ` line signs and `**` gone, headings, items and paragraphs
/// joined by a space, runs of whitespace one space. A `{{` that never closes (an
/// unfinished slot) and what follows it show as `…`. The window cuts the line to its
/// width with CSS, so no character count is decided here.
pub fn plain_line(text: &str) -> String {
    let nodes = parse_outline(text, LeadStyle::default());
    let mut texts = Vec::new();
    for node in &nodes {
        node.texts(&mut texts);
    }
    let mut line = String::new();
    for t in texts {
        line.push(' ');
        for span in spans(t) {
            for piece in crate::slot::pieces(span.text) {
                match piece {
                    crate::slot::Piece::Text(s) => line.push_str(s),
                    crate::slot::Piece::Slot(r) => {
                        line.push_str(&crate::slot::unfilled_marker(&r.name))
                    }
                }
            }
        }
    }
    if let Some(open) = line.rfind("{{").filter(|&o| !line[o..].contains("}}")) {
        line.truncate(open);
        line.push('…');
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn find_double_agrees_with_find() {
        for text in [
            "",
            "*",
            "**",
            "a**b**",
            "甲*乙**丙",
            "***",
            "{{年份}}",
            "x{y{{z",
            "{",
        ] {
            for (c, pat) in [(b'*', "**"), (b'{', "{{"), (b'}', "}}")] {
                assert_eq!(
                    super::find_double(text, c),
                    text.find(pat),
                    "{text:?} {pat}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn paragraphs_items_and_headings() {
        let body = "开场一段，\n接着写。\n\n# 大标题\n- **第一句。**内容\n- 第二条\n## 小标题\n小段落\n\n# 第二个大标题\n尾段";
        let t = parse_outline(body, LeadStyle::Yao);
        assert_eq!(t.len(), 3);
        assert_eq!(t[0].kind, NodeKind::Paragraph);
        assert_eq!(t[0].text, "开场一段，接着写。");
        assert_eq!(t[1].kind, NodeKind::Heading);
        assert_eq!(t[1].children.len(), 3);
        assert_eq!(t[1].children[0].lead, Some(LeadStyle::Yao));
        assert_eq!(t[1].children[2].kind, NodeKind::Heading);
        assert_eq!(t[1].children[2].children[0].text, "小段落");
        assert_eq!(t[2].children[0].text, "尾段");
        assert_eq!(t[1].heading_depth(), 2);
    }

    #[test]
    fn relative_heading_depth_and_round_trip() {
        let t = parse_outline("## 只有二级\n- 甲\n- 乙", LeadStyle::Shi);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].children.len(), 2);
        let again = parse_outline(&write_outline(&t), LeadStyle::Shi);
        assert_eq!(again, t);
    }

    #[test]
    fn commonmark_would_not_bold_a_lead_ending_in_chinese_punctuation() {
        use pulldown_cmark::{Event, Parser, Tag};
        let text = "**强化引领。**内容";
        let strong = Parser::new(text).any(|e| matches!(e, Event::Start(Tag::Strong)));
        assert!(
            !strong,
            "if this changes, spans() could be pulldown-cmark's too"
        );
        assert_eq!(
            spans(text)[0],
            Span {
                text: "强化引领。",
                bold: true
            }
        );
    }

    #[test]
    fn block_text_is_kept_as_written() {
        // Slots with filters, underscores, stars, backslashes, brackets and HTML are text;
        // only the line signs # and - / * make structure.
        let body = "- {{单位|中文}}的_重点_和*星*、\\*、[链接](x)\n  <b>续行</b>\n\n1. 不是列表\n\n+ 也不是\n\n一段\n---\n\n> 引文\n\n```\n代码\n```\n\n    缩进的段落";
        let t = parse_outline(body, LeadStyle::Shi);
        let got: Vec<(NodeKind, &str)> = t.iter().map(|n| (n.kind, n.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (
                    NodeKind::Item,
                    "- {{单位|中文}}的_重点_和*星*、\\*、[链接](x)<b>续行</b>"
                        .trim_start_matches("- ")
                ),
                (NodeKind::Paragraph, "1. 不是列表"),
                (NodeKind::Paragraph, "+ 也不是"),
                (NodeKind::Paragraph, "一段---"),
                (NodeKind::Paragraph, "> 引文"),
                (NodeKind::Paragraph, "```代码```"),
                (NodeKind::Paragraph, "缩进的段落"),
            ]
        );
    }

    #[test]
    fn latin_lines_join_with_a_space() {
        let t = parse_outline("GB/T\n9704 标准", LeadStyle::Shi);
        assert_eq!(t[0].text, "GB/T 9704 标准");
    }

    #[test]
    fn bold_spans() {
        let s = spans("**一句话。**后文");
        assert_eq!(s.len(), 2);
        assert!(s[0].bold && s[0].text == "一句话。");
        let s = spans("请***同志讲话");
        assert_eq!(
            s,
            vec![Span {
                text: "请***同志讲话",
                bold: false
            }]
        );
        let s = spans("未闭合**的");
        assert_eq!(s.len(), 1);
        assert!(!s[0].bold);
        let s = spans("前**中**后**尾");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].text, "后**尾");
    }

    #[test]
    fn plain_line_shows_slots_and_drops_markup() {
        assert_eq!(
            plain_line("# 标题\n- **一年来**{{单位|中文}}坚持"),
            "标题 一年来【单位】坚持"
        );
        assert_eq!(plain_line("召开{{单位}}{{…"), "召开【单位】…");
        assert_eq!(
            plain_line("开场一段，\n接着写。\n\n## 小标题\n\n- 甲  乙\n- 丙"),
            "开场一段，接着写。 小标题 甲 乙 丙"
        );
        // Stars that are not bold (a name written as ***) and a single `{` stay.
        assert_eq!(plain_line("请***同志讲话{x}"), "请***同志讲话{x}");
        assert_eq!(plain_line("  "), "");
        assert_eq!(plain_line("{{年份|年}}工作"), "【年份】工作");
    }
}
