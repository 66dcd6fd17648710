//! Cleaning text copied from material websites (范文网站): site cruft out (ads, contact
//! and QR lines, watermarks inside paragraphs, URLs, "试读结束", disclaimers, navigation
//! and link lists), pinyin annotations out, Traditional → Simplified, lines broken
//! mid-sentence rejoined, spaces and indents normalised.
//!
//! The rule that matters most: never drop a line of the speech itself. Whole lines go only
//! on patterns no speech contains (site names, "本站", "试读结束", a bare page counter);
//! everything removed is reported with a reason so the writer can see it.

use std::sync::OnceLock;

use serde::Serialize;

use super::patterns::{
    ends_sentence, heading_marker, is_cjk, is_greeting, lead_marker, starts_unit,
};

/// Something the cleaner took out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Removed {
    pub text: String,
    /// `ad`, `watermark`, `url`, `note`, `disclaimer`, `navigation`, `metadata`,
    /// `contents`, `footer`, `pinyin`, `duplicate-title`, `page-counter`, and from the
    /// main-text extraction `site-intro`, `collection`, `page`, `duplicate`, `seo-title`.
    pub reason: &'static str,
}

/// A removal reason as the writer reads it.
pub fn reason_label(reason: &str) -> &'static str {
    match reason {
        "ad" => "广告、推广",
        "watermark" => "水印",
        "url" => "网址",
        "note" => "网站附注（试读、未完、字数、编辑说明）",
        "disclaimer" => "免责、版权声明",
        "navigation" => "网站导航、链接",
        "metadata" => "作者、来源、时间、阅读量",
        "contents" => "目录",
        "footer" => "正文后的网页内容",
        "pinyin" => "拼音注音",
        "duplicate-title" => "重复的标题",
        "page-counter" => "页码、计数",
        "site-intro" => "网站的导语、小编说明",
        "collection" => "合集标题、篇目",
        "page" => "正文前后的网页内容",
        "duplicate" => "重复的段落",
        "seo-title" => "网站插进句中的标题",
        _ => "其他网页杂项",
    }
}

/// One line of input with what the source already says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// The source's own structure (a .docx style, a Markdown heading), if any.
    pub hint: Option<super::Hint>,
}

impl Line {
    pub fn plain(text: impl Into<String>) -> Self {
        Line {
            text: text.into(),
            hint: None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub lines: Vec<Line>,
    pub removed: Vec<Removed>,
    /// The text was Traditional and was converted.
    pub traditional: bool,
    /// The text is Traditional but the conversion to Simplified could not be loaded.
    pub unconverted: bool,
    /// Where the later speeches of a page holding several start (indices into `lines`).
    pub pieces: Vec<usize>,
}

/// Cleans lines. `rejoin`: plain text, where a paragraph may be broken over several lines.
pub fn clean(lines: Vec<Line>, rejoin: bool) -> Cleaned {
    let mut out = Cleaned::default();
    // 1. Pinyin annotations, then Traditional → Simplified (the patterns below are
    //    written in Simplified).
    let toned: usize = lines.iter().map(|l| count_pinyin(&l.text, false)).sum();
    let mut lines: Vec<Line> = lines
        .into_iter()
        .map(|mut l| {
            l.text = strip_pinyin(&l.text, toned >= 3, &mut out.removed);
            l
        })
        .collect();
    if is_traditional(lines.iter().map(|l| l.text.as_str())) {
        // Without the converter the text stays Traditional, and the analysis says so.
        out.unconverted = converter().is_none();
        if let Some(cc) = converter() {
            out.traditional = true;
            for l in &mut lines {
                l.text = aspect_zhe(&cc.convert(&l.text));
            }
        }
    }

    // 2. Line by line: drop cruft lines, cut inline cruft, normalise spaces.
    //    `None` in `kept` marks a break: a removed or blank line, never joined across.
    let mut kept: Vec<Option<Line>> = Vec::with_capacity(lines.len());
    let mut in_contents = false;
    let mut tail = false;
    let mut seen_body = false;
    for line in lines {
        let mut raw = line.text.trim();
        if tail {
            if !raw.is_empty() {
                out.removed.push(removed(raw, "footer"));
            }
            continue;
        }
        if raw.is_empty() {
            kept.push(None);
            continue;
        }
        if in_contents {
            if only_dots(raw) {
                out.removed.push(removed(raw, "contents"));
                in_contents = false;
                kept.push(None);
                continue;
            }
            if starts_unit(raw) && raw.chars().count() <= 40 && !raw.contains('。') {
                out.removed.push(removed(raw, "contents"));
                continue;
            }
            in_contents = false;
        }
        if raw.starts_with("目录") || raw.starts_with("提纲") {
            let label = split_runs(raw).first().copied().unwrap_or(raw);
            // A page on one line: only the label's run is the contents; the rest of the
            // line (with the speech in it) goes on as a line of its own.
            if label.len() < raw.len() && raw.contains(['。', '！', '？']) {
                out.removed.push(removed(label.trim(), "contents"));
                raw = raw[label.len()..].trim();
            } else {
                out.removed.push(removed(raw, "contents"));
                in_contents = true;
                kept.push(None);
                continue;
            }
        }
        let tail_line = seen_body && is_tail_marker(raw);
        // Watermarks and URLs come out of the line first: what is left decides whether
        // the line is the site's or the speech's.
        let mut cuts = Vec::new();
        let mut text = cut_site_claims(&cut_inline(raw, &mut cuts), &mut cuts);
        let rest = text.trim_end_matches(TAIL_CUT);
        let reason = if tail_line {
            Some("footer")
        } else {
            cruft_line(rest.trim(), seen_body)
        };
        let mut runs_removed = Vec::new();
        let mut tail_after = false;
        if let Some(reason) = reason {
            // The site's words are on this line; speech may share it (a page that lost
            // its line breaks). Keep the runs that are not the site's. A short line
            // without a sentence is judged whole, as it always was (a menu: 首页 > 范文).
            let rest = rest.trim();
            let short = rest.chars().take(31).count() <= 30 && !rest.contains(['。', '！', '？']);
            let speech = if short {
                None
            } else {
                speech_runs(rest, seen_body, &mut runs_removed)
            };
            match speech {
                Some((speech, ends_page)) => {
                    let cut_tail = text.ends_with(TAIL_CUT);
                    text = speech;
                    if cut_tail {
                        text.push_str(TAIL_CUT);
                    }
                    tail_after = ends_page;
                }
                None => {
                    out.removed.push(removed(raw, reason));
                    if tail_line {
                        tail = true;
                    } else {
                        kept.push(None);
                    }
                    continue;
                }
            }
        }
        out.removed.extend(cuts);
        out.removed.extend(runs_removed);
        // A cut that leaves a trailing "(未完" note ends the page: what follows is footer.
        if text.ends_with(TAIL_CUT) {
            text.truncate(text.len() - TAIL_CUT.len());
            tail = true;
        }
        tail |= tail_after;
        for part in split_at_lost_breaks(&text) {
            let part = normalise_spaces(part);
            if part.is_empty() || only_dots(&part) {
                kept.push(None);
                continue;
            }
            kept.push(Some(Line {
                text: part,
                hint: line.hint,
            }));
            seen_body = true;
        }
    }

    // 3. Rejoin lines broken mid-sentence, and drop the page's repeated title.
    let mut joined: Vec<Line> = Vec::new();
    let mut open = false;
    for item in kept {
        let Some(line) = item else {
            open = false;
            continue;
        };
        if rejoin && open && !starts_unit(&line.text) {
            if let Some(last) = joined
                .last_mut()
                .filter(|last| !super::extract::stands_alone(&last.text, &line.text))
            {
                join_into(&mut last.text, &line.text);
                open = !ends_sentence(&last.text);
                continue;
            }
        }
        let first = joined.is_empty();
        // A heading or greeting is complete; an item or paragraph may go on.
        open = !first
            && !ends_sentence(&line.text)
            && heading_marker(&line.text).is_none()
            && !is_greeting(&line.text)
            && line.hint.is_none();
        if joined.len() == 1 && joined[0].text == line.text {
            out.removed.push(removed(&line.text, "duplicate-title"));
            continue;
        }
        joined.push(line);
    }
    for l in &mut joined {
        l.text = crate::check::fix_half_width(&l.text);
    }
    // 4. The speech region of a copied page (plain text only: a structured source has
    //    its own structure).
    if rejoin {
        joined = super::extract::extract(joined, &mut out.removed, &mut out.pieces);
    }
    out.lines = joined;
    out
}

fn removed(text: &str, reason: &'static str) -> Removed {
    Removed {
        text: text.to_string(),
        reason,
    }
}

fn only_dots(s: &str) -> bool {
    s.chars().all(|c| {
        matches!(c, '…' | '.' | '。' | '·' | '-' | '—' | '=' | '*' | '_') || c.is_whitespace()
    })
}

/// Joins a wrapped line: Chinese text without a space, Latin words with one.
fn join_into(into: &mut String, next: &str) {
    if into.ends_with(|c: char| c.is_ascii_alphanumeric())
        && next.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        into.push(' ');
    }
    into.push_str(next);
}

// ---------------------------------------------------------------------------------------
// Pinyin: 導(dǎo)語 — a syllable in parentheses right after a Chinese character.

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// The pinyin annotation starting at `s` (just after a Chinese character): its length.
fn pinyin_at(s: &str, plain_too: bool) -> Option<usize> {
    let (open, close) = if s.starts_with('(') {
        ('(', ')')
    } else if s.starts_with('（') {
        ('（', '）')
    } else {
        return None;
    };
    let inner = &s[open.len_utf8()..];
    // A syllable has at most 6 letters: look no further than the 7th character for the
    // closing bracket, so an unclosed "(" costs nothing on a long line.
    let end = inner
        .char_indices()
        .take(7)
        .find(|(_, c)| *c == close)
        .map(|(i, _)| i)?;
    let syl = &inner[..end];
    let n = syl.chars().count();
    let letters = syl
        .chars()
        .all(|c| c.is_ascii_lowercase() || TONED.contains(c) || c == 'ü');
    let toned = syl.chars().any(|c| TONED.contains(c) || c == 'ü');
    ((1..=6).contains(&n) && letters && (toned || plain_too))
        .then_some(open.len_utf8() + end + close.len_utf8())
}

fn count_pinyin(s: &str, plain_too: bool) -> usize {
    let mut n = 0;
    let mut prev_cjk = false;
    for (i, c) in s.char_indices() {
        if prev_cjk && pinyin_at(&s[i..], plain_too).is_some() {
            n += 1;
        }
        prev_cjk = is_cjk(c);
    }
    n
}

fn strip_pinyin(s: &str, plain_too: bool, removed_out: &mut Vec<Removed>) -> String {
    if !s.contains(['(', '（']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut prev_cjk = false;
    let mut skip_to = 0;
    for (i, c) in s.char_indices() {
        if i < skip_to {
            continue;
        }
        if prev_cjk {
            if let Some(len) = pinyin_at(&s[i..], plain_too) {
                removed_out.push(removed(&s[i..i + len], "pinyin"));
                skip_to = i + len;
                continue;
            }
        }
        out.push(c);
        prev_cjk = is_cjk(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Traditional → Simplified.

/// Characters common in speeches that only Traditional text uses. A text where they
/// make up a noticeable share of the Chinese characters is Traditional.
const TRADITIONAL: &str = "們個這來說會時對國區經發與為學動實進黨員關織現體與業會議講話導語開們將應當從並幹認識範務際點線條勢頭書記長門問題屬於們處應該團結總條華義產權歲層濟費條讓對導強調";

fn is_traditional<'a>(lines: impl Iterator<Item = &'a str>) -> bool {
    let mut cjk = 0usize;
    let mut trad = 0usize;
    for c in lines
        .flat_map(str::chars)
        .filter(|c| is_cjk(*c))
        .take(20_000)
    {
        cjk += 1;
        if TRADITIONAL.contains(c) {
            trad += 1;
        }
    }
    cjk >= 4 && trad * 50 >= cjk
}

/// Traditional text writes the aspect particle 着 as 著; the conversion leaves it (著 is
/// also Simplified: 著名, 显著). After a verb (有著, 随著, 意味著) it is 着.
fn aspect_zhe(s: &str) -> String {
    if !s.contains('著') {
        return s.to_string();
    }
    const VERBS: &str = "有随沿味本向朝接看靠在顺绕表志满负挥担怀带领持照存隔";
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_verb = i > 0 && VERBS.contains(chars[i - 1]);
        let noun_next = chars.get(i + 1).is_some_and(|n| "作名称述录".contains(*n));
        out.push(if c == '著' && after_verb && !noun_next {
            '着'
        } else {
            c
        });
    }
    out
}

fn converter() -> Option<&'static ferrous_opencc::OpenCC> {
    static CC: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    CC.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok()
    })
    .as_ref()
}

// ---------------------------------------------------------------------------------------
// Cruft lines.

/// Phrases only a website prints: a line holding one is not part of the speech.
const SITE: &[(&str, &str)] = &[
    ("文秘网", "watermark"),
    ("写作网", "ad"),
    ("范文网", "ad"),
    ("正式会员", "watermark"),
    ("会员可", "watermark"),
    ("查阅全文", "ad"),
    ("阅读全文", "ad"),
    ("下载全文", "ad"),
    ("当前仅显示", "note"),
    ("试读结束", "note"),
    ("网友上传", "disclaimer"),
    ("用户自发贡献", "disclaimer"),
    ("不代表本站", "disclaimer"),
    ("本站仅提供", "disclaimer"),
    ("本站将", "disclaimer"),
    ("本站观点", "disclaimer"),
    ("如若转载", "disclaimer"),
    ("请注明出处", "disclaimer"),
    ("版权归原作者", "disclaimer"),
    ("侵权请联系", "disclaimer"),
    ("涉嫌抄袭侵权", "disclaimer"),
    ("立即扫码", "ad"),
    ("扫码关注", "ad"),
    ("扫码添加", "ad"),
    ("扫描二维码", "ad"),
    ("长按识别", "ad"),
    ("加客服", "ad"),
    ("客服微信", "ad"),
    ("加微信", "ad"),
    ("微信咨询", "ad"),
    ("微信号：", "ad"),
    ("代找资料", "ad"),
    ("代查找", "ad"),
    ("公文写作资料", "ad"),
    ("私发想要", "ad"),
    ("返回顶部", "navigation"),
    ("相关推荐", "navigation"),
    ("相关文章", "navigation"),
    ("猜你喜欢", "navigation"),
    ("搜索资料", "navigation"),
    ("全部分类", "navigation"),
    ("搜索教程", "navigation"),
    ("投稿用户", "navigation"),
    ("上一篇", "navigation"),
    ("下一篇", "navigation"),
    ("收藏《", "navigation"),
    ("打印本页", "navigation"),
    ("关闭窗口", "navigation"),
    ("责任编辑", "metadata"),
];

/// Words that mark a short line (no sentence in it) as the page's, not the speech's.
const SHORT_SITE: &[(&str, &str)] = &[
    ("客服", "ad"),
    ("微信", "ad"),
    ("二维码", "ad"),
    ("扫码", "ad"),
    ("QQ", "ad"),
    ("qq.com", "ad"),
    ("分享到", "navigation"),
    ("首页", "navigation"),
    ("点击", "navigation"),
    ("浏览", "metadata"),
    ("阅读量", "metadata"),
    ("点赞", "navigation"),
    ("评论", "navigation"),
    ("举报", "navigation"),
];

/// Page metadata at the start of a line: 时间：2022-02-13 03:59:00, 导语：…, 来源：…
const META_PREFIX: &[&str] = &[
    "时间",
    "发布时间",
    "发表时间",
    "更新时间",
    "发布日期",
    "来源",
    "文章来源",
    "作者",
    "导语",
    "浏览次数",
    "点击数",
    "阅读次数",
    "字数",
];

/// Lines after which the page has only footer left.
fn is_tail_marker(s: &str) -> bool {
    let short = s.chars().count() <= 60;
    s.contains("试读结束")
        || (short
            && (s.contains("相关推荐")
                || s.contains("上一篇")
                || s.contains("下一篇")
                || s.contains("返回顶部")
                || s.starts_with("收藏《")))
}

/// The reason of the first [`SITE`] phrase (in the list's order) that `s` holds. A long
/// line is searched phrase by phrase (fast scans); a short one in one pass that tries only
/// the phrases starting with the character at hand (49 searches of a short line cost more
/// than the line: an import of a million short lines spent a fifth of its time here).
fn site_phrase(s: &str) -> Option<&'static str> {
    if s.len() > 512 {
        return SITE
            .iter()
            .find(|(word, _)| s.contains(word))
            .map(|(_, reason)| *reason);
    }
    static BY_FIRST: OnceLock<Vec<(char, Vec<usize>)>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut t: Vec<(char, Vec<usize>)> = Vec::new();
        for (k, (word, _)) in SITE.iter().enumerate() {
            let Some(c) = word.chars().next() else {
                continue;
            };
            match t.iter_mut().find(|(f, _)| *f == c) {
                Some((_, ks)) => ks.push(k),
                None => t.push((c, vec![k])),
            }
        }
        t.sort_unstable_by_key(|(c, _)| *c);
        t
    });
    let mut first: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let Ok(at) = by_first.binary_search_by_key(&c, |(f, _)| *f) else {
            continue;
        };
        for &k in &by_first[at].1 {
            if first.is_none_or(|f| k < f) && s[i..].starts_with(SITE[k].0) {
                first = Some(k);
            }
        }
    }
    first.map(|k| SITE[k].1)
}

fn cruft_line(s: &str, seen_body: bool) -> Option<&'static str> {
    if let Some(reason) = site_phrase(s) {
        return Some(reason);
    }
    let chars = s.chars().count();
    let sentence = s.contains(['。', '！', '？']);
    if chars <= 30 && !sentence {
        for (word, reason) in SHORT_SITE {
            if s.contains(word) {
                return Some(reason);
            }
        }
    }
    let head = s.trim_start_matches(['-', '•', '·', '*', ' ']);
    for p in META_PREFIX {
        if let Some(rest) = head.strip_prefix(p) {
            if rest.starts_with(['：', ':']) && (!seen_body || chars <= 40) {
                // 作者：, 来源：… before the speech; a time stamp anywhere.
                if !seen_body || rest.contains(|c: char| c.is_ascii_digit()) {
                    return Some("metadata");
                }
            }
        }
    }
    // A bare page counter or hit count: "75", "(0)".
    let bare = s.trim_matches(['(', ')', '（', '）', ' ']);
    if !bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()) {
        return Some("page-counter");
    }
    if url_only(s) {
        return Some("url");
    }
    None
}

/// The speech in a line that holds the site's words: the line split into runs (see
/// [`split_runs`]), each run decided alone with the line rules. `None` when every run is
/// the site's (the caller reports the whole line, as for any cruft line); otherwise the
/// kept runs in order, and whether a run ended the page (a footer marker).
fn speech_runs(
    line: &str,
    mut seen_body: bool,
    removed_out: &mut Vec<Removed>,
) -> Option<(String, bool)> {
    let mut kept = String::with_capacity(line.len());
    let mut dropped = Vec::new();
    let mut tail = false;
    // Dots between runs stay only between kept runs (an ellipsis in the speech).
    let mut dots = "";
    let mut pieces: Vec<&str> = Vec::new();
    for whole in split_runs(line) {
        // Before the speech, a page may run its title into its metadata (讲话时间：…): a
        // metadata label starts a run there. Not later, where 时间： may be the speech's.
        if seen_body {
            pieces.push(whole);
        } else {
            pieces.extend(meta_splits(whole));
        }
        for run in pieces.drain(..) {
            let t = run.trim();
            if t.is_empty() || only_dots(t) {
                dots = run;
                continue;
            }
            let reason = if tail {
                Some("footer")
            } else if seen_body && is_tail_marker(t) {
                tail = true;
                Some("footer")
            } else {
                cruft_line(t, seen_body)
            };
            match reason {
                Some(reason) => dropped.push(removed(t, reason)),
                None => {
                    kept.push_str(dots);
                    kept.push_str(run);
                    seen_body = true;
                }
            }
            dots = "";
        }
    }
    if kept.trim().is_empty() {
        return None;
    }
    removed_out.extend(dropped);
    Some((kept, tail))
}

/// A run cut before every metadata label inside it (时间： 来源： …), all found in one pass
/// per label; a label inside a longer one (时间 in 发布时间) is no cut.
fn meta_splits(run: &str) -> Vec<&str> {
    let mut at: Vec<(usize, usize)> = Vec::new();
    for p in META_PREFIX {
        for (i, _) in run.match_indices(p) {
            if i > 0 && run[i + p.len()..].starts_with(['：', ':']) {
                at.push((i, i + p.len()));
            }
        }
    }
    if at.is_empty() {
        return vec![run];
    }
    at.sort_unstable();
    let mut out = Vec::new();
    let (mut start, mut label_end) = (0, 0);
    for (i, end) in at {
        if i < label_end {
            continue;
        }
        out.push(&run[start..i]);
        start = i;
        label_end = end;
    }
    out.push(&run[start..]);
    out
}

fn gap(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}'
}

/// A line cut into runs, each a slice of it in order (together the whole line): after a
/// sentence end (with the closing quotes after it), after a gap of spaces (not one between
/// two Latin letters or digits: `Word 2016`, `03:59:00`), after a site separator
/// (`|` `｜` `丨`), and around an ellipsis or a row of dots.
pub(crate) fn split_runs<'a>(s: &'a str) -> Vec<&'a str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(s.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut start = 0;
    let mut cut = |at: usize, out: &mut Vec<&'a str>| {
        if at > start {
            out.push(&s[start..at]);
            start = at;
        }
    };
    // The spaces after a cut go with the run before it.
    let gaps_from = |mut j: usize| {
        while chars.get(j).is_some_and(|(_, c)| gap(*c)) {
            j += 1;
        }
        j
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';') {
            let mut j = i + 1;
            while chars
                .get(j)
                .is_some_and(|(_, c)| matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '"'))
            {
                j += 1;
            }
            let j = gaps_from(j);
            cut(byte(j), &mut out);
            i = j;
        } else if gap(c) {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|(_, c)| gap(*c)) {
                j += 1;
            }
            let latin = |k: Option<usize>| {
                k.and_then(|k| chars.get(k))
                    .is_some_and(|(_, c)| c.is_ascii_alphanumeric())
            };
            if !(latin(i.checked_sub(1)) && latin(Some(j))) {
                cut(byte(j), &mut out);
            }
            i = j;
        } else if matches!(c, '|' | '｜' | '丨') {
            let j = gaps_from(i + 1);
            cut(byte(j), &mut out);
            i = j;
        } else if matches!(c, '.' | '…') {
            let mut j = i + 1;
            while chars.get(j).is_some_and(|(_, c)| matches!(c, '.' | '…')) {
                j += 1;
            }
            let ellipses = chars[i..j].iter().filter(|(_, c)| *c == '…').count();
            if j - i >= 3 || ellipses >= 2 {
                cut(byte(i), &mut out);
                let j = gaps_from(j);
                cut(byte(j), &mut out);
                i = j;
            } else {
                i = j;
            }
        } else {
            i += 1;
        }
    }
    cut(s.len(), &mut out);
    out
}

fn url_only(s: &str) -> bool {
    let spans = url_spans(s);
    let covered: usize = spans.iter().map(|(a, b)| b - a).sum();
    !spans.is_empty() && covered + 2 >= s.trim().len()
}

// ---------------------------------------------------------------------------------------
// Inline cruft: watermarks in brackets, URLs.

/// Marker appended by [`cut_inline`] when a "(未完…" note cut the rest of the line.
const TAIL_CUT: &str = "\u{0}TAIL";

/// Words that make a bracketed span a site watermark, not the speech's own aside.
const WATERMARK: &[&str] = &[
    "文秘网",
    "写作网",
    "会员",
    "省略",
    "未完",
    "全文",
    "仅显示",
    "本站",
    "阅读下面",
    "试读",
    "本文由",
];

/// 【】 and [] hold the speech's own placeholders (【会员人数】): only site words and
/// addresses make them a watermark.
const SQUARE_WATERMARK: &[&str] = &[
    "本文由",
    "本站",
    "文秘网",
    "写作网",
    "范文网",
    "文库",
    "www.",
    "http",
];

fn is_watermark(inner: &str) -> bool {
    if WATERMARK.iter().any(|w| inner.contains(w)) {
        return true;
    }
    // (6376字): a word count the site added to a title.
    let t = inner.trim();
    t.ends_with('字')
        && t.chars().count() >= 2
        && t[..t.len() - '字'.len_utf8()]
            .chars()
            .all(|c| c.is_ascii_digit())
}

/// Words of a site's note on how it edited the text it shows: (单字替换) on 50, and of the
/// same kind as the notes already cut here ((省略99字), (未完，全文共…字) on 49): the site
/// speaking about its copy, never the speaker about his words.
const EDITOR_NOTE: &[&str] = &["替换", "删节", "删减", "脱敏", "已隐去"];

/// A short bracketed note of the site's editing: (单字替换), (有删节).
fn editor_note(inner: &str) -> bool {
    inner.chars().nth(12).is_none() && EDITOR_NOTE.iter().any(|w| inner.contains(w))
}

/// The longest bracketed span that can be a watermark, in characters.
const WATERMARK_MAX: usize = 120;

/// Cuts bracketed watermarks (with the ellipses around them) and URLs out of a line.
/// One pass: the kept text is copied out once, and the closing bracket is looked for only
/// within [`WATERMARK_MAX`] characters (a longer span is never a watermark), so a line of
/// unclosed brackets stays linear.
fn cut_inline(s: &str, removed_out: &mut Vec<Removed>) -> String {
    let mut out = String::with_capacity(s.len());
    // `s[..copied]` is in `out` (minus what was cut); the search goes on from `from`.
    let mut copied = 0;
    let mut from = 0;
    // Per closer kind (】, ], round): where the next one is (usize::MAX: none), Some(0) to
    // start with so that the first opener searches.
    let mut next_close: [Option<usize>; 3] = [Some(0); 3];
    while let Some(pos) = s[from..].find(['(', '（', '【', '[']).map(|p| p + from) {
        let open = s[pos..].chars().next().unwrap_or('(');
        let open_len = open.len_utf8();
        let rest = &s[pos + open_len..];
        // Sites mix half- and full-width parentheses; 【】 and [] close themselves.
        let closes = |c: char| match open {
            '【' => c == '】',
            '[' => c == ']',
            _ => c == ')' || c == '）',
        };
        // The next closer of this kind, remembered from the last search (positions only
        // grow), so a line of openers without closers is not searched once per opener.
        let k = match open {
            '【' => 0,
            '[' => 1,
            _ => 2,
        };
        if next_close[k].is_some_and(|c| c < pos + open_len) {
            next_close[k] = s[pos + open_len..]
                .find(closes)
                .map(|c| c + pos + open_len)
                .or(Some(usize::MAX));
        }
        let close = next_close[k]
            .filter(|c| *c != usize::MAX)
            .map(|c| c - (pos + open_len));
        // The span is a watermark only if it holds at most WATERMARK_MAX characters (at
        // most 4 bytes each: longer in bytes is never counted).
        let span = close.unwrap_or(rest.len());
        let too_long =
            span > 4 * WATERMARK_MAX || rest[..span].chars().nth(WATERMARK_MAX).is_some();
        let (inner, end) = match close {
            Some(c) => {
                let close_len = rest[c..].chars().next().map_or(0, char::len_utf8);
                (&rest[..c], pos + open_len + c + close_len)
            }
            None => (rest, s.len()),
        };
        let round = !matches!(open, '【' | '[');
        let note = !too_long && round && editor_note(inner);
        let site = !too_long
            && match open {
                '【' | '[' => SQUARE_WATERMARK.iter().any(|w| inner.contains(w)),
                _ => note || is_watermark(inner),
            };
        if !site {
            from = pos + open_len;
            continue;
        }
        out.push_str(&s[copied..pos]);
        let start = out.len() - trailing_dots(&out);
        let end = end + leading_dots(&s[end..]);
        let mut cut = out.split_off(start);
        cut.push_str(&s[pos..end]);
        removed_out.push(removed(cut.trim(), if note { "note" } else { "watermark" }));
        copied = end;
        from = end;
        if close.is_none() && (cut.contains("未完") || cut.contains("仅显示")) {
            out.push_str(&s[copied..]);
            out.push_str(TAIL_CUT);
            return out;
        }
    }
    out.push_str(&s[copied..]);
    // URLs, in one pass.
    let spans = url_spans(&out);
    if spans.is_empty() {
        return out;
    }
    let mut kept = String::with_capacity(out.len());
    let mut at = 0;
    for &(a, b) in &spans {
        kept.push_str(&out[at..a]);
        at = b;
    }
    kept.push_str(&out[at..]);
    // Reported last to first, as they always were.
    removed_out.extend(spans.iter().rev().map(|&(a, b)| removed(&out[a..b], "url")));
    kept
}

// ---------------------------------------------------------------------------------------
// A material site's claim on its text, run into a sentence without brackets.

/// Words of a site claiming its material or pointing to more of it: 本资料权属某某网,
/// 版权归某某网所有, 放上鼠标按照提示查看某某网更多资料. A speaker says them of no text
/// of his; with the site's name beside them they are the site's (12: inside a word of the
/// speech; the corpus speech 组织宣传: 如来写作网……(可搜索其他更多资料); 23: 请点此查看
/// 更多更全内容).
const CLAIM: &[&str] = &[
    "资料权属",
    "版权归",
    "版权所有",
    "放上鼠标",
    "更多资料",
    "更多范文",
];

/// The widest a claim with its site names can be, in characters.
const CLAIM_MAX: usize = 80;

/// Cuts a site's claims on its material out of a line: the stretch from the first to the
/// last piece (a claim word, or the site's name — ending in 网, said at least twice in the
/// stretch or right beside a claim word), pieces at most 12 characters apart, no
/// sentence end inside. A claim word with no site name beside it stays (版权所有 in a
/// speech on copyright).
fn cut_site_claims(s: &str, removed_out: &mut Vec<Removed>) -> String {
    if !s.contains('网') || !CLAIM.iter().any(|w| s.contains(w)) {
        return s.to_string();
    }
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let at = |b: usize| chars.partition_point(|(i, _)| *i < b);
    let mut out = String::with_capacity(s.len());
    let mut copied = 0;
    let mut claims: Vec<(usize, usize)> = CLAIM
        .iter()
        .flat_map(|w| {
            s.match_indices(w)
                .map(|(i, w)| (at(i), at(i) + w.chars().count()))
        })
        .collect();
    claims.sort_unstable();
    let mut k = 0;
    while k < claims.len() {
        let (c0, c1) = claims[k];
        k += 1;
        let lo = c0.saturating_sub(CLAIM_MAX / 2);
        let hi = (c1 + CLAIM_MAX / 2).min(chars.len());
        let window: String = chars[lo..hi].iter().map(|(_, c)| *c).collect();
        let Some(name) = site_name(&window, c0 - lo, c1 - lo) else {
            continue;
        };
        // Pieces in character positions of the line, in order.
        let mut pieces: Vec<(usize, usize)> = window
            .match_indices(name.as_str())
            .map(|(i, _)| {
                (
                    lo + window[..i].chars().count(),
                    lo + window[..i].chars().count() + name.chars().count(),
                )
            })
            .chain(
                claims[claims.partition_point(|c| c.0 < lo)..]
                    .iter()
                    .copied()
                    .take_while(|c| c.0 < hi)
                    .filter(|c| c.1 <= hi),
            )
            .collect();
        pieces.sort_unstable();
        // The stretch through the claim at hand: pieces chained by gaps of ≤ 12.
        let Some(me) = pieces.iter().position(|&p| p == (c0, c1)) else {
            continue;
        };
        let near = |a: (usize, usize), b: (usize, usize)| {
            b.0 <= a.1 + 12
                && !chars[a.1.min(b.0)..b.0]
                    .iter()
                    .any(|(_, c)| "。！？!?".contains(*c))
        };
        let (mut first, mut last) = (me, me);
        while first > 0 && near(pieces[first - 1], pieces[first]) {
            first -= 1;
        }
        while last + 1 < pieces.len() && near(pieces[last], pieces[last + 1]) {
            last += 1;
        }
        let (a, mut b) = (
            pieces[first].0,
            pieces[first..=last].iter().map(|p| p.1).max().unwrap_or(c1),
        );
        // 本资料权属: the claim's own 本 goes with it.
        let a = if a > 0 && chars[a - 1].1 == '本' && a == c0 {
            a - 1
        } else {
            a
        };
        b = b.min(chars.len());
        // 版权归某某网所有: the claim's own 所有 goes with it.
        if s[chars.get(b).map_or(s.len(), |(i, _)| *i)..].starts_with("所有") {
            b += 2;
        }
        let (ba, bb) = (chars[a].0, chars.get(b).map_or(s.len(), |(i, _)| *i));
        if ba < copied {
            continue;
        }
        out.push_str(&s[copied..ba]);
        removed_out.push(removed(&s[ba..bb], "watermark"));
        copied = bb;
        while k < claims.len() && claims[k].0 < b {
            k += 1;
        }
    }
    out.push_str(&s[copied..]);
    out
}

/// The site's name in a window around a claim word (`c0..c1`, in characters): the longest
/// string of 3–7 Chinese characters ending in the 网 nearest before the claim or after
/// it (within the 12 characters pieces may be apart) that the window holds twice, or
/// that stands right beside the claim. Only those two are tried: a line full of claims
/// costs a few searches of the window per claim.
fn site_name(window: &str, c0: usize, c1: usize) -> Option<String> {
    let w: Vec<char> = window.chars().collect();
    let before = (c0.saturating_sub(13)..c0).rev().find(|&i| w[i] == '网');
    let after = (c1..(c1 + 19).min(w.len())).find(|&i| w[i] == '网');
    let mut best: Option<String> = None;
    for end in before.into_iter().chain(after) {
        for len in (3..=7).rev() {
            let Some(start) = (end + 1).checked_sub(len) else {
                continue;
            };
            if !w[start..=end].iter().all(|c| is_cjk(*c)) {
                continue;
            }
            let name: String = w[start..=end].iter().collect();
            let beside =
                end + 1 == c0 || start == c1 || (start == c1 + 1 && "归属".contains(w[c1]));
            let twice = window.match_indices(name.as_str()).nth(1).is_some();
            if (twice || beside) && best.as_ref().is_none_or(|b| b.chars().count() < len) {
                best = Some(name);
                break;
            }
        }
    }
    best
}

fn trailing_dots(s: &str) -> usize {
    s.chars()
        .rev()
        .take_while(|c| matches!(c, '…' | '.'))
        .map(char::len_utf8)
        .sum()
}

fn leading_dots(s: &str) -> usize {
    s.chars()
        .take_while(|c| matches!(c, '…' | '.'))
        .map(char::len_utf8)
        .sum()
}

fn url_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'*+,;=%".contains(c)
}

/// Byte spans of URLs and bare domains (www.x.com, gw.site.com/9432.html).
fn url_spans(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !(bytes[i] as char).is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len() && bytes[end].is_ascii() && url_char(bytes[end] as char) {
            end += 1;
        }
        let token = &s[start..end];
        let lower = token.to_ascii_lowercase();
        let is_url = lower.contains("://")
            || lower.starts_with("www.")
            || [".com", ".cn", ".net", ".org", ".html", ".htm", ".php"]
                .iter()
                .any(|tld| {
                    lower.find(tld).is_some_and(|p| {
                        p > 0
                            && lower[p + tld.len()..]
                                .chars()
                                .next()
                                .is_none_or(|c| !c.is_ascii_alphabetic())
                    })
                });
        if is_url {
            // Punctuation that ends a sentence is not part of the address.
            let trimmed = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']']);
            out.push((start, start + trimmed.len()));
        }
        i = end.max(i + 1);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Spaces.

/// Drops indentation and the spaces a web page leaves between Chinese characters; keeps
/// one space between Latin words.
fn normalise_spaces(s: &str) -> String {
    let s = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' {
            pending_space = true;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if pending_space {
            let prev = out.chars().last();
            if prev.is_some_and(|p| p.is_ascii_alphanumeric() || p.is_ascii_punctuation())
                && (c.is_ascii_alphanumeric() || c.is_ascii_punctuation())
            {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// "实。 二要持续强化思想引领。" — a new item run into the line before after a sentence
/// end and a space: the web page lost a line break there.
/// Splits where the raw line had sentence end + whitespace + a lead or heading.
pub(crate) fn split_at_lost_breaks(raw: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    // Trailing spaces trimmed once, not at every sentence end.
    let body = raw.trim_end();
    for (i, c) in raw.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；') {
            let after = i + c.len_utf8();
            let rest = &raw[after..];
            let trimmed = rest.trim_start_matches([' ', '\u{3000}', '\t', '\u{a0}']);
            let next = body.get(raw.len() - trimmed.len()..).unwrap_or("");
            if trimmed.len() < rest.len() && (lead_marker(trimmed).is_some() || is_greeting(next)) {
                parts.push(&raw[start..after]);
                start = after + (rest.len() - trimmed.len());
            }
        }
    }
    parts.push(&raw[start..]);
    parts
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reason_has_a_chinese_label() {
        let src = include_str!("clean.rs");
        let mut reasons: Vec<&str> = src
            .split('"')
            .filter(|w| {
                !w.is_empty()
                    && w.len() < 20
                    && w.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            })
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        for r in [
            "ad",
            "watermark",
            "pinyin",
            "footer",
            "contents",
            "duplicate-title",
        ] {
            assert!(reasons.contains(&r), "{r}");
        }
        for r in reasons {
            if super::reason_label(r) == "其他网页杂项" {
                // Only words that are no reason fall through.
                assert!(!src.contains(&format!("removed(raw, \"{r}\")")), "{r}");
                assert!(!src.contains(&format!(", \"{r}\"),")), "{r}");
            }
        }
    }

    use super::*;

    fn lines(s: &str) -> Vec<Line> {
        s.lines().map(Line::plain).collect()
    }

    fn texts(c: &Cleaned) -> Vec<&str> {
        c.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn the_aspect_particle_becomes_simplified() {
        assert_eq!(
            aspect_zhe("有著重要意义，随著发展"),
            "有着重要意义，随着发展"
        );
        assert_eq!(
            aspect_zhe("著名的成绩显著，有著作"),
            "著名的成绩显著，有著作"
        );
    }

    #[test]
    fn pinyin_goes() {
        let c = clean(lines("開(kāi)會(huì)講話。"), true);
        assert_eq!(texts(&c), ["开会讲话。"]);
        assert!(c.traditional);
        assert_eq!(c.removed.iter().filter(|r| r.reason == "pinyin").count(), 2);
        // A real aside in brackets stays.
        let c = clean(lines("表彰先进单位（个人）。"), true);
        assert_eq!(texts(&c), ["表彰先进单位（个人）。"]);
    }

    #[test]
    fn broken_lines_rejoin() {
        let c = clean(
            lines("讲话\n在\n乡村振兴、\n防汛等工作中发挥作用。\n一、加强引领\n一要学习"),
            true,
        );
        assert_eq!(
            texts(&c),
            [
                "讲话",
                "在乡村振兴、防汛等工作中发挥作用。",
                "一、加强引领",
                "一要学习"
            ]
        );
    }

    #[test]
    fn watermark_inside_a_line() {
        let c = clean(
            lines("会议讲话\n同志们：\n开头一段……(某某文秘网http://www.example.cn省略99字,正式会员可阅读)……结尾。"),
            true,
        );
        assert_eq!(texts(&c), ["会议讲话", "同志们：", "开头一段结尾。"]);
    }

    #[test]
    fn watermark_in_square_brackets() {
        let c = clean(
            lines("会议讲话\n同志们：\n二是设施要管用。【本文由某某文库整理 www.example.cn】配齐器材，[本站会员专享]不搞花架子。\n请【届次】届代表发言，【会员人数】名会员参加。"),
            true,
        );
        assert_eq!(
            texts(&c),
            [
                "会议讲话",
                "同志们：",
                "二是设施要管用。配齐器材，不搞花架子。",
                "请【届次】届代表发言，【会员人数】名会员参加。"
            ]
        );
        assert_eq!(
            c.removed.iter().filter(|r| r.reason == "watermark").count(),
            2
        );
    }

    #[test]
    fn site_phrases_found_in_one_pass_as_by_searching_each() {
        let naive = |s: &str| SITE.iter().find(|(w, _)| s.contains(w)).map(|(_, r)| *r);
        let long = "开会".repeat(300);
        for (a, _) in SITE {
            for (b, _) in SITE.iter().step_by(7) {
                for s in [
                    a.to_string(),
                    format!("讲话{b}，{a}结束"),
                    format!("{long}{a}{b}"),
                    format!("本{a}站"),
                ] {
                    assert_eq!(site_phrase(&s), naive(&s), "{s}");
                }
            }
        }
        assert_eq!(site_phrase("今天开会。"), None);
    }

    #[test]
    fn runs_of_a_line() {
        assert_eq!(
            split_runs("首页 | 范文 同志们：今天开会。“好！”Word 2016 就绪……(略)…… 完"),
            [
                "首页 ",
                "| ",
                "范文 ",
                "同志们：今天开会。",
                "“好！”",
                "Word 2016 ",
                "就绪",
                "……",
                "(略)",
                "…… ",
                "完"
            ]
        );
        assert_eq!(split_runs(""), Vec::<&str>::new());
    }

    #[test]
    fn speech_sharing_a_line_with_the_site_stays() {
        let c = clean(
            lines("扫码关注公众号 会议讲话 同志们： 今天召开会议。二要落实。本站仅提供存储服务。 相关推荐 某某总结"),
            true,
        );
        let text = texts(&c).join("\n");
        assert!(text.contains("今天召开会议。"), "{text}");
        assert!(text.contains("二要落实。"), "{text}");
        for cruft in ["扫码", "本站", "相关推荐", "某某总结"] {
            assert!(!text.contains(cruft), "{cruft} in {text}");
        }
        let reasons: Vec<&str> = c.removed.iter().map(|r| r.reason).collect();
        assert!(
            reasons.contains(&"ad") && reasons.contains(&"footer"),
            "{reasons:?}"
        );
        // A menu line is judged whole, as before.
        let c = clean(lines("讲话\n首页 > 范文 > 讲话稿\n同志们：\n开会。"), true);
        assert_eq!(texts(&c), ["讲话", "同志们：", "开会。"]);
    }

    #[test]
    fn long_runs_of_brackets_and_pinyin_stay() {
        let open = "【".repeat(5000);
        let c = clean(lines(&open), true);
        assert_eq!(texts(&c), [open.as_str()]);
        let c = clean(lines(&"中(".repeat(3000)), true);
        assert_eq!(c.lines[0].text, "中（".repeat(3000));
        // A watermark just short enough to be one, unclosed at the end of a line.
        let inner = "本站".repeat(60);
        let c = clean(lines(&format!("开会。【{inner}")), true);
        assert_eq!(texts(&c), ["开会。"]);
        let c = clean(lines(&format!("开会。【{inner}本")), true);
        assert_eq!(texts(&c)[0].chars().count(), 3 + 1 + 121);
    }

    #[test]
    fn a_sites_editing_note_in_brackets_goes() {
        let c = clean(
            lines("同志们：\n我代表厂部（单字替换）组，向受表彰的班组表示祝贺。\n感谢各车间（班组）的支持。"),
            true,
        );
        assert_eq!(
            texts(&c),
            [
                "同志们：",
                "我代表厂部组，向受表彰的班组表示祝贺。",
                "感谢各车间（班组）的支持。"
            ]
        );
        assert_eq!(c.removed.len(), 1, "{:?}", c.removed);
        assert_eq!(
            (c.removed[0].text.as_str(), c.removed[0].reason),
            ("（单字替换）", "note")
        );
    }

    #[test]
    fn a_sites_claim_run_into_a_word_goes() {
        let c = clean(
            lines("同志们：\n要把茶产业做强青松文档网本资料权属青松文档网，放上鼠标按照提示查看青松文档网更多资料做优。\n纪要一份。版权归白杨范本网所有\n我们要尊重版权所有人的权益，可以在网上查找更多资料。"),
            true,
        );
        assert_eq!(
            texts(&c),
            [
                "同志们：",
                "要把茶产业做强做优。",
                "纪要一份。",
                "我们要尊重版权所有人的权益，可以在网上查找更多资料。"
            ]
        );
        let cut: Vec<(&str, &str)> = c
            .removed
            .iter()
            .map(|r| (r.text.as_str(), r.reason))
            .collect();
        assert_eq!(
            cut,
            [
                (
                    "青松文档网本资料权属青松文档网，放上鼠标按照提示查看青松文档网更多资料",
                    "watermark"
                ),
                ("版权归白杨范本网所有", "watermark")
            ]
        );
    }

    #[test]
    fn urls_and_spaces() {
        let c = clean(
            lines("  详见 https://example.com/a.html 的说明。\n  Word 文档 与 WPS 文档。"),
            true,
        );
        assert_eq!(texts(&c), ["详见的说明。", "Word文档与WPS文档。"]);
    }
}
