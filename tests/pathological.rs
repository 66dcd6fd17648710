//! Pathological input for correctness, not time (`benches/pathological.rs` times them):
//! every shape at small sizes goes through the import, the check and the fix pass without
//! a panic, keeps its text and gives sane findings. And the cleaner's promise — a speech is
//! never lost — as a property: site text before and after a speech, on separate lines or
//! all on one line, never takes a sentence of the speech with it.
//!
//! All speech and site text here is freshly written for these tests. The corpus speeches
//! (`../shared/corpus`) are read at test time when the folder is there.

use std::path::Path;

use jianggao::check::{self, Finding};
use jianggao::document::Document;
use jianggao::import::{self, Analysis};
use jianggao::render;
use jianggao::store::{Place, Store};
use proptest::prelude::*;

const ZH: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The shapes of `benches/pathological.rs`, built to about `n` bytes.
fn shapes(n: usize) -> Vec<(&'static str, String)> {
    let rep = |unit: &str| unit.repeat((n / unit.len()).max(1));
    let mut headings = String::from("在全市工会工作会议上的讲话\n同志们：\n");
    let mut placeholders = String::from("在X届X次会议上的讲话\n同志们：\n");
    let mut commas = String::from("在全市工会工作会议上的讲话\n");
    let mut items = String::from("在全市工会工作会议上的讲话\n同志们：\n");
    let mut i = 0;
    while headings.len() < n {
        let z = ZH[i % 10];
        let d = i % 9 + 1;
        headings.push_str(&format!(
            "{z}、加强领导\n（{z}）抓好落实\n{d}.明确责任\n（{d}）狠抓推进\n"
        ));
        placeholders.push_str(&format!(
            "第{i}项X工作，20**年增长X%，发放**万元，X区___同志【届次】。\n"
        ));
        commas.push_str(&format!("第{i}项工作,要抓(落实),"));
        items.push_str(&format!("{d}、加强组织领导,抓好第{i}项工作。\n"));
        i += 1;
    }
    commas.push('。');
    let k = n / 8;
    let deep = format!(
        "{}中{}{}{}",
        "(".repeat(k),
        ")".repeat(k),
        "《（【".repeat(k / 24 + 1),
        "]".repeat(k / 2 + 1)
    );
    vec![
        ("X", rep("X")),
        ("*", rep("*")),
        ("_", rep("_")),
        ("×", rep("×")),
        ("【", rep("【")),
        ("一是", rep("一是")),
        ("中(", rep("中(")),
        (
            "one huge line",
            format!(
                "在全市工会工作会议上的讲话\n同志们：\n{}",
                rep("今天我们召开会议，总结工作、部署任务。一是加强学习；二是抓好落实。")
            ),
        ),
        (
            "no line breaks",
            rep("首页 | 讲话稿 扫码关注公众号 在全市工会工作会议上的讲话 时间：2024-05-01 09:30:00 \
                 同志们：今天我们召开会议，总结工作。……(某某文秘网省略300字,正式会员可完整阅读)……\
                 二是抓好落实，见到实效。谢谢大家！ 本站仅提供信息存储空间服务。 上一篇：某某讲话 "),
        ),
        ("deep brackets", deep),
        ("headings", headings),
        ("placeholders", placeholders),
        ("half-width", commas),
        ("1、 items", items),
    ]
}

fn no_space(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// The analysis as a draft in a fresh store.
fn stored(a: &Analysis) -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let template = store.templates(None).unwrap()[0].id.clone();
    let id = store
        .create_draft(&template, a.title.as_deref(), &[])
        .unwrap();
    for n in store.draft(id).unwrap().nodes {
        store.remove_node(id, n.id).unwrap();
    }
    store.insert_nodes(id, a.outline(), Place::End).unwrap();
    (store, id)
}

/// Every finding points at its own text in the document.
fn assert_sane(doc: &Document, findings: &[Finding], shape: &str) {
    for f in findings {
        let text = match (f.node, f.part) {
            (Some(id), _) => doc
                .find(id)
                .unwrap_or_else(|| panic!("{shape}: no node {id}"))
                .text
                .clone(),
            (None, "title") => doc.title.clone(),
            (None, "speaker") => doc.speaker.clone().unwrap_or_default(),
            (None, "date") => doc.date.clone().unwrap_or_default(),
            (None, "greeting") => doc.greeting.clone().unwrap_or_default(),
            (None, _) => continue,
        };
        let chars: Vec<char> = text.chars().collect();
        assert!(
            f.offset + f.length <= chars.len().max(f.offset),
            "{shape}: {f:?} past the end"
        );
        if !f.text.is_empty() && f.rule != "repeated-sentence" {
            let at: String = chars[f.offset..f.offset + f.length].iter().collect();
            assert_eq!(at, f.text, "{shape}: {}", f.rule);
        }
    }
}

#[test]
fn every_shape_goes_through_import_check_and_fix() {
    for size in [200, 3_000] {
        for (shape, text) in shapes(size) {
            let a = import::analyze(text.as_bytes(), "shape.txt")
                .unwrap_or_else(|e| panic!("{shape}: {e}"));
            let kept = no_space(&a.cleaned_text);
            // A row of stars or underscores alone is a divider line and goes, as it always
            // did; everything else keeps text.
            if matches!(shape, "*" | "_") {
                assert!(kept.is_empty() || kept == text, "{shape}");
                continue;
            }
            assert!(!kept.is_empty(), "{shape}: nothing kept");
            // One character over and over: all of it is kept (half-width marks become
            // full-width).
            if matches!(shape, "X" | "×" | "【" | "一是" | "中(") {
                assert_eq!(kept, text.replace('(', "（"), "{shape}");
            }
            if matches!(
                shape,
                "one huge line" | "headings" | "placeholders" | "1、 items"
            ) {
                let before = no_space(&text).chars().count();
                assert!(
                    kept.chars().count() * 10 >= before * 9,
                    "{shape}: {} of {before} characters kept",
                    kept.chars().count()
                );
            }
            if shape == "no line breaks" {
                for s in ["今天我们召开会议，总结工作。", "二是抓好落实，见到实效。"]
                {
                    assert!(kept.contains(s), "{shape}: {s} lost");
                }
                for cruft in ["本站", "扫码", "文秘网", "上一篇"] {
                    assert!(!kept.contains(cruft), "{shape}: {cruft} left");
                }
            }
            let (mut store, id) = stored(&a);
            let doc = render::render(&store.draft(id).unwrap());
            let findings = check::check(&doc);
            assert_sane(&doc, &findings, shape);
            let fixable = findings.iter().filter(|f| f.fix.is_some()).count();
            let report = store.apply_fixes(id, &findings).unwrap();
            assert_eq!(
                report.fixed_count + report.not_fixed_count,
                fixable,
                "{shape}"
            );
            // Fixed is fixed: the check finds none of them again.
            let again = check::check(&render::render(&store.draft(id).unwrap()));
            let left = again.iter().filter(|f| f.fix.is_some()).count();
            assert_eq!(left, report.not_fixed.len(), "{shape}");
        }
    }
}

#[test]
fn the_check_finds_what_the_shapes_hold() {
    let rules = |text: &str| -> Vec<&'static str> {
        let a = import::analyze(text.as_bytes(), "t.txt").unwrap();
        let (store, id) = stored(&a);
        check::check(&render::render(&store.draft(id).unwrap()))
            .into_iter()
            .map(|f| f.rule)
            .collect()
    };
    // Every bracket of a deep nest is paired; a closer of another kind is not.
    let deep = format!("讲话\n{}中{}", "（".repeat(300), "）".repeat(300));
    assert!(!rules(&deep).contains(&"unpaired"));
    let wrong = format!("讲话\n{}中{}", "（".repeat(300), "】".repeat(300));
    assert_eq!(
        rules(&wrong).iter().filter(|r| **r == "unpaired").count(),
        600
    );
    // A run of X longer than a placeholder is a word, whatever its length.
    assert!(!rules(&format!("讲话\n说{}。", "X".repeat(5000))).contains(&"placeholder"));
    // The import makes half-width marks full-width already.
    let commas = format!("讲话\n{}。", "工作,".repeat(2000));
    assert!(!rules(&commas).contains(&"half-width-punct"));
}

// ---------------------------------------------------------------------------------------
// A speech is never lost.

/// Speeches written for this test: title, greeting, paragraphs, headings, items.
const SPEECHES: &[&[&str]] = &[
    &[
        "在全县职工技能比武表彰会上的讲话",
        "同志们：",
        "今天我们在这里召开表彰会，为一年来在比武中脱颖而出的职工颁奖。",
        "一、肯定成绩，看到变化",
        "一年来，全县各级工会围绕中心工作，组织了多场岗位练兵活动。",
        "一是参与面更广了，二是项目更实了，三是带动作用更强了。",
        "二、正视不足，明确方向",
        "有的单位重比赛、轻培训，有的单位只有少数骨干参与，这些问题要认真解决。",
        "同志们，让我们以这次表彰为新的起点，把技能提升工作做得更好！谢谢大家！",
    ],
    &[
        "在社区工会工作推进会上的发言",
        "各位代表、同志们：",
        "下面，我就社区工会建设讲三点意见。",
        "第一，要把阵地建起来。没有阵地，服务就落不了地。",
        "第二，要把队伍带起来。社区工会干部大多是兼职，培训必须跟上。",
        "第三，要把活动办起来？我看不仅要办，还要办出特色！",
        "最后，希望大家回去以后抓紧落实。",
    ],
    &[
        "关于做好新就业形态劳动者服务工作的几点意见",
        "同志们：",
        "快递员、外卖骑手、网约车司机越来越多，工会的服务也要跟上。",
        "（一）摸清底数",
        "要逐一走访辖区内的站点，建立台账，做到心中有数。",
        "（二）办好实事",
        "夏送清凉、冬送温暖，驿站要开在他们最需要的地方；服务时间要灵活。",
        "全年计划新建驿站20个，覆盖率达到90%以上。",
    ],
];

/// Site text written for this test: what a page prints above a speech…
const HEADER: &[&str] = &[
    "首页 > 范文大全 > 讲话稿",
    "扫码关注公众号，获取更多资料",
    "加客服微信：135792468",
    "时间：2023-04-05 10:20:00",
    "来源：某某文库网",
    "阅读量：2048",
    "分享到：微信 微博 QQ空间",
    "http://www.example-fanwen.cn/jianghua/123.html",
    "(0)",
];

/// …and below it.
const FOOTER: &[&str] = &[
    "本站仅提供信息存储空间服务，不拥有所有权，不承担相关法律责任。",
    "如若转载，请注明出处：https://www.example-fanwen.cn/123.html",
    "版权归原作者所有，侵权请联系删除。",
    "上一篇：某某单位年度工作总结",
    "下一篇：某某同志学习心得体会",
    "相关推荐",
    "猜你喜欢",
    "返回顶部",
    "立即扫码添加客服",
];

/// The sentences of a speech: its lines cut after 。！？ (spaces aside).
fn sentences(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for l in lines {
        let mut cur = String::new();
        for c in l.chars() {
            cur.push(c);
            if matches!(c, '。' | '！' | '？') {
                out.push(no_space(&std::mem::take(&mut cur)));
            }
        }
        if !no_space(&cur).is_empty() {
            out.push(no_space(&cur));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The three corpus speeches with their cruft removed (the cleaner's own output), when
/// `../shared/corpus` is there.
fn corpus_speeches() -> Vec<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let name = p.file_name()?.to_string_lossy().to_string();
            let a = import::analyze(&bytes, &name).ok()?;
            Some(a.cleaned_text.lines().map(str::to_string).collect())
        })
        .collect()
}

/// Cleans `header + speech + footer` and returns the sentences of `speech` it lost.
fn lost(
    header: &[&str],
    speech: &[String],
    footer: &[&str],
    join: &str,
    inner: &str,
) -> Vec<String> {
    let mut parts: Vec<String> = header.iter().map(|s| s.to_string()).collect();
    parts.push(speech.join(inner));
    parts.extend(footer.iter().map(|s| s.to_string()));
    let text = parts.join(join);
    let a = import::analyze_text(&text, "page.txt").unwrap();
    let kept = no_space(&a.cleaned_text);
    sentences(speech)
        .into_iter()
        .filter(|s| !kept.contains(s.as_str()))
        .collect()
}

/// The ways a page's lines come joined: kept, or lost (all on one line).
const JOINS: &[(&str, &str)] = &[
    ("\n", "\n"),
    ("\n\n", "\n"),
    (" ", ""),
    (" ", " "),
    ("\u{3000}", ""),
    ("  ", "  "),
    (" | ", ""),
    ("\t", ""),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn site_text_around_a_speech_never_takes_a_sentence(
        speech in 0..SPEECHES.len(),
        header in proptest::sample::subsequence(HEADER, 0..=HEADER.len()),
        footer in proptest::sample::subsequence(FOOTER, 0..=FOOTER.len()),
        join in 0..JOINS.len(),
    ) {
        let s: Vec<String> = SPEECHES[speech].iter().map(|l| l.to_string()).collect();
        let (j, inner) = JOINS[join];
        let missing = lost(&header, &s, &footer, j, inner);
        prop_assert!(missing.is_empty(), "lost {:?} with join {:?}", missing, j);
    }
}

#[test]
fn corpus_speeches_survive_their_site_text_on_one_line() {
    let speeches = corpus_speeches();
    if speeches.is_empty() {
        eprintln!("../shared/corpus is absent; skipping");
        return;
    }
    for s in &speeches {
        for &(j, inner) in JOINS {
            for (header, footer) in [(HEADER, FOOTER), (&HEADER[..2], &FOOTER[3..])] {
                let missing = lost(header, s, footer, j, inner);
                assert!(missing.is_empty(), "lost {missing:?} with join {j:?}");
            }
        }
    }
}

/// The corpus page joined into one line, as a site that lost its line breaks serves it.
#[test]
fn a_corpus_page_on_one_line_keeps_its_speech() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !dir.is_dir() {
        eprintln!("../shared/corpus is absent; skipping");
        return;
    }
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let lines: Vec<String> = import::analyze(&bytes, &name)
            .unwrap()
            .cleaned_text
            .lines()
            .map(str::to_string)
            .collect();
        let text = String::from_utf8_lossy(&bytes).to_string();
        for join in ["", " "] {
            let one = text.lines().collect::<Vec<_>>().join(join);
            let a = import::analyze(one.as_bytes(), &name).unwrap();
            let kept = no_space(&a.cleaned_text);
            assert!(!kept.is_empty(), "{name}: nothing kept with join {join:?}");
            let missing: Vec<String> = sentences(&lines)
                .into_iter()
                .filter(|s| s.chars().count() >= 6 && !kept.contains(s.as_str()))
                .collect();
            assert!(
                missing.is_empty(),
                "{name} with join {join:?}: lost {missing:?}"
            );
        }
    }
}
