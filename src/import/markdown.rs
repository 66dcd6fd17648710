//! Reading Markdown: our own export (`# 标题`, head lines, `## 一、…` headings, escaped
//! text, `**bold**` leads) and simple Markdown written by hand. Emphasis markers and
//! backslash escapes are removed; headings and list items become hints.

use super::clean::Line;
use super::patterns::is_greeting;
use super::Hint;

/// A private-use character standing for an escaped `*` while emphasis is removed.
const STAR: char = '\u{E000}';

/// Removes backslash escapes and `**`/`*` emphasis; escaped stars stay literal (a `**`
/// placeholder survives the round trip).
fn inline(text: &str) -> String {
    let mut protected = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('*') => protected.push(STAR),
                Some(n) if n.is_ascii_punctuation() => protected.push(n),
                Some(n) => {
                    protected.push('\\');
                    protected.push(n);
                }
                None => protected.push('\\'),
            }
        } else {
            protected.push(c);
        }
    }
    let plain: String = crate::markup::spans(&protected)
        .iter()
        .map(|s| s.text)
        .collect();
    plain.replace(STAR, "*")
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        Some((hashes, line[hashes..].trim().trim_end_matches('#').trim()))
    } else {
        None
    }
}

fn list_item(line: &str) -> Option<&str> {
    line.strip_prefix("- ")
        .or_else(|| line.strip_prefix("* "))
        .or_else(|| line.strip_prefix("+ "))
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
    let mut out: Vec<Line> = Vec::new();
    let mut para: Option<String> = None;
    let mut title_depth: Option<usize> = None;
    let flush = |para: &mut Option<String>, out: &mut Vec<Line>| {
        if let Some(p) = para.take() {
            out.push(Line {
                text: inline(&p),
                hint: Some(Hint::Body),
            });
        }
    };
    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut para, &mut out);
            continue;
        }
        if let Some((depth, text)) = heading(line) {
            flush(&mut para, &mut out);
            let hint = match title_depth {
                None if out.is_empty() => {
                    title_depth = Some(depth);
                    Hint::Title
                }
                Some(t) => Hint::Heading(depth.saturating_sub(t).max(1)),
                None => Hint::Heading(depth),
            };
            out.push(Line {
                text: inline(text),
                hint: Some(hint),
            });
            continue;
        }
        if let Some(item) = list_item(line) {
            flush(&mut para, &mut out);
            para = Some(item.to_string());
            continue;
        }
        match &mut para {
            Some(p) => {
                if p.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && line.starts_with(|c: char| c.is_ascii_alphanumeric())
                {
                    p.push(' ');
                }
                p.push_str(line);
            }
            None => para = Some(line.to_string()),
        }
    }
    flush(&mut para, &mut out);
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
}
