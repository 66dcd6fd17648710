//! Slots: `{{名称}}` and `{{名称|filter}}` in any text, their kinds, and how a value is
//! written into the speech.
//!
//! The scanner is deliberately tiny (not Tera): slot names are Chinese, errors must carry
//! the writer's own positions, and a missing value must show as `【名称】`.

use serde::{Deserialize, Serialize};

use crate::markup::find_double;
use crate::numerals::{decimal_zh, digits_zh, number_zh, parse_number};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SlotKind {
    #[default]
    Text,
    Number,
    Year,
    Date,
    Ordinal,
    Percent,
    Money,
    Person,
    Place,
    /// One entry per line (先进集体名单, 议程): printed joined by 、, or one paragraph per
    /// entry where template logic repeats a part over it. Entries may hold slots.
    List,
    /// 是 or 否: shows or hides a template's conditional part.
    Flag,
}

impl SlotKind {
    pub const ALL: [SlotKind; 11] = [
        SlotKind::Text,
        SlotKind::Number,
        SlotKind::Year,
        SlotKind::Date,
        SlotKind::Ordinal,
        SlotKind::Percent,
        SlotKind::Money,
        SlotKind::Person,
        SlotKind::Place,
        SlotKind::List,
        SlotKind::Flag,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SlotKind::Text => "text",
            SlotKind::Number => "number",
            SlotKind::Year => "year",
            SlotKind::Date => "date",
            SlotKind::Ordinal => "ordinal",
            SlotKind::Percent => "percent",
            SlotKind::Money => "money",
            SlotKind::Person => "person",
            SlotKind::Place => "place",
            SlotKind::List => "list",
            SlotKind::Flag => "flag",
        }
    }

    /// The Chinese name the writer sees beside a slot's field and chip.
    pub fn label(self) -> &'static str {
        match self {
            SlotKind::Text => "文字",
            SlotKind::Number => "数字",
            SlotKind::Year => "年份",
            SlotKind::Date => "日期",
            SlotKind::Ordinal => "序数",
            SlotKind::Percent => "百分数",
            SlotKind::Money => "金额",
            SlotKind::Person => "人名",
            SlotKind::Place => "地名",
            SlotKind::List => "列表",
            SlotKind::Flag => "是否",
        }
    }
}

/// What a slot is: shown in the slot form, used to check and format its value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotDef {
    pub name: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub kind: SlotKind,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    pub profile: bool,
}

impl SlotDef {
    /// A slot nobody described: plain text, labelled with its name.
    pub fn plain(name: &str) -> Self {
        SlotDef {
            name: name.to_string(),
            label: name.to_string(),
            kind: SlotKind::Text,
            example: String::new(),
            profile: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Filter {
    /// 中文: Chinese numerals (years digit by digit, other numbers positional).
    Chinese,
    /// 数字: Arabic digits (an ordinal typed as 十八 → 18).
    Digits,
    /// 年月: a date as 2026年1月.
    YearMonth,
    /// 月日: a date as 1月15日.
    MonthDay,
    /// 年: the year of a date.
    Year,
    /// 主持词: a list slot (议程) as the host's script, one paragraph a line, generated at
    /// render time (`agenda`). Only a whole paragraph can be one.
    Script,
}

impl Filter {
    pub const NAMES: [(&'static str, Filter); 6] = [
        ("中文", Filter::Chinese),
        ("数字", Filter::Digits),
        ("年月", Filter::YearMonth),
        ("月日", Filter::MonthDay),
        ("年", Filter::Year),
        ("主持词", Filter::Script),
    ];

    pub fn from_name(name: &str) -> Option<Filter> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| *f)
    }
}

/// One slot reference found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct SlotRef {
    pub name: String,
    pub filters: Vec<Filter>,
    /// Byte range of the whole `{{…}}` in the text.
    pub range: std::ops::Range<usize>,
}

/// A piece of text: literal, or a slot reference.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Slot(SlotRef),
}

/// A slot syntax error at a character offset of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// Byte offset, for callers that map it to line and column.
    pub byte: usize,
    pub message: String,
}

impl SyntaxError {
    /// (line, column), both 1-based, column counted in characters.
    pub fn line_column(&self, text: &str) -> (usize, usize) {
        let before = &text[..self.byte.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (line, col)
    }
}

fn parse_inner(inner: &str) -> Result<(String, Vec<Filter>), String> {
    let mut parts = inner.split('|');
    let name = parts.next().unwrap_or("").trim();
    if name.is_empty() {
        return Err("empty slot name in {{ }}".into());
    }
    if name.contains(['{', '}']) {
        return Err(format!("slot name {name:?} contains a brace"));
    }
    let mut filters = Vec::new();
    for f in parts {
        let f = f.trim();
        match Filter::from_name(f) {
            Some(filter) => filters.push(filter),
            None => {
                let known: Vec<&str> = Filter::NAMES.iter().map(|(n, _)| *n).collect();
                return Err(format!(
                    "unknown filter {f:?} in {{{{{inner}}}}} (known: {})",
                    known.join(", ")
                ));
            }
        }
    }
    Ok((name.to_string(), filters))
}

/// Splits a text into literal pieces and slot references, strictly: the first malformed
/// `{{` is an error. Use on input (templates, blocks) before storing it.
pub fn parse(text: &str) -> Result<Vec<Piece<'_>>, SyntaxError> {
    scan(text, true)
}

/// The same split, leniently: a malformed `{{…` stays literal text (the check reports it).
/// Rendering uses this so it never fails on stored text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    scan(text, false).unwrap_or_else(|_| vec![Piece::Text(text)])
}

fn scan(text: &str, strict: bool) -> Result<Vec<Piece<'_>>, SyntaxError> {
    let mut out = Vec::new();
    let mut literal_start = 0;
    let mut pos = 0;
    // The first `}}` found by the last search (None: there is none after it). Later opens
    // reuse it while it lies ahead, so text of many `{{` is scanned once, not once per `{{`
    // (100 KB of `{{` took 49 s in the slot fuzz target).
    let mut last_close: Option<Option<usize>> = None;
    while let Some(found) = find_double(&text[pos..], b'{') {
        let open = pos + found;
        let after = open + 2;
        let close = match last_close {
            Some(Some(c)) if c >= after => Some(c),
            Some(None) => None,
            _ => {
                let c = find_double(&text[after..], b'}').map(|c| after + c);
                last_close = Some(c);
                c
            }
        };
        let next_open = find_double(&text[after..], b'{').map(|c| after + c);
        let result = match close {
            Some(c) if next_open.is_none_or(|o| o > c) => {
                parse_inner(&text[after..c]).map(|(name, filters)| (name, filters, c + 2))
            }
            _ => Err("{{ without a closing }}".to_string()),
        };
        match result {
            Ok((name, filters, end)) => {
                if open > literal_start {
                    out.push(Piece::Text(&text[literal_start..open]));
                }
                out.push(Piece::Slot(SlotRef {
                    name,
                    filters,
                    range: open..end,
                }));
                literal_start = end;
                pos = end;
            }
            Err(message) if strict => {
                return Err(SyntaxError {
                    byte: open,
                    message,
                })
            }
            Err(_) => pos = after,
        }
    }
    if literal_start < text.len() {
        out.push(Piece::Text(&text[literal_start..]));
    }
    Ok(out)
}

/// Names of the slots used in a text, in order of first use.
pub fn names_in(text: &str, into: &mut Vec<String>) {
    // A set beside the list: a text with thousands of slots stays linear.
    let mut seen: std::collections::HashSet<String> = into.iter().cloned().collect();
    for piece in pieces(text) {
        if let Piece::Slot(s) = piece {
            if seen.insert(s.name.clone()) {
                into.push(s.name);
            }
        }
    }
}

/// A date as written by a writer: 2026-01-15, 2026/1/15, 2026.1.15, 2026年1月15日,
/// 二〇二六年一月十五日.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = if s.contains('年') {
            let s = s.trim_end_matches('日').trim_end_matches('号');
            let (y, rest) = s.split_once('年')?;
            let (m, d) = rest.split_once('月')?;
            vec![y, m, d]
        } else {
            s.split(['-', '/', '.']).collect()
        };
        let [y, m, d] = parts.as_slice() else {
            return None;
        };
        let year = u32::try_from(parse_number(y)?).ok()?;
        let month = u32::try_from(parse_number(m)?).ok()?;
        let day = u32::try_from(parse_number(d)?).ok()?;
        let date = Date { year, month, day };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        let leap = (self.year.is_multiple_of(4) && !self.year.is_multiple_of(100))
            || self.year.is_multiple_of(400);
        let days = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return false,
        };
        (1000..=9999).contains(&self.year) && (1..=days).contains(&self.day)
    }

    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Checks a value against its kind; the message says what is expected, in Chinese,
/// because the desktop shows it as is.
pub fn validate(def: &SlotDef, value: &str) -> Result<(), crate::Error> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(()); // empty means "not filled yet"
    }
    if def.kind == SlotKind::List {
        return validate_list(&def.name, v);
    }
    let ok = match def.kind {
        SlotKind::Year => parse_number(v).is_some_and(|y| (1000..=9999).contains(&y)),
        SlotKind::Date => Date::parse(v).is_some(),
        SlotKind::Ordinal => parse_number(v).is_some(),
        SlotKind::Number => number_prefix(v).is_some(),
        SlotKind::Percent => {
            let n = v.trim_end_matches(['%', '％']);
            decimal_zh(n).is_some() || parse_number(n).is_some()
        }
        SlotKind::Flag => flag_value(v).is_some(),
        SlotKind::Text | SlotKind::Money | SlotKind::Person | SlotKind::Place | SlotKind::List => {
            true
        }
    };
    if ok {
        Ok(())
    } else {
        let expect = match def.kind {
            SlotKind::Year => "四位年份，如 2026",
            SlotKind::Date => "日期，如 2026-01-15 或 2026年1月15日",
            SlotKind::Ordinal => "序数，如 十八 或 18",
            SlotKind::Number => "数字，如 120、86.5 或 2.3万",
            SlotKind::Flag => "“是”或“否”",
            _ => "百分数，如 12.5 或 12.5%",
        };
        Err(crate::Error::BadSlotValue {
            slot: def.name.clone(),
            kind: def.kind,
            value: v.to_string(),
            expected: expect,
        })
    }
}

/// A flag's value: 是 → true, 否 → false, anything else None (refused, never guessed).
pub fn flag_value(v: &str) -> Option<bool> {
    match v.trim() {
        "是" => Some(true),
        "否" => Some(false),
        _ => None,
    }
}

/// A list value's entries: one a line, trimmed, blank lines left out (they only space
/// the list out in the form).
pub fn list_entries(value: &str) -> impl Iterator<Item = &str> {
    value.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Every entry's slots must be well formed, and none may name the list itself (an entry
/// is filled once, from the other slots).
fn validate_list(name: &str, value: &str) -> Result<(), crate::Error> {
    for (i, entry) in list_entries(value).enumerate() {
        let problem = match parse(entry) {
            Err(e) => Some(crate::error::ListProblem::BrokenSlot { at: e.byte }),
            Ok(pieces) => pieces
                .iter()
                .any(|p| matches!(p, Piece::Slot(s) if s.name == name || s.name.contains('#')))
                .then_some(crate::error::ListProblem::NamesItself),
        };
        if let Some(problem) = problem {
            return Err(crate::Error::BadListEntry {
                slot: name.to_string(),
                entry: i + 1,
                text: entry.to_string(),
                problem,
            });
        }
    }
    Ok(())
}

/// Splits "2.3万" into ("2.3", "万"); None when the text does not start with a number.
fn number_prefix(v: &str) -> Option<(&str, &str)> {
    let end = v
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(v.len(), |(i, _)| i);
    let (num, rest) = v.split_at(end);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        // Already in Chinese numerals (十二万) is fine as a number too.
        return parse_number(v).map(|_| (v, ""));
    }
    Some((num, rest))
}

fn number_to_zh(v: &str) -> String {
    match number_prefix(v) {
        Some((num, rest)) if num.starts_with(|c: char| c.is_ascii_digit()) => {
            let plain = num.replace(',', "");
            match decimal_zh(&plain) {
                Some(zh) => format!("{zh}{rest}"),
                None => v.to_string(),
            }
        }
        _ => v.to_string(),
    }
}

/// Writes a filled value the way the text asks for it. `next` is the text right after the
/// slot, so a percent slot followed by a written % does not get a second one.
pub fn format_value(kind: SlotKind, value: &str, filters: &[Filter], next: &str) -> String {
    let v = value.trim();
    let chinese = filters.contains(&Filter::Chinese);
    let digits = filters.contains(&Filter::Digits);
    let date_form = filters
        .iter()
        .rev()
        .find(|f| matches!(f, Filter::YearMonth | Filter::MonthDay | Filter::Year));
    match kind {
        SlotKind::Date => match Date::parse(v) {
            Some(d) => {
                let (y, m, day) = if chinese {
                    (
                        digits_zh(&d.year.to_string()),
                        number_zh(d.month.into()),
                        number_zh(d.day.into()),
                    )
                } else {
                    (d.year.to_string(), d.month.to_string(), d.day.to_string())
                };
                match date_form {
                    Some(Filter::YearMonth) => format!("{y}年{m}月"),
                    Some(Filter::MonthDay) => format!("{m}月{day}日"),
                    Some(Filter::Year) => y,
                    _ => format!("{y}年{m}月{day}日"),
                }
            }
            None => v.to_string(),
        },
        SlotKind::Year => match parse_number(v) {
            Some(y) if chinese => digits_zh(&y.to_string()),
            Some(y) => y.to_string(),
            None => v.to_string(),
        },
        // Ordinals read 第十八届: Chinese unless the text asks for digits.
        SlotKind::Ordinal => match parse_number(v) {
            Some(n) if digits => n.to_string(),
            Some(n) => number_zh(n),
            None => v.to_string(),
        },
        SlotKind::Percent => {
            let n = v.trim_end_matches(['%', '％']).trim();
            if chinese {
                let zh = decimal_zh(n).unwrap_or_else(|| n.to_string());
                format!("百分之{zh}")
            } else if next.starts_with(['%', '％']) {
                n.to_string()
            } else {
                format!("{n}%")
            }
        }
        SlotKind::List => list_entries(v).collect::<Vec<_>>().join("、"),
        SlotKind::Number | SlotKind::Money if chinese => number_to_zh(v),
        SlotKind::Number | SlotKind::Money if digits => match parse_number(v) {
            Some(n) => n.to_string(),
            None => v.to_string(),
        },
        _ => v.to_string(),
    }
}

/// How a slot without a value shows in the speech: visibly, never as an empty string.
pub fn unfilled_marker(name: &str) -> String {
    format!("【{name}】")
}

/// A title or head line cut at the markers of the slots left blank (`unfilled`, by
/// name): each piece, and whether it is such a marker (to be highlighted where a layout
/// highlights them). The exporters and the typesetter mark the same pieces.
pub fn marked_pieces<'t>(line: &'t str, unfilled: &[String]) -> Vec<(&'t str, bool)> {
    let markers: Vec<String> = unfilled.iter().map(|n| unfilled_marker(n)).collect();
    let mut pieces = Vec::new();
    let mut rest = line;
    while let Some((at, len)) = markers
        .iter()
        .filter_map(|m| rest.find(m.as_str()).map(|at| (at, m.len())))
        .min()
    {
        pieces.push((&rest[..at], false));
        pieces.push((&rest[at..at + len], true));
        rest = &rest[at + len..];
    }
    pieces.push((rest, false));
    pieces.retain(|(t, _)| !t.is_empty());
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_cut_at_the_markers_of_blank_slots_only() {
        let blank = vec!["年份".to_string(), "日期".to_string()];
        assert_eq!(
            marked_pieces("在【单位】【年份】表彰大会（【日期】）", &blank),
            vec![
                ("在【单位】", false),
                ("【年份】", true),
                ("表彰大会（", false),
                ("【日期】", true),
                ("）", false)
            ]
        );
        assert_eq!(marked_pieces("讲话", &blank), vec![("讲话", false)]);
        assert_eq!(marked_pieces("讲话", &[]), vec![("讲话", false)]);
    }

    #[test]
    fn every_kind_has_its_own_label() {
        let labels: Vec<&str> = SlotKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(labels[..3], ["文字", "数字", "年份"]);
        for (i, l) in labels.iter().enumerate() {
            assert!(!l.is_empty() && !labels[..i].contains(l), "{l}");
        }
    }

    #[test]
    fn many_unclosed_opens_scan_in_linear_time() {
        // Quadratic before: 100 KB of `{{` took 49 s in the slot fuzz target.
        for unit in ["{{", "{{a|", "{{a{{", "{{名}"] {
            let text = unit.repeat(200_000 / unit.chars().count());
            assert_eq!(pieces(&text), vec![Piece::Text(&text)]);
            assert_eq!(parse(&text).map_err(|e| e.byte), Err(0));
        }
        let text = format!("{}{{{{届次}}}}", "{{".repeat(100_000));
        let p = pieces(&text);
        assert_eq!(p.len(), 2);
        assert!(matches!(&p[1], Piece::Slot(s) if s.name == "届次"));
    }

    fn names(text: &str) -> Vec<String> {
        let mut v = Vec::new();
        names_in(text, &mut v);
        v
    }

    #[test]
    fn scans_slots_and_filters() {
        let p = parse("第{{届次}}届，{{年份|中文}}年").unwrap();
        assert_eq!(p.len(), 5);
        match &p[3] {
            Piece::Slot(s) => {
                assert_eq!(s.name, "年份");
                assert_eq!(s.filters, vec![Filter::Chinese]);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(names("{{a}}{{b}}{{a}}"), vec!["a", "b"]);
        assert_eq!(names("{{ 单位 }}"), vec!["单位"]);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = "第一行\n在{{届次届";
        let e = parse(text).unwrap_err();
        assert_eq!(e.line_column(text), (2, 2));
        assert!(parse("{{}}").is_err());
        let e = parse("{{年份|大写}}").unwrap_err();
        assert!(e.message.contains("大写"), "{}", e.message);
        // A lone }} or single braces are just text.
        assert_eq!(parse("a}} {b}").unwrap(), vec![Piece::Text("a}} {b}")]);
    }

    #[test]
    fn lenient_scan_keeps_broken_slots_as_text() {
        let p = pieces("{{坏 然后 {{好}}");
        assert_eq!(p[0], Piece::Text("{{坏 然后 "));
        assert!(matches!(&p[1], Piece::Slot(s) if s.name == "好"));
    }

    #[test]
    fn formats_values() {
        use SlotKind::*;
        assert_eq!(
            format_value(Year, "2026", &[Filter::Chinese], ""),
            "二〇二六"
        );
        assert_eq!(format_value(Number, "12", &[Filter::Chinese], ""), "十二");
        assert_eq!(
            format_value(Number, "2.3万", &[Filter::Chinese], ""),
            "二点三万"
        );
        assert_eq!(format_value(Ordinal, "18", &[], ""), "十八");
        assert_eq!(format_value(Ordinal, "十八", &[Filter::Digits], ""), "18");
        assert_eq!(format_value(Date, "2026-01-15", &[], ""), "2026年1月15日");
        assert_eq!(
            format_value(Date, "2026/1/15", &[Filter::Chinese], ""),
            "二〇二六年一月十五日"
        );
        assert_eq!(
            format_value(Date, "二〇二六年一月十五日", &[Filter::YearMonth], ""),
            "2026年1月"
        );
        assert_eq!(
            format_value(Date, "2026.1.15", &[Filter::MonthDay], ""),
            "1月15日"
        );
        assert_eq!(format_value(Percent, "12.5", &[], "，"), "12.5%");
        assert_eq!(format_value(Percent, "12.5%", &[], "%以上"), "12.5");
        assert_eq!(
            format_value(Percent, "12.5", &[Filter::Chinese], ""),
            "百分之十二点五"
        );
        assert_eq!(format_value(Text, " 市总工会 ", &[], ""), "市总工会");
    }

    #[test]
    fn validates_by_kind() {
        let def = |kind| SlotDef {
            kind,
            ..SlotDef::plain("x")
        };
        assert!(validate(&def(SlotKind::Year), "2026").is_ok());
        assert!(validate(&def(SlotKind::Year), "二〇二六").is_ok());
        assert!(validate(&def(SlotKind::Year), "明年").is_err());
        assert!(validate(&def(SlotKind::Date), "2026-02-30").is_err());
        assert!(validate(&def(SlotKind::Date), "2024-02-29").is_ok());
        assert!(validate(&def(SlotKind::Number), "2.3万").is_ok());
        assert!(validate(&def(SlotKind::Number), "许多").is_err());
        assert!(validate(&def(SlotKind::Percent), "12.5％").is_ok());
        assert!(validate(&def(SlotKind::Ordinal), "第十八").is_err());
        assert!(validate(&def(SlotKind::Text), "").is_ok());
        assert!(validate(&def(SlotKind::Flag), "是").is_ok());
        assert!(validate(&def(SlotKind::Flag), " 否 ").is_ok());
        assert!(matches!(
            validate(&def(SlotKind::Flag), "对"),
            Err(crate::Error::BadSlotValue {
                kind: SlotKind::Flag,
                ..
            })
        ));
        let list = def(SlotKind::List);
        assert!(validate(&list, "甲单位\n\n{{报告人}}同志作报告\n").is_ok());
        assert!(matches!(
            validate(&list, "甲\n在{{报告人同志"),
            Err(crate::Error::BadListEntry {
                entry: 2,
                problem: crate::error::ListProblem::BrokenSlot { at: 3 },
                ..
            })
        ));
        assert!(matches!(
            validate(&list, "{{x}}的名单"),
            Err(crate::Error::BadListEntry {
                entry: 1,
                problem: crate::error::ListProblem::NamesItself,
                ..
            })
        ));
    }

    #[test]
    fn a_list_prints_joined_and_a_flag_as_written() {
        assert_eq!(
            format_value(SlotKind::List, "一车间\n\n 二车间 \n三车间", &[], ""),
            "一车间、二车间、三车间"
        );
        assert_eq!(format_value(SlotKind::Flag, "是", &[], ""), "是");
    }
}
