//! Stage cues of a host script: a short note in full-width brackets telling the hall
//! what happens — （报告完毕）（掌声）（全体起立）（奏唱国歌）. They are recognised here
//! only, marked in the document's runs (`Run::cue`), and every export sets them apart.
//!
//! A bracketed text is a cue when it is short and is a cue word of [`CUE_WORDS`], or has
//! a cue's shape: ends in 完毕 (……宣读完毕), or starts with 请 and ends in a stage
//! action (请全体起立, 请坐下). Anything else in brackets — an abbreviation, a date, an
//! aside — stays ordinary text.

use std::ops::Range;

/// What a hall hears or does, written alone in brackets.
pub const CUE_WORDS: &[&str] = &[
    "掌声",
    "鼓掌",
    "热烈掌声",
    "掌声欢迎",
    "全场鼓掌",
    "全体起立",
    "起立",
    "请坐",
    "全体坐下",
    "坐下",
    "奏唱国歌",
    "奏国歌",
    "唱国歌",
    "奏国际歌",
    "奏唱国际歌",
    "奏乐",
    "音乐起",
    "颁奖音乐起",
    "礼毕",
    "默哀",
    "默哀毕",
    "稍停",
    "停顿",
    "颁奖",
    "合影",
];

/// Stage actions a 请… cue ends in.
const STAGE_ACTIONS: &[&str] = &[
    "起立", "坐下", "落座", "就座", "入座", "鼓掌", "上台", "登台", "入场", "退场", "领奖", "颁奖",
    "回座", "就位", "默哀",
];

/// At most this many characters between the brackets.
pub const CUE_MAX_CHARS: usize = 16;

/// Whether the text between brackets is a cue.
pub fn is_cue(inner: &str) -> bool {
    let inner = inner.trim();
    let n = inner.chars().count();
    if n == 0 || n > CUE_MAX_CHARS || inner.contains(['（', '）', '，', '。', '；', '：', '、'])
    {
        return false;
    }
    CUE_WORDS.contains(&inner)
        || (inner.ends_with("完毕") && n > 2)
        || (inner.starts_with('请') && n > 1 && STAGE_ACTIONS.iter().any(|a| inner.ends_with(a)))
}

/// The byte ranges of the cues in `text`, brackets included, in order.
pub fn cues(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '（' => open = Some(i),
            '）' => {
                if let Some(start) = open.take() {
                    let inner = &text[start + '（'.len_utf8()..i];
                    if is_cue(inner) {
                        out.push(start..i + c.len_utf8());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        cues(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn cue_words_and_shapes_are_cues() {
        assert_eq!(found("（掌声）"), ["（掌声）"]);
        assert_eq!(found("请大家欢迎。（热烈掌声）"), ["（热烈掌声）"]);
        assert_eq!(found("（全体起立）"), ["（全体起立）"]);
        assert_eq!(found("（工作报告宣读完毕）"), ["（工作报告宣读完毕）"]);
        assert_eq!(found("（请全体同志起立）"), ["（请全体同志起立）"]);
        assert_eq!(found("（奏唱国歌）（请坐）"), ["（奏唱国歌）", "（请坐）"]);
    }

    #[test]
    fn ordinary_brackets_are_not_cues() {
        for text in [
            "市职工服务中心（以下简称“中心”）本月开放。",
            "全年新建职工书屋四十个（比上年多九个）。",
            "会议于三月举行（二〇二六年）。",
            "（一）抓好职工技能培训",
            "这项工作（包括技能竞赛、岗位练兵）要抓紧。",
            "详见附件（请查阅附件二）。",
            "（完毕）",
            "这次培训（为期三天）全部完毕。",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn unbalanced_brackets_find_nothing_and_do_not_panic() {
        assert!(found("（掌声").is_empty());
        assert!(found("掌声）").is_empty());
        assert_eq!(found("（（掌声）"), ["（掌声）"]);
    }
}
