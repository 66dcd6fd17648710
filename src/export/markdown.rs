//! CommonMark export: title, head lines, numbered headings as text, leads in place,
//! optional YAML front matter. User text is escaped so it never becomes markup.

use crate::document::{Document, Run};
use crate::types;

#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownOptions {
    pub front_matter: bool,
}

/// Escapes text so CommonMark reads it back literally.
fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
}

/// Escapes what would start a block at the beginning of a line: a list marker,
/// an ordered-list number, a setext underline, indentation.
fn escape_line_start(line: String) -> String {
    let trimmed = line.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if trimmed.starts_with(['-', '+', '=']) {
        format!("\\{trimmed}")
    } else if digits > 0 && trimmed[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        trimmed.to_string()
    }
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_alphanumeric() && !c.is_whitespace())
}

/// Runs as CommonMark. A bold run that ends in punctuation right before a letter cannot
/// close in CommonMark (`**一是。**后` is not bold), so such punctuation moves just
/// outside the `**`; likewise leading punctuation after a letter.
fn runs_md(runs: &[Run]) -> String {
    // Adjacent runs of one face (a lead, then its bold sentence) must be one `**…**`.
    let mut merged: Vec<Run> = Vec::with_capacity(runs.len());
    for r in runs {
        match merged.last_mut() {
            Some(last) if last.bold == r.bold => last.text.push_str(&r.text),
            _ => merged.push(Run {
                text: r.text.clone(),
                bold: r.bold,
                ..Run::default()
            }),
        }
    }
    let runs = merged;
    let mut out = String::new();
    for (i, run) in runs.iter().enumerate() {
        if !run.bold || run.text.is_empty() {
            escape(&run.text, &mut out);
            continue;
        }
        let next = runs.get(i + 1).and_then(|r| r.text.chars().next());
        let prev = out.chars().last();
        let text = run.text.as_str();
        let lead_end = if prev.is_some_and(|c| !c.is_whitespace() && !is_punct(c)) {
            text.char_indices()
                .find(|(_, c)| !is_punct(*c))
                .map_or(text.len(), |(i, _)| i)
        } else {
            0
        };
        let trail_start = if next.is_some_and(|c| !c.is_whitespace() && !is_punct(c)) {
            text.char_indices()
                .rev()
                .take_while(|(_, c)| is_punct(*c))
                .last()
                .map_or(text.len(), |(i, _)| i)
        } else {
            text.len()
        };
        if lead_end >= trail_start {
            escape(text, &mut out); // all punctuation: nothing to embolden
            continue;
        }
        escape(&text[..lead_end], &mut out);
        out.push_str("**");
        escape(&text[lead_end..trail_start], &mut out);
        out.push_str("**");
        escape(&text[trail_start..], &mut out);
    }
    out
}

fn yaml_str(s: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn to_markdown(doc: &Document, opts: MarkdownOptions) -> String {
    let mut out = String::new();
    if opts.front_matter {
        out.push_str("---\n");
        out.push_str(&format!("title: {}\n", yaml_str(&doc.title)));
        let type_name = types::find(&doc.speech_type).map_or(doc.speech_type.as_str(), |t| t.name);
        out.push_str(&format!("type: {}\n", yaml_str(&doc.speech_type)));
        out.push_str(&format!("type_name: {}\n", yaml_str(type_name)));
        if let Some(d) = &doc.meta.date {
            out.push_str(&format!("date: {d}\n"));
        }
        if let Some(s) = &doc.meta.speaker {
            out.push_str(&format!("speaker: {}\n", yaml_str(s)));
        }
        out.push_str("---\n\n");
    }
    let mut title = String::new();
    escape(&doc.title, &mut title);
    out.push_str(&format!("# {title}\n\n"));
    for (_, line) in doc.head_lines() {
        let mut l = String::new();
        escape(line, &mut l);
        out.push_str(&escape_line_start(l));
        out.push_str("\n\n");
    }
    for node in doc.walk() {
        let text = runs_md(&node.display_runs());
        match node.level {
            Some(level) => {
                out.push_str(&"#".repeat(level + 1));
                out.push(' ');
                out.push_str(&text);
            }
            None => out.push_str(&escape_line_start(text)),
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, bold: bool) -> Run {
        Run {
            text: text.into(),
            bold,
            ..Run::default()
        }
    }

    #[test]
    fn bold_lead_sentences_stay_commonmark() {
        let md = runs_md(&[
            run("一是", true),
            run("强化引领。", true),
            run("后文", false),
        ]);
        assert_eq!(md, "**一是强化引领**。后文");
        let md = runs_md(&[run("强化引领。", true)]);
        assert_eq!(md, "**强化引领。**");
    }

    #[test]
    fn escapes_user_text() {
        let mut s = String::new();
        escape("a*b_[x](y)<b>&amp;", &mut s);
        assert_eq!(s, "a\\*b\\_\\[x\\](y)\\<b\\>\\&amp;");
        assert_eq!(escape_line_start("1.开头".into()), "1\\.开头");
        assert_eq!(escape_line_start("- 列表".into()), "\\- 列表");
    }
}
