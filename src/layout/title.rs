//! Splitting a long title into balanced lines (GB/T 9704: a long title is set in two or
//! more lines shaped as a trapezoid or diamond). Without a dictionary the breaks are
//! scored by cheap rules: punctuation, 暨, ——, function characters and a short list of
//! words that must not be cut; the rest is balance.

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
    "启动", "动员", "誓师", "命名", "颁奖", "典礼", "论坛", "峰会", "年会", "联席", "推进", "现场",
    "电视", "电话", "视频", "工程", "项目", "竞赛", "技能", "服务", "活动", "开幕", "发言",
];

/// The cost of breaking before `chars[i]`; `None` where a break is not allowed.
fn break_cost(chars: &[char], allowed: &[bool], i: usize) -> Option<f32> {
    let (a, b) = (chars[i - 1], chars[i]);
    if closing(b) || opening(a) {
        return None;
    }
    if !allowed[i] {
        return None;
    }
    if b == '—' || "，、；：".contains(a) || b == '暨' {
        return Some(0.0);
    }
    if numeral(a) && (numeral(b) || "次届年月日个名项号周".contains(b)) {
        return Some(12.0);
    }
    let pair: String = [a, b].iter().collect();
    if WORDS.contains(&pair.as_str()) {
        return Some(8.0);
    }
    if "的和与及暨".contains(a) || b == '第' || b == '在' {
        return Some(1.0);
    }
    if a == '）' || a == '”' || a == '》' {
        return Some(1.5);
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
    // the quadratic search is a few hundred steps.
    let mut best: Option<(f32, Vec<usize>)> = None;
    let consider = |best: &mut Option<(f32, Vec<usize>)>, cost: f32, breaks: Vec<usize>| {
        if !best.as_ref().is_some_and(|(c, _)| cost >= *c) {
            *best = Some((cost, breaks));
        }
    };
    for (i, c) in costs.iter().enumerate() {
        let Some(c) = *c else { continue };
        if ok_len(0, i) && ok_len(i, n) {
            consider(
                &mut best,
                2.0 * c + (width(0, i) - width(i, n)).abs(),
                vec![i],
            );
        }
    }
    if best.is_none() {
        for (i, ci) in costs.iter().enumerate() {
            let Some(ci) = *ci else { continue };
            if !ok_len(0, i) {
                continue;
            }
            for (j, cj) in costs.iter().enumerate().skip(i + 1) {
                let Some(cj) = *cj else { continue };
                if !ok_len(i, j) || !ok_len(j, n) {
                    continue;
                }
                let ws = [width(0, i), width(i, j), width(j, n)];
                let spread = ws.iter().copied().fold(f32::MIN, f32::max)
                    - ws.iter().copied().fold(f32::MAX, f32::min);
                consider(&mut best, 2.0 * (ci + cj) + spread, vec![i, j]);
            }
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

    #[test]
    fn very_long_titles_take_three_lines() {
        let title = "在某某省总工会第十五届委员会第四次全体（扩大）会议暨全省工会工作会议和劳动模范表彰大会上的讲话";
        let lines = split_title(title, 20.0);
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines.concat(), title);
    }
}
