//! Reading Markdown with pulldown-cmark: our own export (`# 标题`, head lines, `## 一、…` headings, escaped
//! text, `**bold**` leads) and simple Markdown written by hand. Emphasis markers and
//! backslash escapes are removed; headings and list items become hints.

use super::clean::Line;
use super::patterns::is_greeting;
use super::Hint;
use crate::markup::{leaves, Leaf, LeafKind};

/// A private-use character standing for an escaped `*` while emphasis is removed.
const STAR: char = '\u{E000}';

/// A leaf's inline text as CommonMark means it: escapes resolved, emphasis and code
/// marks gone, wrapped lines joined. Escaped stars are protected, then `**…**` that
/// CommonMark leaves alone beside Chinese punctuation (`**强化引领。**内容`: its flanking
/// rules do not bold it) is removed too, as a writer means it.
fn inline(src: &str, leaf: &Leaf<'_>) -> String {
    use pulldown_cmark::Event;
    let mut text = String::new();
    for (event, range) in &leaf.inline {
        match event {
            Event::Text(t) if src[range.clone()].starts_with('\\') && &**t == "*" => {
                text.push(STAR)
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    let mut joined = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        crate::markup::join_line(&mut joined, line);
    }
    let plain: String = crate::markup::spans(&joined)
        .iter()
        .map(|s| s.text)
        .collect();
    plain.replace(STAR, "*")
}

/// Markdown → lines with hints.
pub fn read(text: &str) -> Vec<Line> {
    let mut body = text;
    // YAML front matter.
    if let Some(rest) = body.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---") {
            body = rest[end + 4..].trim_start_matches(['\r', '\n']);
        }
    }
    let src = crate::markup::dedent(body);
    let mut out: Vec<Line> = Vec::new();
    let mut title_depth: Option<usize> = None;
    for leaf in leaves(&src) {
        let (text, hint) = match leaf.kind {
            LeafKind::Heading(depth) => {
                let hint = match title_depth {
                    None if out.is_empty() => {
                        title_depth = Some(depth);
                        Hint::Title
                    }
                    Some(t) => Hint::Heading(depth.saturating_sub(t).max(1)),
                    None => Hint::Heading(depth),
                };
                (inline(&src, &leaf), hint)
            }
            // A block CommonMark would show as code, a quote or HTML is still speech text.
            LeafKind::Literal => {
                let mut text = String::new();
                for line in src[leaf.range]
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                {
                    crate::markup::join_line(&mut text, line);
                }
                (text, Hint::Body)
            }
            // An ordered item keeps its number (1. 加强): the import reads numbers as structure.
            LeafKind::Item { bullet } if bullet.is_ascii_digit() => {
                let start = crate::markup::line_start(&src, leaf.range.start);
                let marker = src[start..leaf.range.start].trim();
                (format!("{marker}{}", inline(&src, &leaf)), Hint::Body)
            }
            LeafKind::Item { .. } | LeafKind::Paragraph => (inline(&src, &leaf), Hint::Body),
        };
        if !text.is_empty() {
            out.push(Line {
                text,
                hint: Some(hint),
            });
        }
    }
    // The lines under the title up to the greeting are the head (speaker, date).
    if out.first().is_some_and(|l| l.hint == Some(Hint::Title)) {
        let greeting = out
            .iter()
            .skip(1)
            .take(4)
            .take_while(|l| l.hint == Some(Hint::Body))
            .position(|l| is_greeting(&l.text));
        match greeting {
            Some(g) => {
                for l in &mut out[1..1 + g] {
                    l.hint = Some(Hint::Meta);
                }
                out[1 + g].hint = Some(Hint::Greeting);
            }
            None => {
                for l in out.iter_mut().skip(1).take(2) {
                    let short = l.text.chars().count() <= 40 && !l.text.contains('。');
                    if l.hint != Some(Hint::Body) || !short {
                        break;
                    }
                    l.hint = Some(Hint::Meta);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_export_reads_back() {
        let md = "---\ntitle: \"x\"\n---\n\n# 在大会上的讲话\n\n王某某\n\n同志们：\n\n## 一、提高认识\n\n**一是强化引领**。后文\\*\\*单位\n\n1\\.加强";
        let lines = read(md);
        let hints: Vec<_> = lines.iter().map(|l| l.hint).collect();
        assert_eq!(
            hints,
            [
                Some(Hint::Title),
                Some(Hint::Meta),
                Some(Hint::Greeting),
                Some(Hint::Heading(1)),
                Some(Hint::Body),
                Some(Hint::Body)
            ]
        );
        assert_eq!(lines[4].text, "一是强化引领。后文**单位");
        assert_eq!(lines[5].text, "1.加强");
    }

    #[test]
    fn pathological_markdown_reads_whole() {
        // Shapes that make some Markdown readers slow or deep; every character stays.
        for unit in ["*", "**甲", "[", "> ", "- ", "`", "<a ", "\\", "_", "1. "] {
            let text = unit.repeat(20_000 / unit.len());
            let lines = read(&text);
            let kept: usize = lines.iter().map(|l| l.text.chars().count()).sum();
            assert!(
                kept > 0 || unit.trim().is_empty() || unit == "- ",
                "{unit:?}"
            );
        }
    }
}
