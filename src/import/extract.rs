//! Main-text extraction: which lines of a copied web page are the speech, decided by
//! evidence rather than by a list of site names.
//!
//! Every line (and, where a page glued its own text to the speech, every sentence run of
//! the line) is scored on what tells a speech from a page: sentence-final punctuation,
//! length, the share of Chinese characters, the density of function characters (的 了 是
//! 在 要 和 …), navigation separators (> » |), dates and clock times, metadata labels
//! (作者： 时间： …), interface words (登录 分享 下载 …), the site's own introduction
//! (小编 仅供参考 …) and collection markers (精选5篇, 篇一). Then the speech is found as a
//! region, the way boilerplate removers such as jusText do it: it starts at the greeting
//! (or, without one, at the first line that reads like speech), the title is looked for
//! in the few lines above it, everything above that is the page's, and after the last
//! speech line only lines that read like speech stay. A short line between speech lines
//! stays unless it is plainly the page's (context smoothing). Every removal has a reason.
//!
//! Only plain text is extracted: a .docx or Markdown source has its own structure.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::clean::{split_runs, Line, Removed};
use super::patterns::{heading_marker, is_cjk, is_greeting, lead_marker};
use super::Hint;

/// How far above the speech's first line the title is looked for, in lines.
const HEADER_WINDOW: usize = 8;
/// A title is at most this long (in characters).
const TITLE_MAX: usize = 60;
/// Speech-like text above the greeting larger than this (in characters) means the
/// greeting is one inside the speech, not its opening: nothing above it is dropped then.
const PROLOGUE_SPEECH_MAX: usize = 300;

/// What one unit (a line, or a run of a line the page glued together) looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A sentence (or a long stretch) of running text.
    Speech,
    /// The site talking about itself: 小编 整理, 仅供参考, 范文.
    Intro,
    /// 精选5篇, 篇一, 第二篇：, （一）： — a collection page's own markers.
    Collection,
    /// Breadcrumbs, menus, toolbars, metadata, stamps: nothing a speaker says.
    Page,
    /// Short text without a sentence: a title, a speaker or a date line, a heading.
    Short,
}

#[derive(Debug, Clone)]
struct Unit {
    text: String,
    /// Index of the source line: runs of one line are put back together.
    origin: usize,
    kind: Kind,
}

/// The page's introduction of its own material: words no speaker uses.
const INTRO: &[&str] = &["小编", "范文", "下载后可", "可任意编辑", "仅代表网友"];

/// Words a site's introduction uses, but a speaker may too (以上意见，仅供参考; 本站 of a
/// power station): they count only with the site's 为大家/给大家 and a word of collecting
/// (以下是为大家整理的……，仅供参考).
const INTRO_WEAK: &[&str] = &[
    "本站",
    "仅供参考",
    "供大家",
    "欢迎阅读",
    "欢迎大家",
    "一起来看",
    "希望对你",
    "希望对大家",
    "仅供学习",
];

/// Words of collecting material, which make a weak introduction word the site's.
const COLLECTING: &[&str] = &["整理", "收集", "精选", "精心", "搜集", "文章"];

/// Words of a page's interface; they mark only short lines without a sentence.
const UI: &[&str] = &[
    "登录",
    "登陆",
    "注册",
    "首页",
    "收藏",
    "分享",
    "下载",
    "复制",
    "打印",
    "评论",
    "人气",
    "浏览",
    "阅读",
    "位置",
    "路径",
    "搜索",
    "关灯",
    "投诉",
    "会员",
    "二维码",
    "订阅",
    "网站",
    "编辑",
    "上一",
    "下一",
    "楼层",
    "链接",
    "点此",
    "点击",
    "查看",
    "推荐",
    "繁體",
    "简体",
    "开启",
    "关闭",
    "设为",
    "客服",
    "微信",
    "热门",
    "上页",
    "下页",
    "返回",
    "模式",
    "字号",
    "文库",
    "专题",
    "栏目",
    "THE END",
];

/// Labels of page metadata (作者：…): a short line holding one is the page's.
const META_LABELS: &[&str] = &[
    "时间",
    "日期",
    "作者",
    "来源",
    "发布",
    "发表",
    "更新",
    "标题",
    "栏目",
    "人气",
    "阅读",
    "浏览",
    "点击",
    "字数",
    "编辑",
    "分类",
    "标签",
    "发表单位",
];

/// Words an address line starts with.
const GREETING_START: &[&str] = &[
    "尊敬的",
    "各位",
    "亲爱的",
    "同志们",
    "代表们",
    "朋友们",
    "老师们",
    "同学们",
    "女士们",
    "职工",
    "同志",
];

/// Words that name a speech (its title ends with one of them).
const OCCASION: &[&str] = &[
    "讲话",
    "致辞",
    "致词",
    "发言",
    "主持词",
    "开幕词",
    "闭幕词",
    "报告",
    "讲稿",
    "贺词",
    "演讲",
    "讲话稿",
    "总结",
    "祝酒词",
    "欢迎词",
    "答谢词",
    "串词",
];

/// Function characters: running Chinese text is full of them, menus and titles are not.
const FUNCTION: &str =
    "的了是在要和把对我们这为有以将也就不都与及中上等着被从向到你他她它其而并且之所";

fn cjk_count(s: &str) -> usize {
    s.chars().filter(|c| is_cjk(*c)).count()
}

fn has_sentence_end(s: &str) -> bool {
    s.contains(['。', '！', '？', '!', '?'])
}

/// Share of function characters among the Chinese ones.
fn function_density(s: &str) -> f32 {
    let cjk = cjk_count(s);
    if cjk == 0 {
        return 0.0;
    }
    let f = s.chars().filter(|c| FUNCTION.contains(*c)).count();
    f as f32 / cjk as f32
}

fn is_intro(s: &str) -> bool {
    let strong = INTRO.iter().any(|w| match *w {
        // 示范文明, 模范文化: 范文 inside a word of the speech.
        "范文" => s.match_indices(w).any(|(i, _)| {
            let before = s[..i].chars().next_back();
            let after = s[i + w.len()..].chars().next();
            !before.is_some_and(|c| "示模规典".contains(c))
                && !after.is_some_and(|c| "明化".contains(c))
        }),
        _ => s.contains(w),
    });
    strong
        || (INTRO_WEAK.iter().any(|w| s.contains(w))
            && (s.contains("为大家") || s.contains("给大家"))
            && COLLECTING.iter().any(|w| s.contains(w)))
}

/// 2021-07-09, 2012-7-3, 14:20:36: a page's stamp (a speech writes dates in 年月日).
fn has_stamp(s: &str) -> bool {
    stamp_at(s).is_some()
}

/// Where the first stamp starts, in bytes.
fn stamp_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    // The length of a run of digits at `i` (at most 4 looked at).
    let run = |i: usize| (i..i + 4).take_while(|&k| digits_at(k)).count();
    (0..b.len()).find(|&i| {
        if i > 0 && digits_at(i - 1) {
            return false;
        }
        let sep = |k: usize| matches!(b.get(k), Some(b'-') | Some(b'/'));
        // dddd-d-d or dddd/d/d: a date with both separators (2023-2025年 is a range).
        let date = run(i) == 4 && sep(i + 4) && {
            let m = run(i + 5);
            m > 0 && sep(i + 5 + m) && run(i + 6 + m) > 0
        };
        // d:dd:dd or dddd-d-d d:dd — a clock time of a page, not 上午8:30.
        let h = run(i);
        let time = (1..=2).contains(&h)
            && b.get(i + h) == Some(&b':')
            && run(i + h + 1) == 2
            && b.get(i + h + 3) == Some(&b':')
            && run(i + h + 4) == 2;
        date || time
    })
}

/// A collection page's marker: 精选5篇, (通用7篇), 篇一, 篇1, 第二篇：, （一）：, 【范例一】.
fn collection_marker(s: &str) -> bool {
    let t = s.trim_end_matches([' ', ':', '：']);
    // 精选5篇), 通用三篇】, 讲话10篇: a count of pieces closing a bracket or the line.
    let count_pieces = t.char_indices().any(|(i, c)| {
        let after = &t[i + c.len_utf8()..];
        c == '篇'
            && t[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_digit() || "二三四五六七八九十两几".contains(p))
            && (after.is_empty() || after.starts_with([')', '）', '】', '(', '（']))
    });
    let piece_no = t
        .rfind('篇')
        .map(|i| &t[i + '篇'.len_utf8()..])
        .is_some_and(|rest| {
            !rest.is_empty()
                && rest.chars().count() <= 3
                && rest
                    .chars()
                    .all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        });
    let numbered = (t.starts_with('第') && t.contains("篇："))
        || (t.starts_with('第') && t.contains("篇:"))
        || ends_with_piece_number(t)
        || t.starts_with("【范例")
        || t.strip_prefix("范文")
            .and_then(|r| r.chars().next())
            .is_some_and(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit());
    count_pieces || piece_no || numbered
}

/// 某某讲话（一）： — a collection numbering its pieces in brackets at the end.
fn ends_with_piece_number(t: &str) -> bool {
    let Some(inner) = t.strip_suffix(['）', ')']) else {
        return false;
    };
    let Some(open) = inner.rfind(['（', '(']) else {
        return false;
    };
    let n = &inner[open + inner[open..].chars().next().map_or(1, char::len_utf8)..];
    open > 0
        && (1..=2).contains(&n.chars().count())
        && n.chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// A navigation or toolbar line: breadcrumbs (a > b > c), bars (a | b), bullets.
fn is_navigation(s: &str) -> bool {
    // A bar at either end of a title is the page's frame, not a menu.
    let s = s.trim().trim_matches(['|', '｜', ' ']);
    let seps = s.matches(['>', '»', '|', '｜']).count();
    seps >= 2 || (seps == 1 && !has_sentence_end(s))
}

/// 作者：… 时间：… — a short line that is the page's metadata.
fn is_metadata(s: &str) -> bool {
    let short = s.chars().count() <= 80 && (!has_sentence_end(s) || s.chars().count() <= 40);
    // 【致辞人】某某: an anthology's field label in front of its value.
    let field = s.starts_with('【')
        && s.find('】').is_some_and(|p| {
            let label = &s['【'.len_utf8()..p];
            (1..=6).contains(&label.chars().count()) && s.len() > p + '】'.len_utf8()
        });
    if short && field {
        return true;
    }
    short
        && META_LABELS.iter().any(|l| {
            s.match_indices(l).any(|(i, _)| {
                let after = &s[i + l.len()..];
                after.starts_with([':', '：']) || (after.starts_with(' ') && *l == "阅读")
            })
        })
}

fn is_page(s: &str) -> bool {
    let t = s.trim();
    if cjk_count(t) == 0 {
        // "|", "THE END", "—1—": no Chinese, nothing of the speech (a bare number or a
        // row of dots is left to the cleaner's own rules).
        // Punctuation alone is left where it is (a sentence's own 。 or ；).
        return t
            .chars()
            .any(|c| c.is_ascii_alphabetic() || "|｜>»<=—-".contains(c));
    }
    let sentence = has_sentence_end(t);
    let short = t.chars().count() <= 30;
    if heading_marker(t).is_some() || lead_marker(t).is_some() || is_greeting(t) {
        return false;
    }
    // A stamp marks a line the page's, unless the line is a sentence of some length.
    (has_stamp(t) && t.chars().count() <= 80 && !(sentence && cjk_count(t) >= 20))
        || (!sentence && is_navigation(t))
        || (t.starts_with('•') && t.chars().count() <= 40)
        || is_metadata(t)
        || (short && !sentence && UI.iter().any(|w| t.contains(w)) && function_density(t) < 0.25)
        || (short && whole_bracket(t) && UI.iter().any(|w| t.contains(w)))
}

/// Page text even between lines of prose: a menu, a stamp, a label, no Chinese at all,
/// or two interface words.
fn plainly_page(s: &str) -> bool {
    let t = s.trim();
    let sentence = has_sentence_end(t);
    let short = t.chars().count() <= 30;
    cjk_count(t) == 0
        || (has_stamp(t) && !sentence && t.chars().count() <= 80)
        || (!sentence && t.chars().count() <= 80 && is_navigation(t))
        || (t.starts_with('•') && short)
        || is_metadata(t)
        || (short && !sentence && UI.iter().filter(|w| t.contains(*w)).count() >= 2)
        || (short && whole_bracket(t) && UI.iter().any(|w| t.contains(w)))
}

/// (……) or 【……】 around the whole line.
fn whole_bracket(t: &str) -> bool {
    (t.starts_with(['(', '（']) && t.ends_with([')', '）']))
        || (t.starts_with('【') && t.ends_with('】'))
}

fn kind_of(s: &str) -> Kind {
    let t = s.trim();
    if is_page(t) {
        return Kind::Page;
    }
    if collection_marker(t) && t.chars().count() <= TITLE_MAX + 10 {
        return Kind::Collection;
    }
    if is_intro(t) {
        return Kind::Intro;
    }
    let n = t.chars().count();
    // A numbered heading or item is the speech's, whatever its length.
    let numbered = heading_marker(t).is_some() || lead_marker(t).is_some();
    if numbered || has_sentence_end(t) || (n >= 40 && function_density(t) >= 0.08) {
        Kind::Speech
    } else {
        Kind::Short
    }
}

/// Where a greeting glued after a title sits in `s` (…上的讲话同志们：今天…): the byte
/// range of the greeting, when the text before it holds no sentence.
fn glued_greeting(s: &str) -> Option<(usize, usize)> {
    for (p, c) in s.char_indices().take(200) {
        if c != ':' && c != '：' {
            continue;
        }
        let end = p + c.len_utf8();
        let before = &s[..p];
        if has_sentence_end(before) {
            return None;
        }
        // The greeting starts at the earliest address word close enough to the colon.
        let near = before.char_indices().rev().nth(29).map_or(0, |(i, _)| i);
        let mut starts: Vec<usize> = GREETING_START
            .iter()
            .flat_map(|w| before[near..].match_indices(w).map(|(i, _)| i + near))
            .collect();
        starts.sort_unstable();
        let start = starts.into_iter().find(|&i| {
            let g = &s[i..end];
            is_greeting(g) && !OCCASION.iter().any(|w| g.contains(w)) && !g.contains("上的")
        });
        // Glued means page text runs into it; after 、 or ， it is the greeting's own start.
        let glued = |i: usize| i > 0 && !before[..i].ends_with(['、', '，', ',', ' ']);
        if let Some(start) = start.filter(|&i| glued(i)) {
            return Some((start, end));
        }
    }
    None
}

/// Where a title naming its occasion (在……上的讲话) starts, when page text (a breadcrumb,
/// a site's name) runs straight into it: the last 在 from which the rest is such a title.
fn glued_title(s: &str) -> Option<usize> {
    let t = s.trim_end();
    if !OCCASION.iter().any(|w| t.ends_with(w)) || t.chars().count() > 160 {
        return None;
    }
    t.char_indices()
        .rev()
        .filter(|(i, c)| *c == '在' && *i > 0)
        .map(|(i, _)| i)
        .find(|&i| {
            let rest = &t[i..];
            strong_occasion(rest) && !rest.contains(['>', '»', '|', '｜', '。', '！', '？'])
        })
}

/// A line cut into units: whole, unless the page glued its own text to the speech.
fn units_of(origin: usize, text: &str, out: &mut Vec<Unit>) {
    let push = |t: &str, out: &mut Vec<Unit>| {
        if !t.trim().is_empty() {
            out.push(Unit {
                text: t.to_string(),
                origin,
                kind: kind_of(t),
            });
        }
    };
    if let Some((a, b)) = glued_greeting(text) {
        // The title is what follows the page's text: after a 在……上的讲话 start, else
        // after the last separator of a breadcrumb or a metadata label (来源：…): a title
        // is never dropped with the menu, at worst it keeps a word of the page.
        let last_sep = text[..a]
            .rfind(['>', '»', '|', '｜', '：', ':'])
            .map(|i| i + text[i..].chars().next().map_or(1, char::len_utf8));
        match glued_title(&text[..a]).or(last_sep) {
            Some(t) => {
                push(&text[..t], out);
                push(&text[t..a], out);
                // Whatever words of the page it kept, it is the title's place.
                if let Some(u) = out.last_mut().filter(|u| u.kind == Kind::Page) {
                    u.kind = Kind::Short;
                }
            }
            None => push(&text[..a], out),
        }
        push(&text[a..b], out);
        units_of_runs(origin, &text[b..], out);
        return;
    }
    if let Some(t) = glued_title(text).filter(|_| is_page(text)) {
        push(&text[..t], out);
        push(&text[t..], out);
        return;
    }
    let glued = text.chars().nth(60).is_some()
        && (is_intro(text) || collection_marker_inside(text) || has_stamp(text));
    if glued {
        units_of_runs(origin, text, out);
    } else {
        push(text, out);
    }
}

/// A line split at sentence ends (and at a collection marker glued to what follows).
/// A short site introduction ending the line's prose (…下面是小编整理的…，仅供参考。)
/// takes the sentences before it along: the page's summary leads into it.
fn units_of_runs(origin: usize, text: &str, out: &mut Vec<Unit>) {
    let first = out.len();
    for run in split_runs(text) {
        let (stamp, run) = split_after_stamp(run);
        let (head, rest) = split_after_marker(run);
        for t in [stamp, head, rest] {
            if !t.trim().is_empty() {
                out.push(Unit {
                    text: t.to_string(),
                    origin,
                    kind: kind_of(t),
                });
            }
        }
    }
    let runs = &mut out[first..];
    let last_intro = runs
        .iter()
        .rposition(|u| u.kind == Kind::Intro && u.text.chars().count() <= 80);
    if let Some(k) = last_intro {
        let prose_after = runs[k + 1..].iter().any(|u| u.kind == Kind::Speech);
        if !prose_after || runs[k + 1].kind == Kind::Collection {
            for u in &mut runs[..k] {
                if u.kind == Kind::Speech {
                    u.kind = Kind::Intro;
                }
            }
        }
    }
}

/// 2021-07-09 14:20:36工会在… → the stamp (with what precedes it) and the rest.
fn split_after_stamp(run: &str) -> (&str, &str) {
    let Some(start) = stamp_at(run) else {
        return ("", run);
    };
    // The stamp runs on over digits, dashes, slashes, colons and spaces (date and time).
    let b = run.as_bytes();
    let mut end = start;
    while end < b.len() && (b[end].is_ascii_digit() || matches!(b[end], b'-' | b'/' | b':' | b' '))
    {
        end += 1;
    }
    if end >= run.len() {
        return ("", run);
    }
    (&run[..end], &run[end..])
}

/// …讲话篇一阳春三月… → (…讲话篇一, 阳春三月…): a piece marker glued to the speech.
fn split_after_marker(run: &str) -> (&str, &str) {
    for (i, c) in run.char_indices() {
        if c != '篇' {
            continue;
        }
        let after = &run[i + c.len_utf8()..];
        let num: usize = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum();
        let before = &run[..i];
        // The name before the marker is looked for in its last 60 characters only, so a
        // line full of 篇 stays linear.
        let near = before.char_indices().rev().nth(59).map_or(0, |(i, _)| i);
        if num > 0
            && !has_sentence_end(&before[near..])
            && OCCASION.iter().any(|w| before[near..].contains(w))
        {
            let cut = i + c.len_utf8() + num;
            let cut =
                cut + after[num..].len() - after[num..].trim_start_matches([':', '：', ' ']).len();
            return (&run[..cut], &run[cut..]);
        }
    }
    (run, "")
}

fn collection_marker_inside(s: &str) -> bool {
    let (head, rest) = split_after_marker(s);
    !rest.is_empty() && !head.is_empty()
}

/// Whether two lines must stay apart when the cleaner rejoins a broken paragraph: page
/// text never joins the speech, a date line stands alone, and a line that starts as the
/// one before it is a second copy, not its continuation.
pub fn stands_alone(prev: &str, next: &str) -> bool {
    // Only a short line can be the page's; a paragraph joined so far is not judged again
    // (that would make rejoining a long paragraph quadratic).
    let page = |s: &str| s.len() <= 300 && matches!(kind_of(s), Kind::Page | Kind::Collection);
    let repeated = prev
        .char_indices()
        .nth(10)
        .is_some_and(|(i, _)| next.starts_with(&prev[..i]));
    page(prev) || page(next) || date_line(next) || repeated
}

/// The title as it should read: without a site's 第一篇： prefix, [category], trailing bar,
/// and (when a collection name was glued before it) only the last named speech.
fn title_text(s: &str) -> String {
    let mut t = s.trim().trim_end_matches(['|', '｜', ' ']).trim();
    if t.starts_with('第') {
        if let Some(p) = t.find(['：', ':']) {
            if t[..p].ends_with('篇') {
                t = t[p..].trim_start_matches(['：', ':']).trim();
            }
        }
    }
    if t.starts_with('[') || t.starts_with('【') {
        if let Some(p) = t.find([']', '】']) {
            let rest = t[p + t[p..].chars().next().map_or(1, char::len_utf8)..].trim();
            if !rest.is_empty() {
                t = rest;
            }
        }
    }
    if let Some((head, _)) = split_date_suffix(t) {
        t = head;
    }
    for w in ["范文", "汇编", "大全", "合集"] {
        if let Some(p) = t.rfind(w) {
            let rest = &t[p + w.len()..];
            if names_occasion(rest) {
                t = rest;
            }
        }
    }
    t.to_string()
}

/// 在……上的讲话（2008年2月5日） → the title and the date.
fn split_date_suffix(t: &str) -> Option<(&str, &str)> {
    let open = t.rfind(['(', '（'])?;
    let date = &t[open..];
    (open > 0 && t.ends_with([')', '）']) && date_line(date)).then(|| (t[..open].trim(), date))
}

/// Ends with a word naming a speech (讲话, 致辞 …), a bracketed note (（摘要）) aside.
fn names_occasion(s: &str) -> bool {
    let mut t = s.trim();
    if let Some(inner) = t.strip_suffix(['）', ')']) {
        if let Some(open) = inner.rfind(['（', '(']) {
            t = inner[..open].trim_end();
        }
    }
    OCCASION.iter().any(|w| t.ends_with(w))
}

/// 在……上的讲话: the strongest sign of a title.
fn strong_occasion(s: &str) -> bool {
    s.contains('在')
        && OCCASION
            .iter()
            .any(|w| s.contains(&format!("上的{w}")) || s.contains(&format!("上{w}")))
}

fn title_like(s: &str) -> bool {
    let t = title_text(s);
    let n = t.chars().count();
    (2..=TITLE_MAX).contains(&n)
        && !has_sentence_end(&t)
        && !t.contains(['；', ';'])
        && !is_greeting(&t)
        && heading_marker(&t).is_none()
        && lead_marker(&t).is_none()
        && cjk_count(&t) * 2 >= n
}

/// A date line under a title: (2014年1月21日), 2009年9月20日.
fn date_line(s: &str) -> bool {
    let t = s.trim().trim_matches(['(', ')', '（', '）']);
    t.chars().count() <= 16
        && t.ends_with('日')
        && t.contains('年')
        && t.chars()
            .all(|c| c.is_ascii_digit() || "年月日〇零一二三四五六七八九十".contains(c))
}

/// A speaker's name alone on a line: 2–4 Chinese characters.
fn name_line(s: &str) -> bool {
    let n = s.trim().chars().count();
    (2..=4).contains(&n)
        && s.trim().chars().all(is_cjk)
        && function_density(s) == 0.0
        && !names_occasion(s)
}

/// The reason a unit above or below the speech is removed.
fn reason(u: &Unit) -> &'static str {
    match u.kind {
        Kind::Intro => "site-intro",
        Kind::Collection => "collection",
        Kind::Page => {
            if is_navigation(&u.text) {
                "navigation"
            } else if is_metadata(&u.text) || has_stamp(&u.text) {
                "metadata"
            } else {
                "page"
            }
        }
        Kind::Speech | Kind::Short => "page",
    }
}

/// The speech region of plain-text lines; everything else goes to `removed` with its
/// reason. The chosen title gets [`Hint::Title`], the lines kept between it and the
/// speech [`Hint::Meta`]. A page holding several speeches (第二篇：…, …篇2, 范文二) is
/// cut at its markers: `pieces` gets the index of every later speech's first line.
pub fn extract(lines: Vec<Line>, removed: &mut Vec<Removed>, pieces: &mut Vec<usize>) -> Vec<Line> {
    if lines.is_empty() || lines.iter().any(|l| l.hint.is_some()) {
        return lines;
    }
    let mut units: Vec<Unit> = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        units_of(i, &l.text, &mut units);
    }
    join_broken_greeting(&mut units);
    let Some(anchor) = anchor(&units) else {
        return lines;
    };
    let mut keep = vec![true; units.len()];
    let mut hints: Vec<Option<Hint>> = vec![None; units.len()];
    let mut out_removed: Vec<(usize, Removed)> = Vec::new();
    let drop =
        |i: usize, why: &'static str, keep: &mut Vec<bool>, out: &mut Vec<(usize, Removed)>| {
            keep[i] = false;
            out.push((
                i,
                Removed {
                    text: units[i].text.trim().to_string(),
                    reason: why,
                },
            ));
        };

    // The head: title and meta lines in the window above the anchor.
    let lo = anchor.saturating_sub(HEADER_WINDOW);
    let title = pick_title(&units[lo..anchor]).map(|t| t + lo);
    for i in 0..anchor {
        let u = &units[i];
        match title {
            Some(t) if i == t => {
                hints[i] = Some(Hint::Title);
            }
            Some(t) if i > t && (date_line(&u.text) || name_line(&u.text) || subtitle(u)) => {
                hints[i] = Some(Hint::Meta);
            }
            None if date_line(&u.text) || name_line(&u.text) => hints[i] = Some(Hint::Meta),
            _ if u.kind == Kind::Speech && short_exclamation(&u.text) && i + 1 >= anchor => {
                hints[i] = Some(Hint::Meta);
            }
            // An address line the greeting rules do not know, right above the speech.
            _ if u.kind == Kind::Short
                && i + 1 == anchor
                && u.text.trim().ends_with(['：', ':']) =>
            {
                hints[i] = Some(Hint::Meta);
            }
            _ => drop(i, reason(u), &mut keep, &mut out_removed),
        }
    }

    // The body: short lines between speech lines stay unless plainly the page's; after
    // the last speech line, only what reads like speech stays.
    let prose =
        |u: &Unit| u.kind == Kind::Speech || (u.kind == Kind::Intro && u.text.chars().count() > 80);
    let last_speech = units.iter().rposition(prose).unwrap_or(anchor).max(anchor);
    let title_norm = title.map(|t| title_text(&units[t].text));
    let mut starts = vec![false; units.len()];
    let mut retitle: Vec<(usize, String)> = Vec::new();
    for (i, u) in units.iter().enumerate().skip(anchor) {
        let tail = i > last_speech;
        let dup = title_norm.as_deref().is_some_and(|t| u.text.trim() == t);
        if dup {
            drop(i, "duplicate-title", &mut keep, &mut out_removed);
            continue;
        }
        if u.kind == Kind::Collection && i > anchor && i < last_speech {
            // Another speech of the page starts here; its marker may carry its title.
            starts[i] = true;
            let t = title_text(&u.text);
            if title_like(&t) && names_occasion(&t) && !collection_marker(&t) {
                hints[i] = Some(Hint::Title);
                retitle.push((i, t));
                continue;
            }
        }
        let page = match u.kind {
            // Between lines of prose, one interface word is not enough (全民阅读).
            Kind::Page => tail || plainly_page(&u.text),
            Kind::Intro => u.text.chars().count() <= 80 || whole_bracket(u.text.trim()),
            Kind::Collection => u.text.chars().count() <= TITLE_MAX,
            // Below the speech, a line naming a speech is a link to another page.
            Kind::Short => tail && title_like(&u.text) && names_occasion(&title_text(&u.text)),
            Kind::Speech => false,
        };
        if page {
            let why = if tail { "footer" } else { reason(u) };
            drop(i, why, &mut keep, &mut out_removed);
        }
    }
    cut_title_copies(
        &mut units,
        &keep,
        anchor,
        title_norm.as_deref(),
        &mut out_removed,
    );
    cut_injected_titles(&mut units, &keep, anchor, &mut out_removed);
    drop_repeated_openings(&units, &mut keep, anchor, &mut out_removed);
    let header = (!keep[0] && anchor > 0).then(|| units[0].text.trim().to_string());
    cut_page_breaks(
        &mut units[anchor..],
        header.as_deref(),
        anchor,
        &mut out_removed,
    );

    out_removed.sort_by_key(|(i, _)| *i);
    removed.extend(out_removed.into_iter().map(|(_, r)| r));
    let mut date = None;
    if let Some(t) = title {
        date = split_date_suffix(units[t].text.trim()).map(|(_, d)| d.to_string());
        units[t].text = title_text(&units[t].text);
    }
    for (i, t) in retitle {
        units[i].text = t;
    }
    let (mut lines, mut at) = rebuild(units, keep, hints, starts);
    if let (Some(d), Some(p)) = (date, lines.iter().position(|l| l.hint == Some(Hint::Title))) {
        lines.insert(
            p + 1,
            Line {
                text: d,
                hint: Some(Hint::Meta),
            },
        );
        for a in &mut at {
            *a += usize::from(*a > p);
        }
    }
    at.retain(|&a| a > 0 && a < lines.len());
    at.dedup();
    pieces.extend(at);
    lines
}

/// A second title line under the title: ——在……上的讲话, or one naming the occasion.
fn subtitle(u: &Unit) -> bool {
    let t = u.text.trim();
    u.kind == Kind::Short && title_like(t) && (t.starts_with("——") || names_occasion(t))
}

/// 大家好！ 同志们！ — a short address line, part of the opening.
fn short_exclamation(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= 12 && t.ends_with(['！', '!'])
}

/// "各位领导、各位" then "同志：": a greeting the page broke over two lines.
fn join_broken_greeting(units: &mut Vec<Unit>) {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for u in units.drain(..) {
        if let Some(prev) = out.last_mut() {
            let a = prev.text.trim();
            let b = u.text.trim();
            let broken = a.chars().take(21).count() <= 20
                && !has_sentence_end(a)
                && is_greeting(b)
                && !is_greeting(a)
                && (a.ends_with('、') || a.ends_with("各位") || a.ends_with('，'));
            if broken {
                let joined = format!("{a}{b}");
                if is_greeting(&joined) {
                    prev.kind = kind_of(&joined);
                    prev.text = joined;
                    continue;
                }
            }
        }
        out.push(u);
    }
    *units = out;
}

/// The speech's first unit: the greeting, when nothing speech-like of any size stands
/// above it (else it is a greeting inside the speech); otherwise the first speech line.
fn anchor(units: &[Unit]) -> Option<usize> {
    let first_speech = units.iter().position(|u| u.kind == Kind::Speech);
    let greeting = units
        .iter()
        .position(|u| is_greeting(&u.text) && u.kind != Kind::Page);
    if let Some(g) = greeting {
        let above: usize = units[..g]
            .iter()
            .filter(|u| u.kind == Kind::Speech)
            .map(|u| u.text.chars().count())
            .sum();
        // Prose above the greeting is the page's only when a title stands between them
        // (a site's summary, then the speech with its title and greeting).
        let last_prose = units[..g]
            .iter()
            .rposition(|u| u.kind == Kind::Speech && cjk_count(&u.text) >= 20);
        let titled = last_prose.is_none_or(|p| {
            units[p + 1..g].iter().any(|u| {
                u.kind == Kind::Short && title_like(&u.text) && names_occasion(&title_text(&u.text))
            })
        });
        if above <= PROLOGUE_SPEECH_MAX && titled {
            return Some(g);
        }
    }
    let s = first_speech?;
    // An opening exclamation (大家好！) right above belongs to the speech.
    Some(s)
}

/// The title among the units above the speech: the nearest that names the occasion as
/// 在……上的讲话, else the nearest naming a speech at all, else the nearest title-shaped
/// line right above the speech's opening.
fn pick_title(window: &[Unit]) -> Option<usize> {
    let candidates: Vec<usize> = (0..window.len())
        .rev()
        .filter(|&i| {
            let u = &window[i];
            u.kind == Kind::Short
                && title_like(&u.text)
                && !date_line(&u.text)
                && !name_line(&u.text)
                || (u.kind == Kind::Collection
                    && u.text.trim().starts_with('第')
                    && title_like(&u.text)
                    && !collection_marker(&title_text(&u.text)))
                || (u.kind == Kind::Intro
                    && title_like(&u.text)
                    && names_occasion(&title_text(&u.text))
                    && !is_intro(&title_text(&u.text)))
        })
        .collect();
    let strong = candidates
        .iter()
        .find(|&&i| strong_occasion(&title_text(&window[i].text)));
    let named = candidates
        .iter()
        .find(|&&i| names_occasion(&title_text(&window[i].text)));
    let plain = || {
        // A plain title: the line right above the opening (only meta lines between).
        let i = *candidates.first()?;
        let between_ok = window[i + 1..]
            .iter()
            .all(|u| date_line(&u.text) || name_line(&u.text) || u.kind == Kind::Page);
        between_ok.then_some(i)
    };
    let p = strong.or(named).copied().or_else(plain)?;
    // A subtitle (——在……上的讲话) or a second title line right under a title: the title
    // is the line above it. A longer run of such lines is a list of contents, where the
    // nearest is the speech's own.
    let above = p.checked_sub(1).filter(|a| candidates.contains(a));
    let run_of_two = above.is_some_and(|a| a == 0 || !candidates.contains(&(a - 1)));
    let dash = window[p].text.trim().starts_with("——");
    match above {
        Some(a) if dash => Some(a),
        Some(a) if run_of_two && names_occasion(&title_text(&window[a].text)) => Some(a),
        _ => Some(p),
    }
}

/// A speech line that starts with the title (a page printed it again in front of the
/// text): the copy is cut off.
fn cut_title_copies(
    units: &mut [Unit],
    keep: &[bool],
    anchor: usize,
    title: Option<&str>,
    removed: &mut Vec<(usize, Removed)>,
) {
    let Some(title) = title else { return };
    if title.chars().count() < 6 {
        return;
    }
    for i in anchor..units.len().min(anchor + 4) {
        if !keep[i] {
            continue;
        }
        if let Some(rest) = units[i].text.trim_start().strip_prefix(title) {
            if rest.chars().count() > 10 {
                removed.push((
                    i,
                    Removed {
                        text: title.to_string(),
                        reason: "duplicate-title",
                    },
                ));
                units[i].text = rest.trim_start().to_string();
            }
        }
    }
}

/// Names of a speech as a text (稿, 词): a speaker names the act (讲话, 致辞), not the paper.
const TEXT_GENRE: &[&str] = &[
    "讲话稿",
    "发言稿",
    "演讲稿",
    "致辞稿",
    "主持词",
    "主持稿",
    "串词",
];

/// Acts a title names in its 在……上的 form.
const ACTS: &[&str] = &["讲话", "致辞", "致词", "发言", "报告", "演讲"];

/// Characters of running speech that no title holds (verbs of will, pronouns, particles).
const NOT_IN_TITLE: &str = "了是要把对我们这将也就不都着被从向到你他她它其而并且之所以为请必应该";

/// What follows a speech the speaker names (……上的讲话精神 / 中 / 时 / 要求 / 指出 /
/// 强调): a title the site ran into the sentence is followed by none of them.
const AFTER_REFERENCE: &str = "精中时里内后前指强提深讲稿全和与及的";

/// A text-genre title is at most this long, in characters; a 在……上的 one, this.
const TEXT_TITLE_MAX: usize = 12;
const OCCASION_TITLE_MAX: usize = 30;

/// Titles of other pages a site runs into the speech for search engines (SEO): 10
/// (……第三项议程：工作会议主持词), 11 (……死亡61人、副市长在全市……会议上的讲话受伤213人).
/// A title is injected when it starts right after a punctuation mark inside a speech line
/// and the sentence does not break where it ends: the line ends there after a colon, or a
/// word follows that does not go on from a named speech. Two shapes only: one naming the
/// text (……主持词, ……讲话稿: a speaker names the act, never the paper, mid-sentence), and
/// 某某在……上的讲话 sharing a word of four characters with the page's text above the
/// speech (the site's related titles are on its topic). Each is cut with reason `seo-title`.
fn cut_injected_titles(
    units: &mut [Unit],
    keep: &[bool],
    anchor: usize,
    removed: &mut Vec<(usize, Removed)>,
) {
    // The page's text right above the speech (its title, collection title, breadcrumb),
    // at most PAGE_TOPIC_MAX bytes of it: what a related title shares a word with.
    let above: String = units[anchor.saturating_sub(2 * HEADER_WINDOW)..anchor]
        .iter()
        .map(|u| u.text.as_str())
        .collect();
    let mut from = above.len().saturating_sub(PAGE_TOPIC_MAX);
    while !above.is_char_boundary(from) {
        from += 1;
    }
    let page = &above[from..];
    for i in anchor..units.len() {
        if !keep[i] {
            continue;
        }
        let line_end = units.get(i + 1).is_none_or(|n| n.origin != units[i].origin);
        let spans = injected_titles(&units[i].text, line_end, page);
        if spans.is_empty() {
            continue;
        }
        // One pass: the kept text copied once, however many titles the line holds.
        let text = &units[i].text;
        let mut kept = String::with_capacity(text.len());
        let mut at = 0;
        for (a, b) in spans {
            kept.push_str(&text[at..a]);
            removed.push((
                i,
                Removed {
                    text: text[a..b].to_string(),
                    reason: "seo-title",
                },
            ));
            at = b;
        }
        kept.push_str(&text[at..]);
        units[i].text = kept;
    }
}

/// How much of the page above the speech a related title is compared with, in bytes.
const PAGE_TOPIC_MAX: usize = 4000;

/// The byte ranges of the injected titles in `s`, in order and apart (see
/// [`cut_injected_titles`]).
fn injected_titles(s: &str, line_end: bool, page: &str) -> Vec<(usize, usize)> {
    // Every genre word in one pass (讲话 inside 讲话稿 too: overlapping matches).
    static WORDS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let Some(words) = WORDS
        .get_or_init(|| AhoCorasick::new(TEXT_GENRE.iter().chain(ACTS)).ok())
        .as_ref()
    else {
        return Vec::new();
    };
    let mut out: Vec<(usize, usize)> = Vec::new();
    for m in words.find_overlapping_iter(s) {
        let (e, text_genre) = (m.end(), m.pattern().as_usize() < TEXT_GENRE.len());
        let max = if text_genre {
            TEXT_TITLE_MAX
        } else {
            OCCASION_TITLE_MAX
        };
        let Some((b, p)) = title_start(&s[..e], max) else {
            continue;
        };
        if out.last().is_some_and(|&(_, last)| b < last) {
            continue;
        }
        let span = &s[b..e];
        let next = s[e..].chars().next();
        // The sentence goes on with a word no named speech takes.
        let runs_on = next
            .is_some_and(|c| is_cjk(c) && !FUNCTION.contains(c) && !AFTER_REFERENCE.contains(c));
        let injected = if text_genre {
            runs_on || (next.is_none() && line_end && matches!(p, '：' | ':'))
        } else {
            runs_on && occasion_title(span) && shares_a_word(span, page)
        };
        if injected {
            out.push((b, e));
        }
    }
    out
}

/// Where a title ending at the end of `head` starts: right after the nearest punctuation
/// mark, at most `max` characters back, with only title characters between (and text
/// before it on the line: a line that is the title is no injection).
fn title_start(head: &str, max: usize) -> Option<(usize, char)> {
    let mut n = 0;
    for (i, c) in head.char_indices().rev() {
        if "，,、：:；;。！？!?".contains(c) {
            let b = i + c.len_utf8();
            return (n >= 4 && b < head.len()).then_some((b, c));
        }
        n += 1;
        if n > max || !is_cjk(c) || NOT_IN_TITLE.contains(c) {
            return None;
        }
    }
    None
}

/// 某某在……上的讲话: a speaker of one to eight characters, then the occasion.
fn occasion_title(span: &str) -> bool {
    let speaker = span.find('在').map_or(0, |i| span[..i].chars().count());
    (1..=8).contains(&speaker) && strong_occasion(span) && span.contains("上的")
}

/// A four-character word of `span` (none of 在 上 的 in it) found in `page`.
fn shares_a_word(span: &str, page: &str) -> bool {
    let c: Vec<char> = span.chars().collect();
    c.windows(4).any(|w| {
        !w.iter().any(|c| "在上的".contains(*c)) && page.contains(&w.iter().collect::<String>())
    })
}

/// 第 1 页 共 9 页 inside a paragraph: a document site's page break, often followed by the
/// page header printed again (the page's first line). Both are cut out of the sentence.
fn cut_page_breaks(
    units: &mut [Unit],
    header: Option<&str>,
    first: usize,
    removed: &mut Vec<(usize, Removed)>,
) {
    for (k, u) in units.iter_mut().enumerate() {
        if !u.text.contains("页共") {
            continue;
        }
        // One pass: the text is copied once, each counter found after the last.
        let mut kept = String::with_capacity(u.text.len());
        let mut from = 0;
        while let Some((a, b)) = page_counter(&u.text[from..]).map(|(a, b)| (a + from, b + from)) {
            let rest = &u.text[b..];
            let repeated: usize = header.map_or(0, |h| {
                h.chars()
                    .zip(rest.chars())
                    .take_while(|(x, y)| x == y)
                    .map(|(x, _)| x.len_utf8())
                    .sum()
            });
            let end = if repeated >= 4 * 3 { b + repeated } else { b };
            removed.push((
                first + k,
                Removed {
                    text: u.text[a..end].to_string(),
                    reason: "page-counter",
                },
            ));
            kept.push_str(&u.text[from..a]);
            from = end;
        }
        kept.push_str(&u.text[from..]);
        u.text = kept;
    }
}

/// The byte range of 第N页共M页 in `s`.
fn page_counter(s: &str) -> Option<(usize, usize)> {
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    s.match_indices('第').find_map(|(i, _)| {
        let mut j = i + '第'.len_utf8();
        let n = digits(&s[j..]);
        j += n;
        let page = s[j..].strip_prefix("页共")?;
        j = s.len() - page.len();
        let m = digits(page);
        j += m;
        let end = s[j..].strip_prefix('页').map(|r| s.len() - r.len())?;
        (n > 0 && m > 0).then_some((i, end))
    })
}

/// A paragraph the page printed twice, the first copy cut short (a summary line that
/// quotes the opening): the shorter copy goes.
fn drop_repeated_openings(
    units: &[Unit],
    keep: &mut [bool],
    anchor: usize,
    removed: &mut Vec<(usize, Removed)>,
) {
    let next_kept = |from: usize, keep: &[bool]| (from + 1..units.len()).find(|&j| keep[j]);
    for i in anchor..units.len().min(anchor + 6) {
        if !keep[i] {
            continue;
        }
        let Some(j) = next_kept(i, keep) else { break };
        let a = units[i].text.trim();
        let b = units[j].text.trim();
        if a.chars().count() >= 20 && b.len() > a.len() && b.starts_with(a) {
            keep[i] = false;
            removed.push((
                i,
                Removed {
                    text: a.to_string(),
                    reason: "duplicate",
                },
            ));
        }
    }
}

/// A backtick between two Chinese characters is a page's markup left over.
fn drop_stray_ticks(s: &str) -> String {
    if !s.contains('`') {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let between = i > 0 && chars.get(i + 1).is_some_and(|n| is_cjk(*n)) && is_cjk(chars[i - 1]);
        if !(c == '`' && between) {
            out.push(c);
        }
    }
    out
}

/// Kept units back into lines: runs of one source line joined again.
/// Also returns where later speeches start (a marker's own line, or the first line kept
/// after a dropped marker).
fn rebuild(
    units: Vec<Unit>,
    keep: Vec<bool>,
    hints: Vec<Option<Hint>>,
    starts: Vec<bool>,
) -> (Vec<Line>, Vec<usize>) {
    let mut out: Vec<Line> = Vec::new();
    let mut at = Vec::new();
    let mut last_origin = usize::MAX;
    let mut last_kept = false;
    let mut pending = false;
    for (((u, k), h), start) in units.into_iter().zip(keep).zip(hints).zip(starts) {
        pending |= start;
        if !k {
            last_kept = false;
            continue;
        }
        if pending {
            at.push(out.len());
            pending = false;
            last_kept = false;
        }
        let text = drop_stray_ticks(u.text.trim());
        if text.is_empty() {
            continue;
        }
        let glue = last_kept
            && u.origin == last_origin
            && h.is_none()
            && out.last().is_some_and(|p| !is_greeting(&p.text));
        match out.last_mut() {
            Some(prev) if glue && prev.hint.is_none() => prev.text.push_str(&text),
            _ => out.push(Line { text, hint: h }),
        }
        last_origin = u.origin;
        last_kept = true;
    }
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<Line>, Vec<Removed>) {
        let lines = text.lines().map(Line::plain).collect();
        let mut removed = Vec::new();
        (extract(lines, &mut removed, &mut Vec::new()), removed)
    }

    #[test]
    fn a_page_of_several_speeches_is_cut_at_its_markers() {
        let lines = "春训讲话（精选2篇）\n春训讲话篇1\n同志们：\n今天我们开始春训，大家要认真参加。\n春训讲话篇2\n各位教练：\n训练要讲科学，也要讲安全。\n第三篇：在春训总结会上的讲话\n同志们：\n春训圆满结束了。"
            .lines()
            .map(Line::plain)
            .collect();
        let (mut removed, mut pieces) = (Vec::new(), Vec::new());
        let out = extract(lines, &mut removed, &mut pieces);
        assert_eq!(
            texts(&out),
            [
                "同志们：",
                "今天我们开始春训，大家要认真参加。",
                "各位教练：",
                "训练要讲科学，也要讲安全。",
                "在春训总结会上的讲话",
                "同志们：",
                "春训圆满结束了。"
            ]
        );
        assert_eq!(pieces, [2, 4]);
        assert_eq!(out[4].hint, Some(Hint::Title));
        assert!(
            removed.iter().all(|r| r.reason == "collection"),
            "{removed:?}"
        );
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn page_above_the_title_goes_and_the_title_is_the_occasion() {
        let (lines, removed) = run(
            "用户登录 免费注册\n您的位置：首页 > 讲话稿 > 会议讲话\n在全区植树动员大会上的讲话（精选6篇）\n在全区植树动员大会上的讲话篇1\n发布者：老张 2023-03-01 08:12\n在全区植树动员大会上的讲话\n各位同志：\n今天我们在这里召开植树动员大会，部署今年的绿化工作。\n希望大家把树种好、管好。\n上一篇：春耕讲话\n点击查看更多",
        );
        assert_eq!(
            texts(&lines),
            [
                "在全区植树动员大会上的讲话",
                "各位同志：",
                "今天我们在这里召开植树动员大会，部署今年的绿化工作。",
                "希望大家把树种好、管好。"
            ]
        );
        assert_eq!(lines[0].hint, Some(Hint::Title));
        let reasons: Vec<&str> = removed.iter().map(|r| r.reason).collect();
        assert!(reasons.contains(&"navigation"), "{reasons:?}");
        assert!(reasons.contains(&"collection"), "{reasons:?}");
        assert!(reasons.contains(&"metadata"), "{reasons:?}");
        assert!(reasons.contains(&"footer"), "{reasons:?}");
        assert_eq!(removed.len(), 7, "{removed:?}");
    }

    #[test]
    fn a_site_introduction_glued_to_the_speech_goes_by_its_sentences() {
        let (lines, removed) = run(
            "植树讲话（精选3篇）大家都写过讲话吧。下面是小编整理的植树讲话，仅供参考。植树讲话篇一春风吹绿了山岗，我们又一次来到这里植树。今天的任务很重。",
        );
        assert_eq!(
            texts(&lines),
            ["春风吹绿了山岗，我们又一次来到这里植树。今天的任务很重。"]
        );
        assert!(removed.iter().any(|r| r.reason == "site-intro"));
    }

    #[test]
    fn a_title_glued_to_the_greeting_is_found() {
        let (lines, _) = run(
            "免费下载后可任意编辑在全镇防汛会议上讲话同志们：今年汛期来得早，我们要早作准备。各村要落实责任。",
        );
        assert_eq!(lines[0].text, "在全镇防汛会议上讲话");
        assert_eq!(lines[0].hint, Some(Hint::Title));
        assert_eq!(lines[1].text, "同志们：");
        assert_eq!(
            lines[2].text,
            "今年汛期来得早，我们要早作准备。各村要落实责任。"
        );
    }

    #[test]
    fn a_greeting_inside_the_speech_takes_nothing_above_it() {
        let body = "我们要把群众的事当成自己的事，一件一件办好，一年一年坚持下去。".repeat(6);
        let text = format!("{body}\n同志们：\n让我们共同努力。");
        let (lines, removed) = run(&text);
        assert_eq!(
            texts(&lines),
            [body.as_str(), "同志们：", "让我们共同努力。"]
        );
        assert!(removed.is_empty());
    }

    #[test]
    fn speech_that_looks_like_a_page_word_stays() {
        // An excerpt opening on a heading, a slogan with an interface word between prose
        // lines, 示范文明 (not 范文), and a speaker's own 仅供参考 at the end.
        let text = "一、提高认识\n我们要争创全国示范文明城市，这是全市人民的心愿。\n全民阅读\n要把书香社会建起来，让每个人都爱读书。\n以上意见，仅供参考。";
        let (lines, removed) = run(text);
        assert_eq!(
            texts(&lines),
            text.lines().collect::<Vec<_>>(),
            "{removed:?}"
        );
        assert!(removed.is_empty());
    }

    #[test]
    fn links_below_the_speech_go_and_start_no_speech() {
        let (lines, removed) = run(
            "同志们：\n今天开会，大家辛苦了。\n谢谢大家！\n相关推荐\n工会讲话（通用5篇）\n在职工代表大会上的讲话\n春节慰问致辞",
        );
        assert_eq!(
            texts(&lines),
            ["同志们：", "今天开会，大家辛苦了。", "谢谢大家！"]
        );
        assert_eq!(removed.len(), 4, "{removed:?}");
    }

    #[test]
    fn a_document_sites_page_break_is_cut_out_of_the_sentence() {
        let (lines, removed) = run(
            "免费文档可编辑版本在全镇防汛会议上讲话同志们：今年汛期来得早，各村要落实责任，第1页共3页免费文档可编辑版本做到人员到位。",
        );
        assert_eq!(
            lines[2].text,
            "今年汛期来得早，各村要落实责任，做到人员到位。"
        );
        assert!(removed
            .iter()
            .any(|r| r.reason == "page-counter" && r.text == "第1页共3页免费文档可编辑版本"));
        assert_eq!(page_counter("第二页共三页"), None);
    }

    #[test]
    fn a_long_greeting_is_one_line() {
        let (lines, removed) = run(
            "在全市春节团拜会上的致辞\n尊敬的各位老领导、各位老同志，各位来宾，社会各界的朋友们，女士们、先生们：\n新春佳节即将来临，我们欢聚一堂。",
        );
        assert_eq!(lines.len(), 3, "{removed:?}");
        assert!(removed.is_empty());
    }

    #[test]
    fn dates_and_times_of_the_speech_are_no_stamps() {
        assert!(has_stamp("2021-07-09 14:20:36"));
        assert!(has_stamp("发表于2012-7-3"));
        assert!(has_stamp("03:59:00"));
        assert!(!has_stamp("落实2023-2025年行动计划"));
        assert!(!has_stamp("会议于上午8:30开始"));
        let (lines, removed) =
            run("同志们：\n要落实2023-2025年行动计划。\n会议定于8:30开始\n请大家准时参加。");
        assert_eq!(lines.len(), 4, "{removed:?}");
    }

    #[test]
    fn a_speakers_own_modest_ending_stays() {
        let (lines, removed) =
            run("同志们：\n本站全体职工要守好电网安全。\n以上是我整理的几点意见，仅供参考。");
        assert_eq!(lines.len(), 3, "{removed:?}");
        assert!(is_intro("以下是为大家整理的开幕词，仅供参考。"));
    }

    #[test]
    fn short_lines_inside_the_speech_stay() {
        let (lines, removed) = run(
            "同志们：\n下面，进行第一项议程：\n请各单位汇报工作。\n（完）\n一、提高认识\n我们要统一思想。\n谢谢大家！",
        );
        assert_eq!(lines.len(), 7, "{removed:?}");
    }

    #[test]
    fn a_summary_repeating_the_opening_and_the_title_in_front_collapse() {
        let (lines, removed) = run(
            "在市读书节开幕式上的讲话\n在市读书节开幕式上的讲话在读书节开幕之际，我们相聚在这里，共同\n在市读书节开幕式上的讲话在读书节开幕之际，我们相聚在这里，共同分享读书的快乐。",
        );
        assert_eq!(
            texts(&lines),
            [
                "在市读书节开幕式上的讲话",
                "在读书节开幕之际，我们相聚在这里，共同分享读书的快乐。"
            ]
        );
        assert!(removed
            .iter()
            .any(|r| r.text.ends_with("我们相聚在这里，共同")));
    }

    #[test]
    fn a_title_the_site_ran_into_the_text_goes() {
        // A text's name after a colon at the line's end; the speaker's own 讲话稿 stays.
        let (lines, removed) = run(
            "同志们：\n下面，进行第二项议程：春季植树动员会主持词\n请林业局局长讲话。\n各单位要认真学习这份讲话稿。会后请把讲话稿带回去。",
        );
        assert_eq!(
            texts(&lines),
            [
                "同志们：",
                "下面，进行第二项议程：",
                "请林业局局长讲话。",
                "各单位要认真学习这份讲话稿。会后请把讲话稿带回去。"
            ]
        );
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert_eq!(
            (removed[0].text.as_str(), removed[0].reason),
            ("春季植树动员会主持词", "seo-title")
        );
        // A 在……上的讲话 on the page's topic where the sentence runs on; the speaker's own
        // references to a speech (……讲话精神, ……讲话，) stay.
        let (lines, removed) = run(
            "首页 > 讲话 > 春季防火讲话（通用3篇）\n今天召开全县春季防火工作会议，各乡镇都来了。去年全县发生火情12起、县长在全县春季防火工作会议上的讲话过火面积30亩，教训深刻。\n要传达好、省长在全省春季防火工作会议上的讲话精神，落实好、市长在全市春季防火工作会议上的讲话，抓好防范。",
        );
        assert_eq!(
            texts(&lines),
            [
                "今天召开全县春季防火工作会议，各乡镇都来了。去年全县发生火情12起、过火面积30亩，教训深刻。",
                "要传达好、省长在全省春季防火工作会议上的讲话精神，落实好、市长在全市春季防火工作会议上的讲话，抓好防范。"
            ]
        );
        assert!(removed
            .iter()
            .any(|r| r.reason == "seo-title" && r.text == "县长在全县春季防火工作会议上的讲话"));
        assert_eq!(
            removed.iter().filter(|r| r.reason == "seo-title").count(),
            1
        );
        // Off the page's topic, a title is not taken for an injected one.
        let (lines, _) = run(
            "首页 > 讲话 > 春季防火讲话\n去年全县发生火情12起、县长在全县秋收工作会议上的讲话过火面积30亩，教训深刻。",
        );
        assert!(lines[0].text.contains("秋收工作会议上的讲话过火"));
    }

    #[test]
    fn structured_sources_are_left_alone() {
        let lines = vec![
            Line {
                text: "首页 > 讲话".into(),
                hint: Some(Hint::Title),
            },
            Line::plain("同志们："),
        ];
        let mut removed = Vec::new();
        assert_eq!(extract(lines.clone(), &mut removed, &mut Vec::new()), lines);
        assert!(removed.is_empty());
    }
}
