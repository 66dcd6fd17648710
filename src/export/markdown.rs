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

/// The paired marks, opening and closing.
const PAIRS: &[(char, char)] = &[
    ('“', '”'),
    ('‘', '’'),
    ('（', '）'),
    ('《', '》'),
    ('〈', '〉'),
    ('「', '」'),
    ('『', '』'),
    ('【', '】'),
    ('〔', '〕'),
    ('(', ')'),
    ('[', ']'),
];

/// For each char boundary of `text` (byte offsets, the end included): whether no pair of
/// marks is open there, counting only the pairs that open and close inside `text`.
fn pair_free(text: &str) -> Vec<(usize, bool)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Pairs opened and not closed yet: (char index, the closing mark), innermost last.
    let mut open: Vec<(usize, char)> = Vec::new();
    // +1 where a pair's inside starts, −1 after it ends: a running sum > 0 is inside one.
    let mut depth = vec![0i32; chars.len() + 2];
    for (k, &(_, c)) in chars.iter().enumerate() {
        if let Some(&(_, close)) = PAIRS.iter().find(|(o, _)| *o == c) {
            open.push((k, close));
        } else if let Some(at) = open.iter().rposition(|&(_, close)| close == c) {
            // Boundaries strictly between the two marks are inside the pair.
            depth[open[at].0 + 1] += 1;
            depth[k + 1] -= 1;
            open.truncate(at);
        }
    }
    let mut sum = 0;
    chars
        .iter()
        .map(|&(i, _)| i)
        .chain([text.len()])
        .zip(depth)
        .map(|(i, d)| {
            sum += d;
            (i, sum == 0)
        })
        .collect()
}

/// Where `**` may open and close inside `text` (byte offsets), given the characters just
/// outside it (CommonMark's flanking rules): the opener must not be followed by punctuation that
/// is preceded by a letter, the closer not preceded by punctuation followed by a letter.
/// Of the places that work, the one keeping the most text bold without cutting a pair of
/// marks (“四风” stays whole, inside or outside the bold); failing that, the most text.
fn bold_bounds(text: &str, prev: Option<char>, next: Option<char>) -> (usize, usize) {
    let letter = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace() && !is_punct(c));
    let before = |i: usize| text[..i].chars().next_back().or(prev);
    let after = |i: usize| text[i..].chars().next().or(next);
    let free = pair_free(text);
    // An opener before byte i: followed by text[i..]; a closer at i: preceded by text[..i].
    let opens = |i: usize| !(after(i).is_some_and(is_punct) && letter(before(i)));
    let closes = |i: usize| !(before(i).is_some_and(is_punct) && letter(after(i)));
    let pick = |ok: &dyn Fn(usize) -> bool, rev: bool| {
        let mut order: Vec<(usize, bool)> = free.clone();
        if rev {
            order.reverse();
        }
        order
            .iter()
            .find(|(i, f)| *f && ok(*i))
            .or_else(|| order.iter().find(|(i, _)| ok(*i)))
            .map_or(if rev { 0 } else { text.len() }, |(i, _)| *i)
    };
    (pick(&opens, false), pick(&closes, true))
}

/// Runs as CommonMark. A `**` next to punctuation on one side and a letter on the other
/// does not open or close in CommonMark (`**一是。**后` is not bold), so the bold span's
/// ends move to where they do, never inside a pair of quotes or brackets.
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
        let text = run.text.as_str();
        let (from, to) = bold_bounds(text, out.chars().last(), next);
        if from >= to || !text[from..to].chars().any(|c| !is_punct(c)) {
            escape(text, &mut out); // nothing but punctuation to embolden
            continue;
        }
        escape(&text[..from], &mut out);
        out.push_str("**");
        escape(&text[from..to], &mut out);
        out.push_str("**");
        escape(&text[to..], &mut out);
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
    fn bold_never_cuts_a_pair_of_quotes() {
        let lead = |rest: &str| runs_md(&[run("二要", true), run(rest, true), run("后文", false)]);
        // The closing quote stays inside; the full stop, moved out, lets `**` close.
        assert_eq!(
            lead("持之以恒纠治“四风”。"),
            "**二要持之以恒纠治“四风”**。后文"
        );
        // A quote that ends the bold right before a letter: the pair goes out whole.
        assert_eq!(lead("纠治“四风”"), "**二要纠治**“四风”后文");
        // At the end of a paragraph nothing has to move.
        assert_eq!(runs_md(&[run("纠治“四风”。", true)]), "**纠治“四风”。**");
        // A bold run opening with a quote right after a letter: `**“` cannot open there,
        // and `“**` would cut the pair, so the quoted words go out whole.
        assert_eq!(
            runs_md(&[run("前文", false), run("“四风”问题", true)]),
            "前文“四风”**问题**"
        );
        assert_eq!(
            runs_md(&[run("前文", false), run("（一）强化", true)]),
            "前文（一）**强化**"
        );
        // After punctuation or a space it can open: nothing moves.
        assert_eq!(
            runs_md(&[run("前文，", false), run("“四风”问题", true)]),
            "前文，**“四风”问题**"
        );
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
