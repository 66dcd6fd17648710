//! Splitting a long title into balanced lines (GB/T 9704: a long title is set in two or
//! more lines shaped as a trapezoid or diamond, 词意完整). Without a dictionary the breaks
//! are scored by cheap rules: —— (a subtitle's own line), punctuation, 暨, the joints of a
//! title (after an organisation's name, a meeting's ordinal, 的 与 及 和), a short list of
//! words and office names (…局, …厅) that must not be cut; the rest is balance, and a
//! third line when two would cut a word.
//!
//! Also the check that a wrapping heading leaves no character alone on a line
//! ([`lone_char_break`]).

use super::breaking::{closing, opening};
use super::metrics::Metrics;

/// Width in ems on the grid: half-width characters (digits, Latin) half an em.
fn em(c: char) -> f32 {
    Metrics::grid().em(c)
}

fn numeral(c: char) -> bool {
    c.is_ascii_digit() || "第一二三四五六七八九十百千零〇两".contains(c)
}

/// Common two-character words of speech titles; cutting one reads badly.
const WORDS: &[&str] = &[
    "大会", "会议", "讲话", "工作", "工会", "代表", "先进", "个人", "集体", "表彰", "委员", "全体",
    "座谈", "劳动", "模范", "职工", "庆祝", "国际", "开幕", "闭幕", "年度", "扩大", "报告", "会员",
    "仪式", "全市", "全省", "全区", "全县", "总结", "部署", "动员", "推进", "经验", "交流", "党委",
    "组织", "建设", "发展", "主题", "教育", "专题", "培训", "学习", "干部", "纪念", "周年", "成立",
    "启动", "誓师", "命名", "颁奖", "典礼", "论坛", "峰会", "年会", "联席", "现场", "电视", "电话",
    "视频", "工程", "项目", "竞赛", "技能", "服务", "活动", "发言", "全委", "常委", "党组", "党风",
    "廉政", "党课", "讲稿", "走访", "慰问", "一线", "人力", "资源", "社会", "保障", "就业", "合作",
    "协议", "签约", "提升", "职业", "安全", "生产", "创新", "工匠", "劳模", "民主", "管理", "改革",
    "政治", "思想", "理论", "精神", "贯彻", "落实", "述职", "述廉", "汇报", "情况", "开班", "结业",
    "主席", "书记", "领导", "班子", "企业", "集团", "公司", "有限", "公共", "交通", "运动", "文化",
    "春节", "新春", "节日", "五一", "三八", "七一", "国庆", "元旦", "先锋", "示范", "标兵", "岗位",
];

/// Whether a break before `chars[i]` follows the name of an organisation (市总工会 /,
/// 社会保障局 /, 集团有限公司 /): the place between who speaks and where.
fn after_organisation(chars: &[char], i: usize) -> bool {
    let a = chars[i - 1];
    let before = if i >= 2 { chars[i - 2] } else { ' ' };
    match a {
        '局' | '厅' | '院' | '司' | '府' => true,
        '会' => "工协联员事合".contains(before),
        '委' => "党市省区县".contains(before),
        '团' => before == '集',
        _ => false,
    }
}

/// The cost of breaking before `chars[i]`; `None` where a break is not allowed. Below
/// zero where the break is wanted: a subtitle after —— goes on a line of its own.
fn break_cost(chars: &[char], allowed: &[bool], i: usize) -> Option<f32> {
    let (a, b) = (chars[i - 1], chars[i]);
    if closing(b) || opening(a) {
        return None;
    }
    if !allowed[i] {
        return None;
    }
    // Not inside the marker of a slot left blank (【单位】; names are short, so a look
    // back over a few characters is enough and keeps a huge title linear).
    if chars[..i]
        .iter()
        .rev()
        .take(32)
        .find(|c| "【】".contains(**c))
        == Some(&'【')
    {
        return None;
    }
    if b == '—' {
        return Some(-4.0);
    }
    if "，、；：".contains(a) || b == '暨' {
        return Some(0.0);
    }
    // Cutting a number or a word costs more than any imbalance of two lines.
    if numeral(a) && (numeral(b) || "次届年月日个名项号周".contains(b)) {
        return Some(24.0);
    }
    let pair: String = [a, b].iter().collect();
    if WORDS.contains(&pair.as_str()) {
        return Some(20.0);
    }
    // The joints of a title: after an organisation's name (most of all before 第:
    // …委员会 / 第三次…), after 的, 与, 及, before 第 or 在, after a meeting's ordinal
    // when another number follows (十五届 / 三次).
    let organisation = after_organisation(chars, i);
    if organisation && b == '第' {
        return Some(0.0);
    }
    if organisation || "的与及".contains(a) || b == '第' || b == '在' {
        return Some(1.0);
    }
    if "届次".contains(a) {
        return Some(if numeral(b) { 1.0 } else { 2.5 });
    }
    if a == '）' || a == '”' || a == '》' {
        return Some(1.5);
    }
    // Not inside the name of an office, which may hold 和 (人力资源和社会保障局): a 局 or
    // 厅 a few characters on, with nothing but letters before it, ends one.
    let name = chars[i..]
        .iter()
        .take(7)
        .take_while(|c| c.is_alphanumeric() && !"与的在暨".contains(**c))
        .any(|c| "局厅".contains(*c));
    if name {
        return Some(20.0);
    }
    if a == '和' {
        return Some(1.5);
    }
    // A line does not start with a joining word.
    if "的和与及".contains(b) {
        return Some(4.0);
    }
    Some(3.0)
}

/// A line shorter than this is not a line but a leftover.
const MIN_LINE_CHARS: usize = 3;

/// Splits `title` into lines no wider than `max_em` ems (at least two when it does not
/// fit on one), choosing the breaks with the lowest cost. Falls back to one line when
/// nothing sensible exists (a very long title is the writer's to shorten).
pub fn split_title(title: &str, max_em: f32) -> Vec<String> {
    let chars: Vec<char> = title.trim().chars().collect();
    let widths: Vec<f32> = chars.iter().map(|&c| em(c)).collect();
    let total: f32 = widths.iter().sum();
    if total <= max_em || chars.len() < 2 * MIN_LINE_CHARS {
        return vec![chars.iter().collect()];
    }
    // prefix[i] = width of chars[..i]
    let mut prefix = Vec::with_capacity(chars.len() + 1);
    prefix.push(0.0f32);
    for w in &widths {
        let last = prefix.last().copied().unwrap_or(0.0);
        prefix.push(last + w);
    }
    let width = |from: usize, to: usize| prefix[to] - prefix[from];
    let allowed = super::breaking::break_opportunities(&chars);
    let costs: Vec<Option<f32>> = (0..chars.len())
        .map(|i| {
            if i == 0 {
                None
            } else {
                break_cost(&chars, &allowed, i)
            }
        })
        .collect();
    let n = chars.len();
    let ok_len = |from: usize, to: usize| to - from >= MIN_LINE_CHARS && width(from, to) <= max_em;

    // Two lines: every break; three lines: every pair of breaks. Titles are short, so
    // the quadratic search is a few hundred steps. A third line costs a little: it is
    // taken when two lines would cut a word or break at a poor joint.
    let mut best: Option<(f32, Vec<usize>)> = None;
    let consider = |best: &mut Option<(f32, Vec<usize>)>, cost: f32, breaks: Vec<usize>| {
        if !best.as_ref().is_some_and(|(c, _)| cost >= *c) {
            *best = Some((cost, breaks));
        }
    };
    for (i, ci) in costs.iter().enumerate() {
        let Some(ci) = *ci else { continue };
        if !ok_len(0, i) {
            continue;
        }
        if ok_len(i, n) {
            consider(
                &mut best,
                2.0 * ci + (width(0, i) - width(i, n)).abs(),
                vec![i],
            );
        }
        for (j, cj) in costs.iter().enumerate().skip(i + 1) {
            let Some(cj) = *cj else { continue };
            if !ok_len(i, j) || !ok_len(j, n) {
                continue;
            }
            let ws = [width(0, i), width(i, j), width(j, n)];
            let spread = ws.iter().copied().fold(f32::MIN, f32::max)
                - ws.iter().copied().fold(f32::MAX, f32::min);
            consider(&mut best, 2.0 * (ci + cj) + spread + 6.0, vec![i, j]);
        }
    }
    let Some((_, breaks)) = best else {
        return vec![chars.iter().collect()];
    };
    let mut lines = Vec::with_capacity(breaks.len() + 1);
    let mut from = 0;
    for b in breaks.into_iter().chain([n]) {
        lines.push(chars[from..b].iter().collect());
        from = b;
    }
    lines
}

/// How a paragraph's lines are measured: sizes in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    /// Font size: a full-width character's advance.
    pub size: f32,
    /// Character spacing added to every character.
    pub spacing: f32,
    /// Width of the text block.
    pub width: f32,
    /// First-line indents to allow for: LibreOffice indents by `w:firstLine`, Word by
    /// `w:firstLineChars` in characters of the paragraph's own size; a break must be
    /// right under both.
    pub indents: [f32; 2],
}

/// Not counted as a character of its own on a line: a mark goes with its neighbour.
fn mark(c: char) -> bool {
    closing(c) || opening(c) || c == '—' || c == '…'
}

/// The lines of `chars` as a renderer sets them, as (start, end) char ranges: `forced`
/// breaks where the writer put one, each line as full as it fits (the first one indented),
/// a break moved back to where it is allowed. `hang`: a closing mark one past the end
/// stays on the line (Word and WPS); without, it takes the character before it down
/// (LibreOffice, which is told not to hang).
fn lay_out(
    chars: &[char],
    allowed: &[bool],
    m: &Measure,
    indent: f32,
    hang: bool,
    forced: Option<usize>,
) -> Vec<(usize, usize)> {
    let advance = |c: char| em(c) * m.size + m.spacing;
    let mut lines = Vec::new();
    let (mut start, mut room) = (0, m.width - indent);
    while start < chars.len() {
        let mut end = start;
        let mut used = 0.0;
        // 0.01 pt of slack: a line that fits exactly fits.
        while end < chars.len() && used + advance(chars[end]) <= room + 0.01 {
            used += advance(chars[end]);
            end += 1;
        }
        if let Some(f) = forced.filter(|f| (start + 1..=end).contains(f)) {
            end = f;
        } else if end < chars.len() {
            if hang && end > start && closing(chars[end]) && !closing(chars[end - 1]) {
                end += 1;
            }
            while end > start + 1 && end < chars.len() && !allowed[end] {
                end -= 1;
            }
            end = end.max(start + 1);
        }
        lines.push((start, end));
        start = end;
        room = m.width;
    }
    lines
}

/// Whether a line holds a single character (marks not counted) while it need not.
fn lone(chars: &[char], lines: &[(usize, usize)]) -> bool {
    lines.len() > 1
        && lines
            .iter()
            .any(|&(a, b)| chars[a..b].iter().filter(|c| !mark(**c)).count() < 2)
}

/// Where a paragraph that wraps takes a manual line break (as a char index) so that no
/// line holds a single character (…思想根 / 基 becomes …思想 / 根基), under every way
/// the renderers may set it (`Measure::indents`, hanging or not); `None` when it needs
/// none or no break a few characters back helps. The break goes as late as it can, at a
/// place a line may end.
pub fn lone_char_break(text: &str, m: &Measure) -> Option<usize> {
    let chars: Vec<char> = text.chars().collect();
    // Where a line may end: the one breaking table (no split of a Latin word, a number,
    // —— or ……; 禁则).
    let allowed = super::breaking::break_opportunities(&chars);
    let fine = |forced: Option<usize>| {
        m.indents.iter().all(|&indent| {
            [false, true]
                .iter()
                .all(|&hang| !lone(&chars, &lay_out(&chars, &allowed, m, indent, hang, forced)))
        })
    };
    if fine(None) {
        return None;
    }
    // Two to eight characters back from the end of the last line is enough: the lines
    // before it stay as they were.
    (chars.len().saturating_sub(8).max(1)..chars.len().saturating_sub(1))
        .rev()
        .filter(|&i| allowed[i])
        .find(|&i| fine(Some(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(
            split_title("在座谈会上的讲话", 20.0),
            vec!["在座谈会上的讲话"]
        );
    }

    #[test]
    fn breaks_at_natural_points() {
        assert_eq!(
            split_title("在市总工会2026年度先进集体和先进个人表彰大会上的讲话", 20.0),
            vec!["在市总工会2026年度先进集体和", "先进个人表彰大会上的讲话"]
        );
        assert_eq!(
            split_title(
                "在某某区庆祝“五一”国际劳动节暨劳动模范表彰大会上的讲话",
                20.0
            ),
            vec!["在某某区庆祝“五一”国际劳动节", "暨劳动模范表彰大会上的讲话"]
        );
        let lines = split_title(
            "在某某市总工会第十八届委员会第三次全体（扩大）会议上的工作报告",
            20.0,
        );
        assert_eq!(lines.len(), 2);
        assert!(lines[1].starts_with('第'), "{lines:?}");
    }

    #[test]
    fn never_leaves_a_character_alone_or_cuts_a_number() {
        for title in [
            "在全市职工职业技能竞赛启动仪式暨劳动和技能竞赛推进会上的讲话",
            "在2026年某某区工会工作会议上的讲话在2026年某某区工会工作会议上",
            "关于进一步加强新时代产业工人队伍建设改革工作推进落实情况的报告",
        ] {
            let lines = split_title(title, 20.0);
            assert_eq!(lines.concat(), title);
            for l in &lines {
                assert!(l.chars().count() >= MIN_LINE_CHARS, "{lines:?}");
                assert!(!l.starts_with(closing), "{lines:?}");
            }
            for w in lines.windows(2) {
                let (a, b) = (w[0].chars().last(), w[1].chars().next());
                assert!(
                    !(a.is_some_and(|c| c.is_ascii_digit())
                        && b.is_some_and(|c| c.is_ascii_digit())),
                    "{lines:?}"
                );
            }
        }
    }

    /// 3号 with −0.25 pt on a 156 mm line: 26 characters after the indent, then 28.
    const OFFICIAL: Measure = Measure {
        size: 16.0,
        spacing: -0.25,
        width: 442.25,
        indents: [32.0, 32.0],
    };

    fn lines_of(text: &str, m: &Measure, at: Option<usize>) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        lay_out(
            &chars,
            &crate::layout::breaking::break_opportunities(&chars),
            m,
            m.indents[0],
            false,
            at,
        )
        .iter()
        .map(|&(a, b)| chars[a..b].iter().collect())
        .collect()
    }

    #[test]
    fn a_heading_never_leaves_one_character_alone() {
        // 27 characters: the 27th would stand alone on the second line.
        let h = "一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想根基";
        assert_eq!(h.chars().count(), 27);
        assert_eq!(lines_of(h, &OFFICIAL, None)[1], "基");
        let at = lone_char_break(h, &OFFICIAL);
        assert_eq!(at, Some(25));
        assert_eq!(lines_of(h, &OFFICIAL, at)[1], "根基");
        // The podium's 一号-sized heading: 16 after the indent, Word's or LibreOffice's.
        let podium = Measure {
            size: 24.0,
            spacing: 0.0,
            width: 442.25,
            indents: [44.0, 48.0],
        };
        let h = "一、准确把握当前工会工作面临的形势";
        let at = lone_char_break(h, &podium);
        assert_eq!(lines_of(h, &podium, at)[1], "形势");
        // A mark does not count: 基。 alone is one character too.
        let h = "一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想根基。";
        assert_eq!(
            lines_of(h, &OFFICIAL, lone_char_break(h, &OFFICIAL))[1],
            "根基。"
        );
        // Headings that fit, or leave two or more, are left alone.
        for h in [
            "一、坚持用党的创新理论凝心铸魂",
            "一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想基础根基",
        ] {
            assert_eq!(lone_char_break(h, &OFFICIAL), None, "{h}");
        }
    }

    #[test]
    fn a_break_never_cuts_a_number_or_a_dash() {
        // 25 characters and 12 fill the first line; 年 would be alone. The break goes
        // before the number, not between its digits.
        let h = "一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思想12年";
        assert_eq!(lines_of(h, &OFFICIAL, None)[1], "年");
        let at = lone_char_break(h, &OFFICIAL);
        assert_eq!(lines_of(h, &OFFICIAL, at)[1], "12年");
        // …思—— / 想: not between the dashes, nor before them (——想 is one character).
        let h = "一、坚持用党的创新理论凝心铸魂，筑牢团结奋斗的思——想";
        assert_eq!(lines_of(h, &OFFICIAL, None)[1], "想");
        let at = lone_char_break(h, &OFFICIAL);
        assert_eq!(lines_of(h, &OFFICIAL, at)[1], "思——想");
    }

    #[test]
    fn titles_break_between_phrases_never_inside_a_word() {
        let official = |t: &str| split_title(t, 20.33);
        // Not …三次全 / 委…: the meeting's ordinal ends the line.
        assert_eq!(
            official("在市总工会十五届三次全委（扩大）会议上的讲话"),
            ["在市总工会十五届三次", "全委（扩大）会议上的讲话"]
        );
        // The committee's name, then the meeting.
        assert_eq!(
            official("在市总工会第十五届委员会第三次全体（扩大）会议上的工作报告"),
            [
                "在市总工会第十五届委员会",
                "第三次全体（扩大）会议上的工作报告"
            ]
        );
        // A subtitle goes on a line of its own.
        assert_eq!(
            official("牢记初心使命，当好职工群众的娘家人——市总工会专题党课讲稿"),
            [
                "牢记初心使命，当好职工群众的娘家人",
                "——市总工会专题党课讲稿"
            ]
        );
        // Three lines rather than 职工技 / 能 or 人力资源和 / 社会保障局.
        assert_eq!(
            official(
                "在市总工会与市人力资源和社会保障局职工技能提升和就业服务合作协议签约仪式上的致辞"
            ),
            [
                "在市总工会与市人力资源和社会保障局",
                "职工技能提升和就业服务",
                "合作协议签约仪式上的致辞"
            ]
        );
        // A blank slot's marker stays whole.
        for line in official("在【单位】第【届次】届委员会第【次数】次全体（扩大）会议上的工作报告")
        {
            assert_eq!(
                line.matches('【').count(),
                line.matches('】').count(),
                "{line}"
            );
        }
        // The podium's larger title: 17 characters a line.
        assert_eq!(
            split_title("在2026年春节走访慰问一线职工时的致辞", 17.0),
            ["在2026年春节走访", "慰问一线职工时的致辞"]
        );
        assert_eq!(
            split_title(
                "严守纪律规矩，做清正廉洁的工会干部——市总工会党风廉政建设专题党课讲稿",
                17.0
            ),
            [
                "严守纪律规矩，做清正廉洁的工会干部",
                "——市总工会",
                "党风廉政建设专题党课讲稿"
            ]
        );
    }

    #[test]
    fn very_long_titles_take_three_lines() {
        let title = "在某某省总工会第十五届委员会第四次全体（扩大）会议暨全省工会工作会议和劳动模范表彰大会上的讲话";
        let lines = split_title(title, 20.0);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines.concat(), title);
    }
}
