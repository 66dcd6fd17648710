//! The check (审校) before export: findings with a rule id, a Chinese message, the node
//! and the character offset in its text, and a suggested fix where there is one.

use serde::Serialize;

use crate::document::{Document, Node};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Rule id: `unfilled-slot`, `placeholder`.
    pub rule: &'static str,
    pub message: String,
    /// The outline node, or None for the title and head lines.
    pub node: Option<i64>,
    /// title, speaker, date, greeting or body.
    pub part: &'static str,
    /// Character offset in the node's text (without its number or lead).
    pub offset: usize,
    /// Length in characters.
    pub length: usize,
    /// The text found.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// Runs every rule over a rendered document.
pub fn check(doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    for (part, text) in std::iter::once(("title", doc.title.as_str())).chain(doc.head_lines()) {
        unfilled_in_line(doc, part, text, &mut out);
        placeholders(text, None, part, &mut out);
    }
    for node in doc.walk() {
        unfilled_in_node(node, &mut out);
        placeholders(&node.text, Some(node.id), "body", &mut out);
    }
    out
}

fn unfilled_finding(name: &str, node: Option<i64>, part: &'static str, offset: usize) -> Finding {
    let marker = crate::slot::unfilled_marker(name);
    Finding {
        rule: "unfilled-slot",
        message: format!("占位项“{name}”还没有填写"),
        node,
        part,
        offset,
        length: marker.chars().count(),
        text: marker,
        suggestion: Some(format!("在占位项中填写“{name}”")),
    }
}

fn unfilled_in_node(node: &Node, out: &mut Vec<Finding>) {
    let mut offset = 0;
    for run in &node.runs {
        if run.unfilled {
            if let Some(name) = &run.slot {
                out.push(unfilled_finding(name, Some(node.id), "body", offset));
            }
        }
        offset += run.text.chars().count();
    }
}

/// Head lines are plain strings: find the markers of the unfilled slots in them.
fn unfilled_in_line(doc: &Document, part: &'static str, text: &str, out: &mut Vec<Finding>) {
    let mut found: Vec<(usize, &str)> = Vec::new();
    for name in &doc.unfilled {
        let marker = crate::slot::unfilled_marker(name);
        for (byte, _) in text.match_indices(&marker) {
            found.push((text[..byte].chars().count(), name));
        }
    }
    found.sort();
    for (offset, name) in found {
        out.push(unfilled_finding(name, None, part, offset));
    }
}

fn is_ascii_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Leftover placeholders a writer forgot: X, XX, ×, **, __, 20*年, a broken {{.
fn placeholders(text: &str, node: Option<i64>, part: &'static str, out: &mut Vec<Finding>) {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run_of =
            |pred: &dyn Fn(char) -> bool| chars[i..].iter().take_while(|c| pred(**c)).count();
        let mut hit: Option<(usize, &str)> = None;
        // 20*年, 20XX年, 20××年: a year not written in.
        if c == '2'
            && chars.get(i + 1) == Some(&'0')
            && !is_ascii_word(i.checked_sub(1).and_then(|p| chars.get(p)))
        {
            let n = chars[i + 2..]
                .iter()
                .take_while(|c| matches!(c, '*' | '＊' | 'X' | 'x' | '×' | '○'))
                .count();
            if n > 0 && chars.get(i + 2 + n) == Some(&'年') {
                hit = Some((n + 3, "年份没有写完"));
            }
        }
        if hit.is_none() {
            hit = match c {
                '*' | '＊' => {
                    let n = run_of(&|c| c == '*' || c == '＊');
                    Some((n, "遗留的星号占位符"))
                }
                '_' | '＿' => {
                    let n = run_of(&|c| c == '_' || c == '＿');
                    let before = i.checked_sub(1).and_then(|p| chars.get(p));
                    let after = chars.get(i + n);
                    (!(is_ascii_word(before) && is_ascii_word(after)))
                        .then_some((n, "遗留的下划线占位符"))
                }
                '×' => {
                    let n = run_of(&|c| c == '×');
                    let before = i.checked_sub(1).and_then(|p| chars.get(p));
                    let after = chars.get(i + n);
                    // 3×4 is arithmetic, not a blank.
                    let arithmetic = before.is_some_and(|c| c.is_ascii_digit())
                        && after.is_some_and(|c| c.is_ascii_digit());
                    (!arithmetic).then_some((n, "遗留的“×”占位符"))
                }
                'X' | 'x' => {
                    let n = run_of(&|c| c == 'X' || c == 'x');
                    let before = i.checked_sub(1).and_then(|p| chars.get(p));
                    let after = chars.get(i + n);
                    (!is_ascii_word(before) && !is_ascii_word(after) && n <= 4)
                        .then_some((n, "遗留的“X”占位符"))
                }
                '{' if chars.get(i + 1) == Some(&'{') => Some((2, "占位项写法不完整（缺少“}}”）")),
                _ => None,
            };
        }
        match hit {
            Some((len, what)) => {
                let found: String = chars[i..i + len].iter().collect();
                out.push(Finding {
                    rule: "placeholder",
                    message: format!("{what}：“{found}”"),
                    node,
                    part,
                    offset: i,
                    length: len,
                    text: found,
                    suggestion: Some("换成实际内容，或改为占位项 {{名称}}".into()),
                });
                i += len;
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        placeholders(text, Some(1), "body", &mut out);
        out.into_iter().map(|f| (f.offset, f.text)).collect()
    }

    #[test]
    fn finds_placeholders() {
        assert_eq!(find("第X届X次"), vec![(1, "X".into()), (3, "X".into())]);
        assert_eq!(find("增长XX%"), vec![(2, "XX".into())]);
        assert_eq!(find("20*年以来"), vec![(0, "20*年".into())]);
        assert_eq!(find("20XX年"), vec![(0, "20XX年".into())]);
        assert_eq!(find("发放**万元"), vec![(2, "**".into())]);
        assert_eq!(find("新就业形态__工作"), vec![(5, "__".into())]);
        assert_eq!(find("××区"), vec![(0, "××".into())]);
        assert_eq!(find("{{届次 届"), vec![(0, "{{".into())]);
    }

    #[test]
    fn leaves_real_text_alone() {
        assert!(find("Excel和XML文件、3×4矩阵、2026年、snake_case").is_empty());
        assert!(find("GB/T 9704标准").is_empty());
    }
}
