//! The written rule set (`assets/check/*.toml`): 用词, 错别字, 称谓, 规范表述, 的地得,
//! 数字, 标点, 语病, 时效 rules as data, run in one pass over each text.
//!
//! A rule matches a literal (all literals of all files go into one Aho-Corasick
//! automaton) or, where a literal cannot say it, a regex (a small `RegexSet` tells which
//! of them occur at all; only those are then run). Context conditions ("not followed by",
//! "not preceded by") are tested at the match, in time proportional to their own length,
//! so the pass stays linear in the text. The set is parsed and compiled once
//! ([`rules`]); a file that fails to parse at run time is skipped with a message on
//! standard error (the built-in files are ours and a test proves they parse, so this
//! only guards against a broken build, never panics).

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

use super::{Collect, Finding};
use crate::error::{Error, Result};

/// How firmly a finding asks for a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    /// Wrong by a standard or beyond doubt: 必改.
    #[serde(rename = "必改")]
    Must,
    /// Better changed, but the writer judges: 建议.
    #[serde(rename = "建议")]
    Should,
    /// Worth a look: 提示.
    #[serde(rename = "提示")]
    Note,
}

impl Level {
    pub fn zh(self) -> &'static str {
        match self {
            Level::Must => "必改",
            Level::Should => "建议",
            Level::Note => "提示",
        }
    }

    /// 必改, 建议 or 提示 (also must/should/note), for the faces.
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "必改" | "must" => Level::Must,
            "建议" | "should" => Level::Should,
            "提示" | "note" => Level::Note,
            _ => return None,
        })
    }
}

/// The classes of findings. The first ten are the rule set's; 格式 holds the structural
/// rules (slots, placeholders, numbering, length).
pub const CLASSES: &[&str] = &[
    "用词",
    "错别字",
    "称谓",
    "规范表述",
    "的地得",
    "数字",
    "标点",
    "语病",
    "时效",
    "本单位",
    "格式",
];

/// One rule as written in a file. Missing class, level, reason and basis come from the
/// file's defaults.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: Option<String>,
    class: Option<String>,
    level: Option<Level>,
    /// A literal to find.
    #[serde(rename = "match")]
    literal: Option<String>,
    /// A regex, only where a literal cannot say it.
    regex: Option<String>,
    #[serde(default)]
    not_followed_by: Vec<String>,
    #[serde(default)]
    not_preceded_by: Vec<String>,
    /// The suggested replacement(s) of the matched text.
    #[serde(default)]
    to: OneOrMany,
    /// The suggestion is the match with the first character replaced by the second
    /// (`["零", "〇"]`) or deleted (`["、", ""]`); the rule fires only where that
    /// changes something.
    #[serde(default)]
    tr: Vec<String>,
    reason: Option<String>,
    basis: Option<String>,
    /// The one suggestion may be applied by `check --fix` (only with level 必改).
    safe: Option<bool>,
    /// 时效: the rule applies only to drafts dated in or after this year.
    year_from: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    class: Option<String>,
    level: Option<Level>,
    reason: Option<String>,
    basis: Option<String>,
    safe: Option<bool>,
    #[serde(default)]
    rule: Vec<RuleDef>,
}

/// A rule ready to run.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Interned (see [`intern`]): a finding names its rule without copying it.
    pub id: &'static str,
    pub class: &'static str,
    pub level: Level,
    pub literal: Option<String>,
    pub regex: Option<String>,
    pub not_followed_by: Vec<String>,
    pub not_preceded_by: Vec<String>,
    pub suggestions: Vec<String>,
    tr: Option<(char, Option<char>)>,
    pub reason: String,
    pub basis: &'static str,
    /// `check --fix` may apply the one suggestion.
    pub safe: bool,
    pub year_from: Option<i32>,
    pub file: String,
}

/// All rules with their compiled matchers.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    /// Over the distinct literals; pattern i is `literals[i]`.
    automaton: Option<AhoCorasick>,
    /// For each distinct literal, the rules that match it.
    by_literal: Vec<Vec<usize>>,
    regex_set: Option<RegexSet>,
    /// For each regex of the set: the compiled regex and its rule.
    regexes: Vec<(Regex, usize)>,
}

fn bad(file: &str, src: &str, needle: &str, message: String) -> Error {
    crate::template::syntax_at(file, src, needle, message)
}

/// Parses one rule file into rules (not compiled yet); errors name the file and line.
pub fn parse_file(file: &str, src: &str) -> Result<Vec<Rule>> {
    let f: RuleFile = crate::template::from_toml(file, src)?;
    let stem = file
        .rsplit('/')
        .next()
        .unwrap_or(file)
        .trim_end_matches(".toml");
    let mut out = Vec::with_capacity(f.rule.len());
    let mut regex_no = 0;
    for r in f.rule {
        let key = r
            .literal
            .clone()
            .or_else(|| r.regex.clone())
            .unwrap_or_default();
        let class_name = r.class.or_else(|| f.class.clone()).unwrap_or_default();
        let Some(class) = CLASSES.iter().copied().find(|c| *c == class_name) else {
            return Err(bad(
                file,
                src,
                &key,
                format!("unknown class “{class_name}”"),
            ));
        };
        let level = r.level.or(f.level).unwrap_or(Level::Note);
        let suggestions = r.to.into_vec();
        if r.literal.is_some() == r.regex.is_some() {
            return Err(bad(
                file,
                src,
                &key,
                "a rule needs one of match or regex".into(),
            ));
        }
        if r.literal.as_deref() == Some("") {
            return Err(bad(file, src, &key, "an empty match".into()));
        }
        if let Some(re) = &r.regex {
            Regex::new(re).map_err(|e| bad(file, src, re, format!("bad regex: {e}")))?;
        }
        let tr = match r.tr.as_slice() {
            [] => None,
            [a, b] if a.chars().count() == 1 && b.chars().count() <= 1 => {
                a.chars().next().map(|a| (a, b.chars().next()))
            }
            _ => {
                let msg = "tr takes one character and one or none".to_string();
                return Err(bad(file, src, &key, msg));
            }
        };
        let safe = r.safe.or(f.safe).unwrap_or(false)
            && level == Level::Must
            && (suggestions.len() == 1 || (suggestions.is_empty() && tr.is_some()));
        // Without an id: the file's stem and the literal, or the regex's ordinal in the
        // file (a regex is no readable name).
        let id = match (r.id, &r.literal) {
            (Some(id), _) => id,
            (None, Some(l)) => format!("{stem}/{l}"),
            (None, None) => {
                regex_no += 1;
                format!("{stem}/re{regex_no}")
            }
        };
        let Some(reason) = r.reason.or_else(|| f.reason.clone()) else {
            return Err(bad(file, src, &key, "a rule needs a reason".into()));
        };
        let basis = r
            .basis
            .or_else(|| f.basis.clone())
            .unwrap_or_else(|| "通行用法".into());
        out.push(Rule {
            id: intern(&id),
            class,
            level,
            literal: r.literal,
            regex: r.regex,
            not_followed_by: r.not_followed_by,
            not_preceded_by: r.not_preceded_by,
            suggestions,
            tr,
            reason,
            basis: intern(&basis),
            safe,
            year_from: r.year_from,
            file: file.to_string(),
        });
    }
    Ok(out)
}

impl RuleSet {
    /// Compiles rules into one automaton and one regex set.
    pub fn build(rules: Vec<Rule>) -> Result<RuleSet> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut by_literal: Vec<Vec<usize>> = Vec::new();
        let mut regex_src: Vec<&str> = Vec::new();
        let mut regexes = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            if let Some(l) = &r.literal {
                let k = *index.entry(l.as_str()).or_insert_with(|| {
                    literals.push(l);
                    by_literal.push(Vec::new());
                    literals.len() - 1
                });
                by_literal[k].push(i);
            } else if let Some(re) = &r.regex {
                let compiled = Regex::new(re).map_err(|e| Error::Syntax {
                    file: r.file.clone(),
                    line: 0,
                    column: 0,
                    message: format!("bad regex: {e}"),
                })?;
                regex_src.push(re);
                regexes.push((compiled, i));
            }
        }
        let syntax = |message: String| Error::Syntax {
            file: "assets/check".into(),
            line: 0,
            column: 0,
            message,
        };
        // Every occurrence is wanted, overlapping ones too (截止 inside 截止到), so the
        // standard semantics with overlapping search.
        let automaton = if literals.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&literals)
                    .map_err(|e| syntax(e.to_string()))?,
            )
        };
        let regex_set = if regex_src.is_empty() {
            None
        } else {
            Some(RegexSet::new(&regex_src).map_err(|e| syntax(e.to_string()))?)
        };
        Ok(RuleSet {
            rules,
            automaton,
            by_literal,
            regex_set,
            regexes,
        })
    }

    /// The findings of the rule set in one text. `year` is the draft's year, for 时效.
    pub fn run(
        &self,
        text: &str,
        node: Option<i64>,
        part: &'static str,
        year: Option<i32>,
        out: &mut Collect,
    ) {
        // (byte start, byte end, rule)
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &r in &self.by_literal[m.pattern().as_usize()] {
                    hits.push((m.start(), m.end(), r));
                }
            }
        }
        if let Some(set) = &self.regex_set {
            for k in set.matches(text).iter() {
                let (re, r) = &self.regexes[k];
                // A group named `hit` narrows the finding to it: the rest is context the
                // regex needs (a sentence start, say) but the writer need not change.
                if re.capture_names().any(|n| n == Some("hit")) {
                    hits.extend(
                        re.captures_iter(text)
                            .filter_map(|c| c.name("hit"))
                            .map(|m| (m.start(), m.end(), *r)),
                    );
                } else {
                    hits.extend(re.find_iter(text).map(|m| (m.start(), m.end(), *r)));
                }
            }
        }
        if hits.is_empty() {
            return;
        }
        hits.retain(|&(s, e, r)| self.applies(&self.rules[r], text, s, e, year));
        // One finding per place: a match inside a longer one (of any rule) is dropped, and
        // of equal spans the firmer level wins.
        hits.sort_unstable_by_key(|&(s, e, r)| (s, std::cmp::Reverse(e), self.rules[r].level));
        let mut kept: Vec<(usize, usize, usize)> = Vec::with_capacity(hits.len());
        let mut reach = 0;
        for h in hits {
            if h.1 <= reach && !kept.is_empty() {
                continue;
            }
            reach = reach.max(h.1);
            kept.push(h);
        }
        // Byte offsets to character offsets, counting forward once (hits are sorted).
        let (mut byte, mut chars) = (0, 0);
        for (s, e, r) in kept {
            chars += text[byte..s].chars().count();
            byte = s;
            let rule = &self.rules[r];
            out.add(rule.id, || {
                self.finding(rule, &text[s..e], node, part, chars)
            });
        }
    }

    fn applies(&self, rule: &Rule, text: &str, s: usize, e: usize, year: Option<i32>) -> bool {
        if let Some(from) = rule.year_from {
            // A dated rule needs a date: without one nothing is claimed.
            if year.is_none_or(|y| y < from) {
                return false;
            }
        }
        if let Some((a, _)) = rule.tr {
            if !text[s..e].contains(a) {
                return false;
            }
        }
        let after = &text[e..];
        let before = &text[..s];
        !rule
            .not_followed_by
            .iter()
            .any(|w| after.starts_with(w.as_str()))
            && !rule
                .not_preceded_by
                .iter()
                .any(|w| before.ends_with(w.as_str()))
    }

    fn finding(
        &self,
        rule: &Rule,
        found: &str,
        node: Option<i64>,
        part: &'static str,
        offset: usize,
    ) -> Finding {
        let mut suggestions = rule.suggestions.clone();
        if let Some((a, b)) = rule.tr {
            let to: String = b.map(String::from).unwrap_or_default();
            suggestions = vec![found.replace(a, &to)];
        }
        let message = match suggestions.as_slice() {
            [] => format!("“{found}”：{}", rule.reason),
            [one] if one.is_empty() => format!("“{found}”宜删去：{}", rule.reason),
            [one] if rule.level == Level::Must => {
                format!("“{found}”应为“{one}”：{}", rule.reason)
            }
            many => format!("“{found}”宜为“{}”：{}", many.join("”或“"), rule.reason),
        };
        let suggestion = match suggestions.as_slice() {
            [] => None,
            [one] if one.is_empty() => Some("删去".to_string()),
            many => Some(format!("改为“{}”", many.join("”或“"))),
        };
        let fix = if rule.safe && suggestions.len() == 1 {
            suggestions.pop()
        } else {
            None
        };
        Finding {
            rule: rule.id,
            message,
            node,
            part,
            offset,
            length: found.chars().count(),
            text: found.to_string(),
            suggestion,
            fix,
            slot: None,
            class: Some(rule.class),
            level: Some(rule.level),
            basis: Some(rule.basis),
        }
    }
}

/// One of the writer's own rules (本单位: the organisation's names, leaders' titles,
/// words the office never uses): a literal, what to write instead (none: only flagged),
/// a level and a reason. Stored in the library and carried by packs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRule {
    #[serde(rename = "match")]
    pub literal: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
    pub level: Level,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// The longest literal, suggestion or reason of a user rule, in characters.
pub const USER_RULE_LIMIT: usize = 100;

impl UserRule {
    /// The rule as a finding names it: `本单位/` and its literal.
    pub fn id(&self) -> String {
        format!("本单位/{}", self.literal)
    }

    /// Trimmed, with every limit checked: what the store keeps and a pack carries.
    pub fn cleaned(self) -> Result<UserRule> {
        let fit = |s: &str| -> Result<String> {
            let s = s.trim();
            if s.chars().any(|c| c.is_control()) {
                return Err(Error::BadUserRule {
                    literal: self.literal.clone(),
                    why: "line",
                });
            }
            if s.chars().count() > USER_RULE_LIMIT {
                return Err(Error::BadUserRule {
                    literal: self.literal.clone(),
                    why: "long",
                });
            }
            Ok(s.to_string())
        };
        let literal = fit(&self.literal)?;
        if literal.is_empty() {
            return Err(Error::BadUserRule {
                literal,
                why: "empty",
            });
        }
        let mut to = Vec::with_capacity(self.to.len());
        for t in &self.to {
            let t = fit(t)?;
            if t == literal {
                return Err(Error::BadUserRule {
                    literal,
                    why: "same",
                });
            }
            if !to.contains(&t) {
                to.push(t);
            }
        }
        Ok(UserRule {
            reason: fit(&self.reason)?,
            literal,
            to,
            level: self.level,
        })
    }

    fn rule(&self) -> Rule {
        let reason = match self.reason.as_str() {
            "" => "本单位的用语规定".to_string(),
            r => r.to_string(),
        };
        // 市总 → 市总工会 must not fire on 市总工会 itself: where a suggestion extends the
        // literal, the text already written that way is left alone.
        let (mut not_followed_by, mut not_preceded_by) = (Vec::new(), Vec::new());
        for t in &self.to {
            if let Some(rest) = t.strip_prefix(self.literal.as_str()) {
                not_followed_by.push(rest.to_string());
            } else if let Some(head) = t.strip_suffix(self.literal.as_str()) {
                not_preceded_by.push(head.to_string());
            }
        }
        Rule {
            id: intern(&self.id()),
            class: "本单位",
            level: self.level,
            literal: Some(self.literal.clone()),
            regex: None,
            not_followed_by,
            not_preceded_by,
            // An empty suggestion would read as 删去: the writer means “write this
            // instead”, so none is offered.
            suggestions: self.to.iter().filter(|t| !t.is_empty()).cloned().collect(),
            tr: None,
            reason,
            basis: "本单位规定",
            // The writer said exactly what replaces it: safe when 必改 with one choice.
            safe: self.level == Level::Must && self.to.len() == 1,
            year_from: None,
            file: "本单位".into(),
        }
    }
}

impl RuleSet {
    /// The writer's own rules compiled on their own (they change while the built-in set
    /// stays compiled once).
    pub fn of_user(rules: &[UserRule]) -> Result<RuleSet> {
        RuleSet::build(rules.iter().map(UserRule::rule).collect())
    }
}

/// The same string for the life of the process, stored once: rule ids and bases are
/// named by every finding (`&'static str`), and the writer's own rules (本单位) are
/// compiled anew when they change. Only distinct strings are kept, so what this holds
/// is bounded by the rules ever written, not by how often they are compiled.
pub fn intern(s: &str) -> &'static str {
    static SEEN: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut seen = SEEN
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&kept) = seen.get(s) {
        return kept;
    }
    let kept: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(kept);
    kept
}

/// The built-in rule set, parsed and compiled on first use. A file that does not parse
/// is left out with a message on standard error (a test keeps that from shipping).
pub fn rules() -> &'static RuleSet {
    static SET: OnceLock<RuleSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut all = Vec::new();
        for (file, src) in crate::assets::CHECK_FILES {
            match parse_file(file, src) {
                Ok(rules) => all.extend(rules),
                Err(e) => eprintln!("jianggao: check rules skipped: {e}"),
            }
        }
        RuleSet::build(all).unwrap_or_else(|e| {
            eprintln!("jianggao: check rules skipped: {e}");
            RuleSet {
                rules: Vec::new(),
                automaton: None,
                by_literal: Vec::new(),
                regex_set: None,
                regexes: Vec::new(),
            }
        })
    })
}

/// Every built-in file parsed and compiled, with errors (for the test that proves they
/// parse).
pub fn load_builtin() -> Result<RuleSet> {
    let mut all = Vec::new();
    for (file, src) in crate::assets::CHECK_FILES {
        all.extend(parse_file(file, src)?);
    }
    RuleSet::build(all)
}

/// The year of a document's date (meta ISO date, else the first four digits of the date
/// line, Arabic or Chinese).
pub fn year_of(doc: &crate::document::Document) -> Option<i32> {
    if let Some(y) = doc.meta.date.as_deref().and_then(|d| d.get(..4)) {
        if let Ok(y) = y.parse() {
            return Some(y);
        }
    }
    let line = doc.date.as_deref()?;
    let digits: String = line
        .chars()
        .filter_map(|c| match c {
            '0'..='9' => Some(c),
            '〇' | '零' => Some('0'),
            '一' => Some('1'),
            '二' => Some('2'),
            '三' => Some('3'),
            '四' => Some('4'),
            '五' => Some('5'),
            '六' => Some('6'),
            '七' => Some('7'),
            '八' => Some('8'),
            '九' => Some('9'),
            _ => None,
        })
        .take(4)
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_and_compile() {
        let set = load_builtin().expect("the built-in rule files parse");
        assert!(!set.rules.is_empty());
        // Ids are unique, so a finding names one rule.
        let mut seen = std::collections::HashSet::new();
        let dup: Vec<&str> = set
            .rules
            .iter()
            .map(|r| r.id)
            .filter(|id| !seen.insert(*id))
            .collect();
        assert!(dup.is_empty(), "duplicate rule ids: {dup:?}");
        // A rule that may fix is 必改 with exactly one suggestion.
        for r in set.rules.iter().filter(|r| r.safe) {
            assert_eq!(r.level, Level::Must, "{}", r.id);
            assert!(r.suggestions.len() == 1 || r.regex.is_some(), "{}", r.id);
        }
    }

    #[test]
    fn context_and_offsets() {
        let src = r#"
class = "用词"
level = "建议"
reason = "测试"
rule = [
  { match = "截止", to = "截至", not_followed_by = ["日期", "时间"] },
  { match = "乙丙", regex_note = 1 },
]
"#;
        assert!(
            parse_file("t.toml", src).is_err(),
            "unknown fields are refused"
        );
        let src = src.replace(", regex_note = 1", "");
        let rules = parse_file("t.toml", &src).unwrap();
        let set = RuleSet::build(rules).unwrap();
        let mut out = Collect::new(None);
        set.run("甲截止目前，截止日期，乙丙", None, "body", None, &mut out);
        let out = out.finish();
        let got: Vec<(usize, &str)> = out.iter().map(|f| (f.offset, f.text.as_str())).collect();
        assert_eq!(got, vec![(1, "截止"), (11, "乙丙")]);
        assert_eq!(out[0].class, Some("用词"));
        assert_eq!(out[0].fix, None, "a 建议 rule never fixes");
    }

    #[test]
    fn dated_rules_need_a_date() {
        let src = r#"
class = "时效"
level = "建议"
reason = "测试"
rule = [{ match = "旧规划", year_from = 2026 }]
"#;
        let set = RuleSet::build(parse_file("t.toml", src).unwrap()).unwrap();
        let n = |year| {
            let mut out = Collect::new(None);
            set.run("落实旧规划", None, "body", year, &mut out);
            out.finish().len()
        };
        assert_eq!((n(None), n(Some(2025)), n(Some(2026))), (0, 0, 1));
    }
}
