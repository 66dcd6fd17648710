//! Placeholders → slots. `X届X次`, `20*年`, `增长X%`, `**万元`, `X区`, `***同志`, `_` … become
//! `{{届次}}`, `{{年份}}`, `{{百分比}}`, `{{金额}}`, `{{地名}}`, `{{人名}}`, `{{内容}}`, with a
//! kind guessed from the words around them. The placeholder scanner is the check's, so an
//! `X` inside a Latin word (Excel) or `3×4` is never touched. Our own exports write an
//! unfilled slot as `【名称】`; a catalogue name in 【】 becomes that slot again.

use std::collections::HashMap;

use serde::Serialize;

use super::segment::Segment;
use crate::check::placeholder_spans;
use crate::slot::SlotKind;

/// A slot found in a segment's text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SlotGuess {
    pub name: String,
    pub kind: SlotKind,
    /// What stood in the text: `X`, `**`, `20*年`, `【届次】`.
    pub placeholder: String,
}

/// Names a placeholder from the words after (and before) it.
fn guess(before: &str, placeholder: &str, after: &str) -> (&'static str, SlotKind) {
    let starts = |words: &[&str]| words.iter().any(|w| after.starts_with(w));
    // 20xx年, and 20xx of 20xx—20xx年 (the check's masked years are the only
    // placeholders starting with 20).
    if placeholder.starts_with("20") {
        return ("年份", SlotKind::Year);
    }
    if after.starts_with('届') {
        return ("届次", SlotKind::Ordinal);
    }
    if after.starts_with('次') && before.ends_with('届') {
        return ("次数", SlotKind::Ordinal);
    }
    if starts(&["%", "％", "个百分点"]) {
        return ("百分比", SlotKind::Percent);
    }
    let money = starts(&[
        "元",
        "万元",
        "亿元",
        "千元",
        "万余元",
        "余万元",
        "多万元",
        "亿余元",
    ]);
    if money {
        return ("金额", SlotKind::Money);
    }
    if starts(&[
        "总书记",
        "主席",
        "书记",
        "同志",
        "部长",
        "局长",
        "主任",
        "县长",
        "市长",
        "省长",
        "区长",
        "镇长",
        "委员",
        "董事长",
        "总经理",
        "校长",
        "院长",
        "厅长",
    ]) {
        return ("人名", SlotKind::Person);
    }
    if starts(&[
        "省", "市", "县", "区", "镇", "乡", "村", "街道", "州", "旗", "社区",
    ]) {
        return ("地名", SlotKind::Place);
    }
    if starts(&[
        "公司",
        "集团",
        "厂",
        "企业",
        "单位",
        "学校",
        "医院",
        "工会",
        "协会",
        "委员会",
        "局",
        "中心",
        "银行",
    ]) {
        return ("单位", SlotKind::Text);
    }
    if starts(&[
        "人次", "人", "名", "个", "家", "项", "场", "户", "件", "所", "支", "批", "期", "张", "万",
        "亿", "余", "多",
    ]) {
        return ("数量", SlotKind::Number);
    }
    let open_title = before
        .rfind('《')
        .is_some_and(|o| !before[o..].contains('》'));
    if open_title {
        return ("文件名", SlotKind::Text);
    }
    ("内容", SlotKind::Text)
}

/// Unique names across one speech: the same placeholder in the same context is the same
/// slot (X区 four times is one place); otherwise 内容, 内容2, 内容3 ….
#[derive(Default)]
struct Namer {
    by_context: HashMap<(String, String), String>,
    counts: HashMap<&'static str, usize>,
}

impl Namer {
    fn name(&mut self, base: &'static str, context: String) -> String {
        let key = (base.to_string(), context);
        if let Some(n) = self.by_context.get(&key) {
            return n.clone();
        }
        let count = self.counts.entry(base).or_default();
        *count += 1;
        let name = if *count == 1 {
            base.to_string()
        } else {
            format!("{base}{count}")
        };
        self.by_context.insert(key, name.clone());
        name
    }
}

/// Turns the placeholders of every segment into slots.
pub fn apply(segs: &mut [Segment]) {
    let mut namer = Namer::default();
    for s in segs {
        let (text, slots) = slot_text(&s.text, &mut namer);
        s.text = text;
        s.slots = slots;
    }
}

/// A catalogue slot name written 【名称】 by our own export.
fn unfilled_marker(chars: &[char], i: usize) -> Option<(usize, String)> {
    if chars[i] != '【' {
        return None;
    }
    let close = chars[i + 1..].iter().take(12).position(|c| *c == '】')?;
    let name: String = chars[i + 1..i + 1 + close].iter().collect();
    crate::assets::catalogue()
        .get(&name)
        .map(|_| (close + 2, name))
}

fn slot_text(text: &str, namer: &mut Namer) -> (String, Vec<SlotGuess>) {
    // Literal braces would read as slot syntax: keep them as full-width text.
    let text = if text.contains("{{") || text.contains("}}") {
        text.replace('{', "｛").replace('}', "｝")
    } else {
        text.to_string()
    };
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = placeholder_spans(&chars)
        .into_iter()
        .map(|p| (p.offset, p.length))
        .collect();
    let mut markers: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..chars.len() {
        if let Some((len, name)) = unfilled_marker(&chars, i) {
            markers.push((i, len, name));
        }
    }
    if spans.is_empty() && markers.is_empty() {
        return (text, Vec::new());
    }
    // Both lists are sorted by offset and markers never overlap: one merge-like pass
    // drops the placeholders inside a marker.
    let mut next = 0;
    spans.retain(|(o, _)| {
        while markers.get(next).is_some_and(|(m, len, _)| m + len <= *o) {
            next += 1;
        }
        markers.get(next).is_none_or(|(m, _, _)| m > o)
    });
    let mut all: Vec<(usize, usize, Option<String>)> = spans
        .into_iter()
        .map(|(o, l)| (o, l, None))
        .chain(markers.into_iter().map(|(o, l, n)| (o, l, Some(n))))
        .collect();
    all.sort_by_key(|(o, _, _)| *o);
    let mut out = String::with_capacity(text.len() + all.len() * 8);
    // A lone literal brace beside an inserted slot would make `{{{` (found by fuzzing):
    // once slots go in, every literal brace is written full-width.
    let literal = |s: &[char], out: &mut String| {
        out.extend(s.iter().map(|c| match c {
            '{' => '｛',
            '}' => '｝',
            c => *c,
        }))
    };
    let mut slots = Vec::new();
    let mut pos = 0;
    for (offset, len, marker) in all {
        literal(&chars[pos..offset], &mut out);
        let placeholder: String = chars[offset..offset + len].iter().collect();
        let (name, kind) = match marker {
            Some(name) => {
                let kind = crate::draft::slot_def(&[], &name).kind;
                (name, kind)
            }
            None => {
                let before: String = chars[offset.saturating_sub(12)..offset].iter().collect();
                let after: String = chars[offset + len..].iter().take(4).collect();
                let (base, kind) = guess(&before, &placeholder, &after);
                let next: String = after.chars().take(1).collect();
                let context = if kind == SlotKind::Text && base == "内容" {
                    let prev: String = before.chars().rev().take(2).collect();
                    format!(
                        "{prev}|{placeholder}|{}",
                        after.chars().take(2).collect::<String>()
                    )
                } else {
                    next
                };
                (namer.name(base, context), kind)
            }
        };
        out.push_str("{{");
        out.push_str(&name);
        out.push_str("}}");
        // 20*年: the slot takes the year, the 年 stays in the text.
        if placeholder.starts_with("20") && placeholder.ends_with('年') {
            out.push('年');
        }
        slots.push(SlotGuess {
            name,
            kind,
            placeholder,
        });
        pos = offset + len;
    }
    literal(&chars[pos..], &mut out);
    (out, slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (String, Vec<(String, SlotKind)>) {
        let (t, s) = slot_text(text, &mut Namer::default());
        (t, s.into_iter().map(|g| (g.name, g.kind)).collect())
    }

    #[test]
    fn kinds_from_context() {
        let (t, s) = run("根据省总X届X次全会精神，20*年增长X%，发放**万元，X区、X区的***同志");
        assert_eq!(
            t,
            "根据省总{{届次}}届{{次数}}次全会精神，{{年份}}年增长{{百分比}}%，发放{{金额}}万元，{{地名}}区、{{地名}}区的{{人名}}同志"
        );
        assert_eq!(s[0].1, SlotKind::Ordinal);
        assert_eq!(s[2].1, SlotKind::Year);
        assert_eq!(s[5].1, SlotKind::Place);
        assert_eq!(s[7].1, SlotKind::Person);
    }

    #[test]
    fn both_years_of_a_masked_range_are_slots() {
        let (t, s) = run("制定20xx—20xx年人才规划，落实20**至20**年计划，2023-2025年不动");
        assert_eq!(
            t,
            "制定{{年份}}—{{年份2}}年人才规划，落实{{年份3}}至{{年份4}}年计划，2023-2025年不动"
        );
        assert!(s.iter().all(|g| g.1 == SlotKind::Year), "{s:?}");
        // A masked year alone before a dash is no range.
        assert_eq!(run("20xx—届").1.len(), 0);
    }

    #[test]
    fn a_long_mask_between_chinese_is_one_slot() {
        let (t, s) = run("我代表xxxxxx向大家问好，XXXXXXXXXL码不是");
        assert_eq!(t, "我代表{{内容}}向大家问好，XXXXXXXXXL码不是");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn real_text_stays() {
        let (t, s) = run("用Excel和XML文件做3×4表格");
        assert_eq!(t, "用Excel和XML文件做3×4表格");
        assert!(s.is_empty());
    }

    #[test]
    fn our_unfilled_markers_come_back() {
        let (t, s) = run("第【届次】届【典型】");
        assert_eq!(t, "第{{届次}}届【典型】");
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn lone_braces_beside_a_slot_stay_text() {
        // Found by fuzzing: `{` before a blank became `{{{内容}}`, which no store accepts.
        let (t, s) = run("要求{_。目标_}，{X%}");
        assert_eq!(t, "要求｛{{内容}}。目标{{内容2}}｝，｛{{百分比}}%｝");
        assert_eq!(s.len(), 3);
        assert!(crate::slot::parse(&t).is_ok());
        // Without a slot a lone brace is left as written.
        assert_eq!(run("集合{A,B}").0, "集合{A,B}");
    }

    #[test]
    fn generic_blanks_get_numbered() {
        let (t, _) = run("聚焦新就业形态_。唱响工会_，深化**合作");
        assert_eq!(
            t,
            "聚焦新就业形态{{内容}}。唱响工会{{内容2}}，深化{{内容3}}合作"
        );
    }
}
