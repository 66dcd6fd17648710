//! The check (审校) before export: findings with a rule id, a Chinese message, the node
//! and the character offset in its text, and a suggested fix where there is one.
//!
//! Two kinds of rules. The structural ones are code in this module: `unfilled-slot`, `placeholder`, `half-width-punct`, `unpaired`,
//! `enumeration-comma` (1、 for 1.), `numbering` (gaps and repeats in hand-written
//! numbering), `repeated-sentence`, `long-paragraph`, `over-length`. The safe ones
//! (`half-width-punct`, `enumeration-comma`) carry a `fix`: the text that replaces
//! `text` at `offset`; `Store::apply_fixes` writes them back into the stored draft.
//! The written rule set (用词, 错别字, 称谓 … in `assets/check/*.toml`) is data, run by
//! [`table`] in one pass; its rules fix only where a 必改 rule has one safe suggestion.
//! Every finding carries a class and a level (必改 / 建议 / 提示).

pub mod table;

pub use table::{Level, CLASSES};

use serde::Serialize;

use std::collections::HashMap;

use crate::document::{Document, Node};
use crate::import::patterns::{heading_marker, is_cjk, lead_marker};
use crate::outline::{LeadStyle, NodeKind};

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Finding {
    /// Rule id: `unfilled-slot`, `placeholder`, `half-width-punct`, `unpaired`,
    /// `enumeration-comma`, `numbering`, `repeated-sentence`, `long-paragraph`,
    /// `over-length`.
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
    /// A safe automatic fix: the text that replaces `text` at `offset`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// The slot an `unfilled-slot` finding is about, so a face can jump to its field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slot: Option<String>,
    /// 用词, 错别字, 称谓, 规范表述, 的地得, 数字, 标点, 语病, 时效, 本单位 or 格式.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub class: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The standard or source the rule rests on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<&'static str>,
}

/// The ids of the rules written as code here (the rule set's ids are in `table`).
pub const STRUCTURAL_RULES: &[&str] = &[
    "unfilled-slot",
    "placeholder",
    "half-width-punct",
    "unpaired",
    "enumeration-comma",
    "numbering",
    "repeated-sentence",
    "long-paragraph",
    "over-length",
];

/// The class and level of the structural rules (the written ones carry their own).
fn classify(f: &mut Finding) {
    if f.class.is_some() {
        return;
    }
    let (class, level, basis) = match f.rule {
        "unfilled-slot" | "placeholder" => ("格式", Level::Must, None),
        "half-width-punct" => ("标点", Level::Must, Some("GB/T 15834-2011 标点符号用法 §3")),
        "unpaired" => ("标点", Level::Must, Some("GB/T 15834-2011 标点符号用法 §4")),
        "enumeration-comma" => (
            "标点",
            Level::Must,
            Some("GB/T 9704-2012 党政机关公文格式 §7.3.3"),
        ),
        "numbering" => ("格式", Level::Should, None),
        "repeated-sentence" => ("语病", Level::Should, None),
        _ => ("格式", Level::Note, None),
    };
    f.class = Some(class);
    f.level = Some(level);
    f.basis = basis;
}

/// Findings as they are collected: at most `limit` of each rule are made, the rest only
/// counted, so a pathological draft (millions of half-width marks) costs a scan, not
/// millions of messages, and a face is never sent more than a writer can read. A rule
/// over the limit ends the list with one finding saying how many there are in all.
pub struct Collect {
    list: Vec<Finding>,
    seen: HashMap<&'static str, usize>,
    limit: usize,
}

impl Collect {
    pub fn new(limit: Option<usize>) -> Collect {
        Collect {
            list: Vec::new(),
            seen: HashMap::new(),
            limit: limit.unwrap_or(usize::MAX),
        }
    }

    /// Counts a finding of `rule` and makes it only while the rule is under the limit.
    pub fn add(&mut self, rule: &'static str, make: impl FnOnce() -> Finding) {
        let n = self.seen.entry(rule).or_insert(0);
        *n += 1;
        if *n <= self.limit {
            self.list.push(make());
        }
    }

    pub fn push(&mut self, f: Finding) {
        self.add(f.rule, || f);
    }

    /// The findings, each rule over the limit closed by a finding with its count.
    pub fn finish(mut self) -> Vec<Finding> {
        let mut over: Vec<(&'static str, usize)> = self
            .seen
            .iter()
            .filter(|(_, n)| **n > self.limit)
            .map(|(r, n)| (*r, *n))
            .collect();
        over.sort_unstable();
        for (rule, n) in over {
            let Some(first) = self.list.iter().find(|f| f.rule == rule) else {
                continue;
            };
            let summary = Finding {
                rule,
                message: format!("同类问题共 {n} 处，只列出前 {} 处", self.limit),
                node: None,
                part: "body",
                offset: 0,
                length: 0,
                text: String::new(),
                suggestion: None,
                fix: None,
                slot: None,
                class: first.class,
                level: first.level,
                basis: first.basis,
            };
            self.list.push(summary);
        }
        self.list
    }
}

/// How many findings of one rule a face is shown (the fixes of 全部修正 are not limited).
pub const SHOWN_PER_RULE: usize = 200;

/// What the check is measured against.
#[derive(Clone, Copy, Default)]
pub struct CheckOptions<'a> {
    /// The target length in 字 (as `stats` counts them); longer is a finding.
    pub target_chars: Option<usize>,
    /// The writer's own rules (本单位), compiled with [`table::RuleSet::of_user`].
    pub user_rules: Option<&'a table::RuleSet>,
    /// At most this many findings of each rule (see [`Collect`]); None: all.
    pub per_rule: Option<usize>,
}

/// Which findings a reader wants: at least this level, and only these classes (none
/// named: all).
#[derive(Debug, Clone, Default)]
pub struct CheckFilter {
    pub level: Option<Level>,
    pub classes: Vec<String>,
}

impl CheckFilter {
    pub fn keeps(&self, f: &Finding) -> bool {
        let level_ok = match (self.level, f.level) {
            (Some(min), Some(l)) => l <= min,
            _ => true,
        };
        let class_ok =
            self.classes.is_empty() || f.class.is_some_and(|c| self.classes.iter().any(|k| k == c));
        level_ok && class_ok
    }
}

/// Runs every rule with the default options (no target length).
pub fn check(doc: &Document) -> Vec<Finding> {
    check_with(doc, &CheckOptions::default())
}

/// Runs every rule (see [`CheckOptions`]).
pub fn check_with(doc: &Document, opts: &CheckOptions) -> Vec<Finding> {
    let mut out = Collect::new(opts.per_rule);
    let set = table::rules();
    let year = table::year_of(doc);
    let sets: Vec<&table::RuleSet> = std::iter::once(set).chain(opts.user_rules).collect();
    for (part, text) in std::iter::once(("title", doc.title.as_str())).chain(doc.head_lines()) {
        for set in &sets {
            set.run(text, None, part, year, &mut out);
        }
        unfilled_in_line(doc, part, text, &mut out);
        // The characters are collected once per text, for every rule.
        let chars: Vec<char> = text.chars().collect();
        placeholders_in(&chars, None, part, &mut out);
        text_rules_in(text, &chars, None, part, &mut out);
    }
    for node in doc.walk() {
        for set in &sets {
            set.run(&node.text, Some(node.id), "body", year, &mut out);
        }
        unfilled_in_node(node, &mut out);
        let chars: Vec<char> = node.text.chars().collect();
        placeholders_in(&chars, Some(node.id), "body", &mut out);
        text_rules_in(&node.text, &chars, Some(node.id), "body", &mut out);
    }
    numbering_across(&doc.nodes, &mut out);
    repeated_sentences(doc, &mut out);
    long_paragraphs(doc, &mut out);
    if let Some(target) = opts.target_chars {
        over_length(doc, target, &mut out);
    }
    out.list.iter_mut().for_each(classify);
    out.finish()
}

/// The written rule set alone on one text (the library, templates and tests use it).
pub fn check_text(text: &str, year: Option<i32>) -> Vec<Finding> {
    let mut out = Collect::new(None);
    table::rules().run(text, None, "body", year, &mut out);
    out.finish()
}

/// Rules that look at one text alone.
#[cfg(test)]
fn text_rules(text: &str, node: Option<i64>, part: &'static str, out: &mut Collect) {
    let chars: Vec<char> = text.chars().collect();
    text_rules_in(text, &chars, node, part, out);
}

/// [`text_rules`] on the text and its characters.
fn text_rules_in(
    text: &str,
    chars: &[char],
    node: Option<i64>,
    part: &'static str,
    out: &mut Collect,
) {
    for (offset, found, fixed) in half_width_marks(chars) {
        out.add("half-width-punct", || Finding {
            rule: "half-width-punct",
            message: format!("中文里用了半角标点“{found}”"),
            node,
            part,
            offset,
            length: 1,
            text: found.to_string(),
            suggestion: Some(format!("改为全角“{fixed}”")),
            fix: Some(fixed.to_string()),
            slot: None,
            class: None,
            level: None,
            basis: None,
        });
    }
    unpaired(chars, node, part, out);
    enumeration_commas(chars, node, part, out);
    numbering_inline(text, chars, node, part, out);
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
        fix: None,
        slot: Some(name.to_string()),
        class: None,
        level: None,
        basis: None,
    }
}

fn unfilled_in_node(node: &Node, out: &mut Collect) {
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
fn unfilled_in_line(doc: &Document, part: &'static str, text: &str, out: &mut Collect) {
    let mut found: Vec<(usize, &str)> = Vec::new();
    // One pass over the text: each 【 with the first 】 after it is looked up among the
    // unfilled names. A name holding a bracket itself (never made by the editor) is
    // searched for the slow way.
    let names: std::collections::HashSet<&str> = doc
        .unfilled
        .iter()
        .filter(|n| !n.contains(['【', '】']))
        .map(String::as_str)
        .collect();
    let mut bytes_at: Vec<(usize, &str)> = Vec::new();
    for name in doc.unfilled.iter().filter(|n| n.contains(['【', '】'])) {
        let marker = crate::slot::unfilled_marker(name);
        bytes_at.extend(text.match_indices(&marker).map(|(b, _)| (b, name.as_str())));
    }
    let mut close = None;
    for (b, c) in text.char_indices().rev() {
        match c {
            '】' => close = Some(b),
            '【' => {
                if let Some(name) = close.and_then(|e| names.get(&text[b + c.len_utf8()..e])) {
                    bytes_at.push((b, name));
                }
            }
            _ => {}
        }
    }
    bytes_at.sort_unstable();
    // Byte offsets to character offsets, counting as we go.
    let (mut byte, mut chars) = (0, 0);
    for (b, name) in bytes_at {
        chars += text[byte..b].chars().count();
        byte = b;
        found.push((chars, name));
    }
    found.sort();
    for (offset, name) in found {
        out.push(unfilled_finding(name, None, part, offset));
    }
}

fn is_ascii_word(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A placeholder found in a text: character offset, length in characters, and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder {
    pub offset: usize,
    pub length: usize,
    pub what: &'static str,
}

/// Leftover placeholders a writer forgot: X, XX, ×, **, __, 20*年, a broken {{.
#[cfg(test)]
fn placeholders(text: &str, node: Option<i64>, part: &'static str, out: &mut Collect) {
    let chars: Vec<char> = text.chars().collect();
    placeholders_in(&chars, node, part, out);
}

/// [`placeholders`] on a text's characters.
fn placeholders_in(chars: &[char], node: Option<i64>, part: &'static str, out: &mut Collect) {
    for p in placeholder_spans(chars) {
        out.add("placeholder", || {
            let found: String = chars[p.offset..p.offset + p.length].iter().collect();
            Finding {
                rule: "placeholder",
                message: format!("{}：“{found}”", p.what),
                node,
                part,
                offset: p.offset,
                length: p.length,
                text: found,
                suggestion: Some("换成实际内容，或改为占位项 {{名称}}".into()),
                fix: None,
                slot: None,
                class: None,
                level: None,
                basis: None,
            }
        });
    }
}

/// The placeholders in a text (the import turns them into slots).
/// 20*年 / 20XX年 at the start of `chars`: its length. Also the first year of a range
/// (20xx—20xx年: its length without the dash; two blanks, as the web set counts them).
fn masked_year(chars: &[char]) -> Option<usize> {
    let n = year_masks(chars)?;
    match chars.get(2 + n) {
        Some('年') => Some(n + 3),
        Some('—' | '-' | '－' | '~' | '～' | '至' | '到') => {
            let rest = &chars[3 + n..];
            let rest = rest.strip_prefix(&['—']).unwrap_or(rest);
            year_masks(rest)
                .filter(|m| rest.get(2 + m) == Some(&'年'))
                .map(|_| n + 2)
        }
        _ => None,
    }
}

/// 20 followed by masks (20xx, 20**): how many masks.
fn year_masks(chars: &[char]) -> Option<usize> {
    if chars.first() != Some(&'2') || chars.get(1) != Some(&'0') {
        return None;
    }
    let n = chars[2..]
        .iter()
        .take(8)
        .take_while(|c| matches!(c, '*' | '＊' | 'X' | 'x' | '×' | '○'))
        .count();
    (n > 0).then_some(n)
}

pub fn placeholder_spans(chars: &[char]) -> Vec<Placeholder> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run_of =
            |pred: &dyn Fn(char) -> bool| chars[i..].iter().take_while(|c| pred(**c)).count();
        let mut hit: Option<(usize, &str)> = None;
        let mut skip = 1;
        // 20*年, 20XX年, 20××年: a year not written in (also right after a masked name:
        // xxx20xx年度 is two blanks).
        let prev = i.checked_sub(1).and_then(|p| chars.get(p));
        if !is_ascii_word(prev) || matches!(prev, Some('X' | 'x')) {
            if let Some(n) = masked_year(&chars[i..]) {
                hit = Some((n, "年份没有写完"));
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
                    let year_next = masked_year(&chars[i + n..]).is_some();
                    // Masks run to 6 letters between Chinese (xxxxxx on web page 03, as
                    // ×××××× elsewhere); no Latin word touches them.
                    if !is_ascii_word(before) && (!is_ascii_word(after) || year_next) && n <= 8 {
                        Some((n, "遗留的“X”占位符"))
                    } else {
                        // Every later X of this run has an X before it: none is a
                        // placeholder, so the run is passed over whole (linear time).
                        skip = n;
                        None
                    }
                }
                '{' if chars.get(i + 1) == Some(&'{') => Some((2, "占位项写法不完整（缺少“}}”）")),
                _ => None,
            };
        }
        match hit {
            Some((len, what)) => {
                out.push(Placeholder {
                    offset: i,
                    length: len,
                    what,
                });
                i += len;
            }
            None => i += skip,
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Punctuation.

/// Chinese text or a full-width mark: the context where a half-width mark is wrong.
fn zh_context(c: Option<&char>) -> bool {
    c.is_some_and(|c| is_cjk(*c) || crate::layout::breaking::full_width_mark(*c))
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Half-width `, ; : ? ! ( )` in Chinese text: (offset, found, replacement). A pair of
/// brackets is judged together, so `(2012版)` becomes `（2012版）`, not half of it.
/// Digits keep their own marks: 1,000 and 03:59 stay.
fn half_width_marks(chars: &[char]) -> Vec<(usize, char, char)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // Each bracket's partner by position (a vector, not a map: millions of pairs stay
    // cheap); usize::MAX for none.
    let mut pairs: Vec<usize> = Vec::new();
    if chars.contains(&'(') {
        pairs = vec![usize::MAX; chars.len()];
        for (i, c) in chars.iter().enumerate() {
            match c {
                '(' => open.push(i),
                ')' => {
                    if let Some(o) = open.pop() {
                        pairs[o] = i;
                        pairs[i] = o;
                    }
                }
                _ => {}
            }
        }
    }
    // Chinese characters before each position: "any inside a pair" in constant time, so
    // deeply nested brackets stay linear.
    let mut cjk_before: Vec<u32> = Vec::new();
    if !pairs.is_empty() {
        cjk_before.reserve(chars.len() + 1);
        cjk_before.push(0);
        let mut n = 0u32;
        for c in chars {
            n = n.wrapping_add(u32::from(is_cjk(*c)));
            cjk_before.push(n);
        }
    }
    let prev = |i: usize| i.checked_sub(1).and_then(|p| chars.get(p));
    for (i, c) in chars.iter().enumerate() {
        let Some(fixed) = full_width(*c) else {
            continue;
        };
        let zh = match c {
            '(' | ')' => match pairs.get(i).copied().filter(|o| *o != usize::MAX) {
                Some(other) => {
                    let (o, cl) = (i.min(other), i.max(other));
                    cjk_before[cl] != cjk_before[o + 1]
                        || zh_context(prev(o))
                        || zh_context(chars.get(cl + 1))
                }
                None => zh_context(prev(i)) || zh_context(chars.get(i + 1)),
            },
            _ => {
                let digits = prev(i).is_some_and(|p| p.is_ascii_digit())
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                !digits && (zh_context(prev(i)) || zh_context(chars.get(i + 1)))
            }
        };
        if zh {
            out.push((i, *c, fixed));
        }
    }
    out
}

/// The text with its half-width marks in Chinese context made full-width (the import
/// applies this; the check offers it as a fix).
pub fn fix_half_width(text: &str) -> String {
    if !text.contains([',', ';', ':', '?', '!', '(', ')']) {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    for (i, _, fixed) in half_width_marks(&chars) {
        chars[i] = fixed;
    }
    chars.into_iter().collect()
}

/// Opening and closing marks that must pair up. Half- and full-width round brackets pair
/// with each other (a mixed pair is the half-width rule's business).
fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '（' | '(' => '）',
        '【' => '】',
        '《' => '》',
        '〈' => '〉',
        '「' => '」',
        '『' => '』',
        '[' => ']',
        _ => return None,
    })
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '）' | ')' | '】' | '》' | '〉' | '」' | '』' | ']'
    )
}

/// Half- and full-width round closers are one kind.
fn norm_closer(c: char) -> char {
    if c == ')' {
        '）'
    } else {
        c
    }
}

fn unpaired(chars: &[char], node: Option<i64>, part: &'static str, out: &mut Collect) {
    let mut stack: Vec<(usize, char)> = Vec::new();
    // For each kind of closer, the stack positions waiting for it (the topmost last): the
    // nearest opener a closer matches is found without searching the stack.
    let mut waiting: HashMap<char, Vec<usize>> = HashMap::new();
    let mut bad: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(close) = closer_of(c) {
            waiting
                .entry(norm_closer(close))
                .or_default()
                .push(stack.len());
            stack.push((i, close));
        } else if is_closer(c) {
            let pos = waiting.get(&norm_closer(c)).and_then(|w| w.last().copied());
            match pos {
                // Anything opened after the match and still open is unpaired.
                Some(pos) => {
                    for (k, (i, want)) in stack.drain(pos..).enumerate() {
                        // Each drained opener is the topmost waiting for its closer.
                        if let Some(w) = waiting.get_mut(&norm_closer(want)) {
                            w.pop();
                        }
                        if k > 0 {
                            bad.push(i);
                        }
                    }
                }
                None => bad.push(i),
            }
        }
    }
    bad.extend(stack.into_iter().map(|(i, _)| i));
    // A straight double quote must come in pairs too.
    let straight: Vec<usize> = (0..chars.len()).filter(|i| chars[*i] == '"').collect();
    if straight.len() % 2 == 1 {
        bad.extend(straight.last());
    }
    bad.sort_unstable();
    for i in bad {
        let c = chars[i];
        out.add("unpaired", || Finding {
            rule: "unpaired",
            message: format!("“{c}”没有配对"),
            node,
            part,
            offset: i,
            length: 1,
            text: c.to_string(),
            suggestion: Some("补上对应的引号、括号或书名号，或删去多余的一个".into()),
            fix: None,
            slot: None,
            class: None,
            level: None,
            basis: None,
        });
    }
}

fn sentence_start(chars: &[char], i: usize) -> bool {
    i == 0
        || matches!(
            chars[i - 1],
            '。' | '！' | '？' | '；' | '：' | '\n' | ' ' | '!' | '?' | ';' | ':'
        )
}

/// `1、` where GB/T 9704 writes `1.` (only where a number starts a sentence: 第1、2季度
/// is a list of numbers, not numbering).
fn enumeration_commas(chars: &[char], node: Option<i64>, part: &'static str, out: &mut Collect) {
    let mut i = 0;
    while i < chars.len() {
        let digits = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(*c))
            .count();
        if digits > 0
            && digits <= 3
            && sentence_start(chars, i)
            && chars.get(i + digits) == Some(&'、')
            && !chars
                .get(i + digits + 1)
                .is_some_and(|c| c.is_ascii_digit())
        {
            let number: String = chars[i..i + digits].iter().collect();
            out.add("enumeration-comma", || Finding {
                rule: "enumeration-comma",
                message: format!("阿拉伯数字编号“{number}、”应写作“{number}.”"),
                node,
                part,
                offset: i,
                length: digits + 1,
                text: format!("{number}、"),
                suggestion: Some(format!("改为“{number}.”")),
                fix: Some(format!("{number}.")),
                slot: None,
                class: None,
                level: None,
                basis: None,
            });
        }
        i += digits.max(1);
    }
}

// ---------------------------------------------------------------------------------------
// Hand-written numbering.

/// The hand-written numbers that start sentences in a text: (offset, style key, n).
fn hand_numbers(text: &str, chars: &[char]) -> Vec<(usize, String, u64)> {
    let mut out = Vec::new();
    let mut byte = 0;
    for (i, c) in chars.iter().enumerate() {
        if sentence_start(chars, i) {
            let rest = &text[byte..];
            if let Some(m) = lead_marker(rest) {
                if m.style != LeadStyle::Order {
                    out.push((i, format!("{:?}", m.style), m.n));
                }
            } else if let Some(m) = heading_marker(rest) {
                out.push((i, format!("{:?}", m.style), m.n));
            }
        }
        byte += c.len_utf8();
    }
    out
}

fn numbering_finding(
    node: Option<i64>,
    part: &'static str,
    offset: usize,
    n: u64,
    expected: u64,
) -> Finding {
    let (message, suggestion) = if n + 1 == expected {
        (
            format!("手写编号重复：第{n}项出现了两次"),
            "检查编号，改为连续的序号".to_string(),
        )
    } else {
        (
            format!("手写编号不连续：应为第{expected}项，这里是第{n}项"),
            format!("改为第{expected}项，或补上缺少的一项"),
        )
    };
    Finding {
        rule: "numbering",
        message,
        node,
        part,
        offset,
        length: 1,
        text: String::new(),
        suggestion: Some(suggestion),
        fix: None,
        slot: None,
        class: None,
        level: None,
        basis: None,
    }
}

/// 一是…二是…四是 inside one paragraph.
fn numbering_inline(
    text: &str,
    chars: &[char],
    node: Option<i64>,
    part: &'static str,
    out: &mut Collect,
) {
    let mut last: HashMap<String, u64> = HashMap::new();
    for (offset, style, n) in hand_numbers(text, chars) {
        // The text's own first number stands for the node (checked across siblings).
        let expected = match last.get(&style) {
            Some(prev) => prev + 1,
            None => {
                last.insert(style, n);
                continue;
            }
        };
        if n != expected && n != 1 {
            let mut f = numbering_finding(node, part, offset, n, expected);
            f.text = chars[offset..].iter().take(2).collect();
            f.length = f.text.chars().count();
            out.push(f);
        }
        last.insert(style, n);
    }
}

/// Paragraphs that each start with a hand-written number (一、…  二、…), per parent.
fn numbering_across(nodes: &[Node], out: &mut Collect) {
    let mut last: HashMap<String, u64> = HashMap::new();
    for node in nodes {
        if node.kind == NodeKind::Heading {
            numbering_across(&node.children, out);
            continue;
        }
        // Only a number at the very start counts: looked for there, not in all the text.
        let text = node.text.as_str();
        let first = match lead_marker(text) {
            Some(m) if m.style == LeadStyle::Order => None,
            Some(m) => Some((format!("{:?}", m.style), m.n)),
            None => heading_marker(text).map(|m| (format!("{:?}", m.style), m.n)),
        };
        let Some((style, n)) = first else {
            continue;
        };
        if let Some(prev) = last.get(&style) {
            if n != prev + 1 && n != 1 {
                let mut f = numbering_finding(Some(node.id), "body", 0, n, prev + 1);
                f.text = text.chars().take(2).collect();
                f.length = f.text.chars().count();
                out.push(f);
            }
        }
        last.insert(style, n);
    }
}

// ---------------------------------------------------------------------------------------
// Whole-document rules.

/// Sentences: (char offset, text) split after 。！？.
fn sentences(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut cur = String::new();
    for (i, c) in text.chars().enumerate() {
        cur.push(c);
        if matches!(c, '。' | '！' | '？' | '!' | '?') {
            out.push((start, std::mem::take(&mut cur)));
            start = i + 1;
        }
    }
    if !cur.trim().is_empty() {
        out.push((start, cur));
    }
    out
}

/// A sentence said twice word for word (set phrases are short; 10 字 and up counts).
fn repeated_sentences(doc: &Document, out: &mut Collect) {
    let mut seen: HashMap<String, Option<i64>> = HashMap::new();
    for node in doc.walk() {
        for (offset, sentence) in sentences(&node.text) {
            let key = sentence.trim();
            if key.chars().filter(|c| is_cjk(*c)).count() < 10 {
                continue;
            }
            if let Some(first) = seen.get(key) {
                let at = match first {
                    Some(id) => format!("#{id}"),
                    None => "前文".into(),
                };
                out.push(Finding {
                    rule: "repeated-sentence",
                    message: format!("这句话与{at}一字不差地重复"),
                    node: Some(node.id),
                    part: "body",
                    offset,
                    length: sentence.chars().count(),
                    text: sentence.clone(),
                    suggestion: Some("删去或改写其中一处".into()),
                    fix: None,
                    slot: None,
                    class: None,
                    level: None,
                    basis: None,
                });
            } else {
                seen.insert(key.to_string(), Some(node.id));
            }
        }
    }
}

/// A paragraph three times the median length and over 500 字 is hard to read aloud.
fn long_paragraphs(doc: &Document, out: &mut Collect) {
    let lens: Vec<(i64, usize)> = doc
        .walk()
        .filter(|n| n.kind != NodeKind::Heading)
        .map(|n| (n.id, crate::stats::count_chars(&n.display_text())))
        .collect();
    if lens.len() < 4 {
        return;
    }
    let mut sorted: Vec<usize> = lens.iter().map(|(_, l)| *l).collect();
    sorted.sort_unstable();
    let median = sorted[sorted.len() / 2].max(1);
    for (id, len) in lens {
        if len > 500 && len > median * 3 {
            out.push(Finding {
                rule: "long-paragraph",
                message: format!("这一段有{len}字，是其他段落的{}倍左右", len / median),
                node: Some(id),
                part: "body",
                offset: 0,
                length: 0,
                text: String::new(),
                suggestion: Some("拆成几段，或压缩内容".into()),
                fix: None,
                slot: None,
                class: None,
                level: None,
                basis: None,
            });
        }
    }
}

fn over_length(doc: &Document, target: usize, out: &mut Collect) {
    let chars = crate::stats::stats(doc, crate::stats::DEFAULT_RATE).chars;
    if chars > target {
        out.push(Finding {
            rule: "over-length",
            message: format!(
                "全文{chars}字，超过目标{target}字（多{}字）",
                chars - target
            ),
            node: None,
            part: "body",
            offset: 0,
            length: 0,
            text: String::new(),
            suggestion: Some("压缩篇幅，或删去次要段落".into()),
            fix: None,
            slot: None,
            class: None,
            level: None,
            basis: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str) -> Vec<(usize, String)> {
        let mut out = Collect::new(None);
        placeholders(text, Some(1), "body", &mut out);
        out.finish()
            .into_iter()
            .map(|f| (f.offset, f.text))
            .collect()
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
        // A masked name run into a masked year: two blanks; a word of letters is none.
        assert_eq!(
            find("向xxx20xx年度先进"),
            vec![(1, "xxx".into()), (4, "20xx年".into())]
        );
        assert!(find("Box2020年").is_empty());
    }

    fn rules(text: &str) -> Vec<(&'static str, usize, String)> {
        let mut out = Collect::new(None);
        text_rules(text, Some(1), "body", &mut out);
        out.finish()
            .into_iter()
            .map(|f| (f.rule, f.offset, f.text))
            .collect()
    }

    #[test]
    fn half_width_punctuation() {
        assert_eq!(
            rules("同志们:今天开会,好吗?"),
            vec![
                ("half-width-punct", 3, ":".into()),
                ("half-width-punct", 8, ",".into()),
                ("half-width-punct", 11, "?".into()),
            ]
        );
        assert_eq!(fix_half_width("先进单位(个人)表彰"), "先进单位（个人）表彰");
        assert_eq!(fix_half_width("标准(2012版)"), "标准（2012版）");
        assert_eq!(
            fix_half_width("时间03:59,共1,000人"),
            "时间03:59，共1,000人"
        );
        assert_eq!(fix_half_width("Word, Excel (2016)"), "Word, Excel (2016)");
    }

    #[test]
    fn pairs() {
        assert_eq!(rules("学习《工会法》和“五一”精神"), vec![]);
        assert_eq!(
            rules("学习《工会法和“五一”"),
            vec![("unpaired", 2, "《".into())]
        );
        assert_eq!(
            rules("落实】要求）"),
            vec![("unpaired", 2, "】".into()), ("unpaired", 5, "）".into())]
        );
        assert_eq!(rules("（一）（二）"), vec![]);
    }

    #[test]
    fn enumeration_and_numbering() {
        assert_eq!(
            rules("1、加强领导"),
            vec![("enumeration-comma", 0, "1、".into())]
        );
        assert_eq!(rules("第1、2季度"), vec![]);
        let r = rules("一是加强学习。二是抓好落实。四是强化保障。");
        assert_eq!(r, vec![("numbering", 14, "四是".into())]);
        let r = rules("一要学习。二要落实。二要保障。");
        assert_eq!(r, vec![("numbering", 10, "二要".into())]);
        assert_eq!(rules("一是学习。二是落实。三是保障。"), vec![]);
    }

    #[test]
    fn leaves_real_text_alone() {
        assert!(find("Excel和XML文件、3×4矩阵、2026年、snake_case").is_empty());
        assert!(find("GB/T 9704标准").is_empty());
    }
}
